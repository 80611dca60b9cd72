"""The shape of the hot paths, not their speed: how many SQL statements a request issues and what they read,
which index the page read uses, that caching validators stay exact, and that the speed-ups keep no state
between requests. No timing is asserted; `bench/service_bench.py` measures the speed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, text

from service.comments.models import Comment
from service.db import database
from service.visitor_text import render_visitor_text

PAGE = "/2024/05/03/clean-air/"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0"


@contextmanager
def statements(app: Flask, *, also: str | None = None) -> Iterator[list[str]]:
    """The SQL statements the app's engine sends while the block runs; `also="commit"` lists commits too."""
    sent: list[str] = []

    def record(_connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(" ".join(statement.split()))

    def record_commit(_connection: Any) -> None:
        sent.append("COMMIT")

    engine = app.extensions["herald_db"].engine
    listeners = [("before_cursor_execute", record), *([("commit", record_commit)] if also == "commit" else [])]
    for name, listener in listeners:
        event.listen(engine, name, listener)
    try:
        yield sent
    finally:
        for name, listener in listeners:
            event.remove(engine, name, listener)


def post_comment(client: Any, **fields: Any) -> dict[str, Any]:
    response = client.post("/api/comments", json={"page": PAGE, "author": "Ada", "body": "Hello", **fields})
    assert response.status_code == 201, response.json
    return response.json


def test_a_page_read_is_its_version_then_one_select_of_the_shown_columns_only(app, client):
    for number in range(5):
        post_comment(client, body=f"comment {number}")
    with statements(app) as sent:
        response = client.get("/api/comments", query_string={"page": PAGE})
    assert response.status_code == 200 and len(response.json["comments"]) == 5
    assert len(sent) == 2 and sent[0].startswith("SELECT comment_page_versions.version "), sent
    assert sent[1].startswith("SELECT"), sent
    selected = sent[1].split(" FROM ")[0]
    assert "email" not in selected and "comments.body" not in selected, "never read what is not shown"


def test_reading_an_unchanged_page_again_reads_only_its_version(app, client):
    post_comment(client)
    first = client.get("/api/comments", query_string={"page": PAGE})
    with statements(app) as sent:
        again = client.get("/api/comments", query_string={"page": PAGE})
    assert [statement.split(" FROM ")[1].split()[0] for statement in sent] == ["comment_page_versions"]
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]


def test_the_page_read_uses_the_page_status_id_index(app, client):
    if app.extensions["herald_db"].engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL picks plans by table size")
    post_comment(client)
    with statements(app) as sent:
        client.get("/api/comments", query_string={"page": PAGE})
    [page_read] = [statement for statement in sent if " FROM comments " in statement]
    with app.extensions["herald_db"].engine.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {page_read}", (PAGE, "approved", "deleted")).all()
    assert any("ix_comments_page_status_id" in str(step) for step in plan), plan


def first_event_of_the_day(client: Any) -> None:
    """The day's first event in a process looks up (or makes) the visitor salt; the hot path is every later one."""
    assert client.post("/api/events", json={"type": "pageview", "path": "/"}, headers={"User-Agent": BROWSER}
                       ).status_code == 204


def test_a_beacon_is_one_insert_without_returning(app, client):
    first_event_of_the_day(client)
    with statements(app) as sent:
        response = client.post("/api/events", json={"type": "pageview", "path": "/a/"},
                               headers={"User-Agent": BROWSER})
    assert response.status_code == 204
    assert len(sent) == 1 and sent[0].startswith("INSERT INTO events"), sent
    assert "RETURNING" not in sent[0]


def test_a_new_comment_is_its_insert_and_its_event_in_one_commit(app, client):
    first_event_of_the_day(client)
    with statements(app, also="commit") as sent:
        post_comment(client)
    assert [statement.split(" (")[0] for statement in sent] == ["INSERT INTO comments", "INSERT INTO events", "COMMIT"]


def test_the_etag_changes_when_a_comment_becomes_a_placeholder(app, client):
    """The case a validator made of count, max(id) and max(edited) would miss: same rows, another status."""
    parent = post_comment(client)
    post_comment(client, parent=parent["id"], body="A reply")
    before = client.get("/api/comments", query_string={"page": PAGE})
    deleted = client.delete(f"/api/comments/{parent['id']}", headers={"Authorization": f"Bearer {parent['token']}"})
    assert deleted.status_code == 204
    with app.extensions["herald_db"].engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM comments")).scalar_one() == 2
    after = client.get("/api/comments", query_string={"page": PAGE}, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.json["comments"][0]["deleted"] is True
    assert after.headers["ETag"] != before.headers["ETag"]


@pytest.mark.parametrize("enabled", [False, True])
def test_views_are_wrapped_by_the_limiter_only_when_limits_are_on(make_app, enabled):
    app = make_app(RATELIMIT_ENABLED=enabled)
    view = app.view_functions["comments.post_comment"]
    assert hasattr(view, "__wrapped__") is enabled


def test_a_reused_converter_forgets_the_previous_text():
    """One Markdown converter serves many comments per thread: a reference one comment defines must not
    turn another comment's brackets into a link."""
    assert "<a " in render_visitor_text("[site][ref]\n\n[ref]: https://example.org/")
    assert "<a " not in render_visitor_text("[site][ref]")
    assert render_visitor_text("*one*") == "<p><em>one</em></p>"


def test_the_page_read_shows_what_the_orm_shows(app, client):
    """The read skips the ORM; its answer must still be the comment as stored, time zones included."""
    created = post_comment(client, website="https://ada.example.org/")
    shown = client.get("/api/comments", query_string={"page": PAGE}).json["comments"]
    single = client.get(f"/api/comments/{created['id']}").json
    assert shown == [single]
    with app.app_context(), database().sessions() as session:
        stored = session.get(Comment, created["id"])
        assert stored is not None and shown[0]["created"] == stored.created.isoformat(timespec="microseconds")
