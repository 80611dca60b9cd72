"""Ids are never given twice, and an edit token opens only the one comment it was issued for.

A table without AUTOINCREMENT on SQLite gives the highest id again once its row is gone; a token naming only
an id then opened the next visitor's comment. Every test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from flask import Flask
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import Connection, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.board.models import BoardPost, BoardThread
from service.comments.access import EDIT_TOKEN_SALT
from service.comments.models import Comment
from service.contact.models import ContactMessage
from service.db import Database
from service.schema import MIGRATIONS_DIR, upgrade_schema
from tests.service.conftest import new_database
from tests.service.test_comments import CommentApi

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def api(client) -> CommentApi:
    return CommentApi(client)


@pytest.mark.parametrize("deleted_by", ["author", "admin"])
def test_a_deleted_comments_token_never_opens_the_next_comment(api, admin_headers, deleted_by):
    first = api.create(body="Mine")
    if deleted_by == "author":
        assert api.delete(first["id"], first["token"]).status_code == 204
    else:
        assert api.call("DELETE", "/api/admin/comments/{comment_id}", f"/api/admin/comments/{first['id']}",
                        headers=admin_headers).status_code == 204
    second = api.create(author="Bea", body="Theirs")
    assert second["id"] > first["id"], "the deleted comment's id was given again"
    for response in (api.edit(second["id"], first["token"], body="Hijacked"), api.delete(second["id"], first["token"])):
        assert response.status_code == 403 and response.json["error"]["code"] == "token_mismatch"
    assert [(comment["id"], comment["author"]) for comment in api.shown()] == [(second["id"], "Bea")]


def test_a_token_does_not_open_another_row_that_takes_its_comments_id(app, api):
    """Even were an id given again (forced here in the database), the token opens only the row it was made for."""
    first = api.create(body="Mine")
    second = api.create(author="Bea", body="Theirs")
    with app.extensions["herald_db"].engine.begin() as connection:
        connection.execute(text("DELETE FROM comments WHERE id = :id"), {"id": first["id"]})
        connection.execute(text("UPDATE comments SET id = :old WHERE id = :new"),
                           {"old": first["id"], "new": second["id"]})
    for response in (api.edit(first["id"], first["token"], body="Hijacked"), api.delete(first["id"], first["token"])):
        assert response.status_code == 403 and response.json["error"]["code"] == "token_mismatch"
    [shown] = api.shown()
    assert (shown["id"], shown["author"], shown["html"]) == (first["id"], "Bea", "<p>Theirs</p>")


def test_the_row_keeps_only_the_hash_of_the_secret_in_the_token(app, api):
    created = api.create()
    comment_id, secret = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=EDIT_TOKEN_SALT).loads(created["token"])
    with app.extensions["herald_db"].engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM comments WHERE id = :id"), {"id": comment_id}).one()
    assert row.edit_secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert not any(secret in str(value) for value in row)


def _comment(session: Session) -> Comment:
    return Comment(page="/a/", body="x", html="<p>x</p>", status="approved", created=NOW)


def _thread(session: Session) -> BoardThread:
    return BoardThread(title="A thread", author="Ada", status="approved", locked=False, created=NOW,
                       last_activity=NOW, post_count=0)


def _post(session: Session) -> BoardPost:
    return BoardPost(thread=_thread(session), author="Ada", body="x", html="<p>x</p>", status="approved",
                     created=NOW)


def _message(session: Session) -> ContactMessage:
    return ContactMessage(name="Ada", email="ada@example.org", message="Hello", message_id="<1@herald>",
                          status="queued", attempts=0, next_attempt_at=NOW, created=NOW)


@pytest.mark.parametrize("make_row", [_comment, _thread, _post, _message],
                         ids=["comments", "board_threads", "board_posts", "contact_messages"])
def test_the_newest_rows_id_is_not_given_again_once_it_is_gone(app: Flask, make_row: Callable[[Session], Any]):
    database: Database = app.extensions["herald_db"]
    with database.session() as session:
        newest = make_row(session)
        session.add(newest)
        session.flush()
        gone_id = newest.id
        session.delete(newest)
    with database.session() as session:
        again = make_row(session)
        session.add(again)
        session.flush()
        assert again.id > gone_id


# The newest revision of each branch before ids stopped being reused and comments got their edit secrets.
BEFORE_THE_CHANGE = ("comments_0002", "board_0001", "contact_0001", "events_0001")


@pytest.fixture
def old_database(database_url: str, tmp_path) -> Iterator[Database]:
    """An empty database of the test's backend, migrated only as far as BEFORE_THE_CHANGE."""
    with new_database(make_url(database_url).get_backend_name(), tmp_path) as url:
        database = Database(url)  # tuned as the service's own: foreign keys enforced on SQLite
        try:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            with database.engine.begin() as connection:
                config.attributes["connection"] = connection
                for revision in BEFORE_THE_CHANGE:
                    command.upgrade(config, revision)
            yield database
        finally:
            database.engine.dispose()


def _rows(connection: Connection, table: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))]


def _insert(connection: Connection, model: type[Any], **values: Any) -> int:
    """A row through the table as the models declare it (only the given columns), returning its id."""
    table = model.__table__
    return connection.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()


def _new_comment_id(connection: Connection, parent: int | None = None) -> int:
    return _insert(connection, Comment, page="/a/", parent_id=parent, author="Ada", body="x", html="<p>x</p>",
                   status="approved", created=NOW)


def test_upgrading_keeps_every_row_and_constraint_and_stops_reusing_ids(old_database):
    with old_database.engine.begin() as connection:
        root = _new_comment_id(connection)
        _new_comment_id(connection, parent=root)
        thread = _insert(connection, BoardThread, title="T", author="Ada", status="approved", locked=False,
                         created=NOW, last_activity=NOW, post_count=2)
        for author in ("Ada", "Bea"):
            _insert(connection, BoardPost, thread_id=thread, author=author, body="x", html="x", status="approved",
                    created=NOW)
        _insert(connection, ContactMessage, name="Ada", email="ada@example.org", message="Hi",
                message_id="<1@herald>", status="queued", attempts=0, next_attempt_at=NOW, created=NOW)
        before = {table: _rows(connection, table)
                  for table in ("comments", "board_threads", "board_posts", "contact_messages")}

    upgrade_schema(old_database)
    with old_database.engine.begin() as connection:
        after = {table: _rows(connection, table) for table in before}
        before["comments"] = [(*row, None) for row in before["comments"]]  # with no edit secret: old tokens fail
        before["contact_messages"] = [(*row, None) for row in before["contact_messages"]]  # no language kept then
        assert after == before, "rows were lost or changed"
        version = connection.execute(text("SELECT version FROM comment_page_versions WHERE page = '/a/'")).scalar()
        newest = _new_comment_id(connection, parent=root)
        assert connection.execute(text("SELECT version FROM comment_page_versions WHERE page = '/a/'")).scalar() \
            == version + 1, "the page-version triggers still fire"
        connection.execute(text("DELETE FROM comments WHERE id = :id"), {"id": newest})
        assert _new_comment_id(connection) > newest
    for broken in ("UPDATE board_posts SET thread_id = 99", "UPDATE comments SET status = 'spam'",
                   "UPDATE comments SET parent_id = 99"):
        with pytest.raises(IntegrityError), old_database.engine.begin() as connection:
            connection.execute(text(broken))
    with old_database.engine.begin() as connection:
        connection.execute(text("DELETE FROM board_threads"))
        assert _rows(connection, "board_posts") == [], "a thread's posts still go with it"
