"""Comment storage without HTTP: thread shape around removed comments, and erasing a person."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.comments import store
from service.comments.models import APPROVED, DELETED, PENDING, Comment
from service.comments.validation import NewComment

PAGE = "/about/"


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    with app.app_context(), app.extensions["herald_db"].session() as session:
        yield session


def add(session: Session, *, parent: Comment | None = None, email: str | None = None,
        status: str = APPROVED) -> Comment:
    draft = NewComment(page=PAGE, parent=parent.id if parent else None, author="Ada", email=email, website=None,
                       body="Text")
    stored = store.add_comment(session, draft, status=status)
    comment = session.get(Comment, stored.id)  # the store's model of the row, as removing and erasing take it
    assert comment is not None and comment.html == stored.html
    return comment


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Comment)) or 0


def test_html_is_rendered_once_when_stored(session):
    assert add(session).html == "<p>Text</p>"


def test_a_removed_comment_without_replies_is_gone(session):
    store.remove_comment(session, add(session))
    assert count(session) == 0


def test_placeholders_go_when_their_last_reply_goes(session):
    root = add(session)
    middle = add(session, parent=root)
    leaf = add(session, parent=middle)
    store.remove_comment(session, root)
    store.remove_comment(session, middle)
    assert [comment.status for comment in store.page_thread(session, PAGE)] == [DELETED, DELETED, APPROVED]
    store.remove_comment(session, leaf)
    assert count(session) == 0


def test_a_placeholder_with_only_pending_replies_is_not_shown(session):
    root = add(session)
    add(session, parent=root, status=PENDING)
    store.remove_comment(session, root)
    assert store.page_thread(session, PAGE) == []
    assert count(session) == 2, "kept, so the pending reply still has its parent once approved"


def test_erasing_keeps_others_replies_in_place(session):
    mine = add(session, email="ada@example.org")
    theirs = add(session, parent=mine, email="bea@example.org")
    my_reply = add(session, parent=theirs, email="ADA@example.org")
    assert store.erase_comments_by_email(session, " Ada@Example.org ") == 2
    assert session.get(Comment, my_reply.id) is None
    placeholder = session.get(Comment, mine.id)
    assert placeholder is not None and placeholder.status == DELETED
    assert (placeholder.author, placeholder.email, placeholder.body) == (None, None, "")
    assert session.get(Comment, theirs.id).email == "bea@example.org"


def test_ids_beyond_the_columns_range_find_nothing(session):
    assert store.live_comment(session, 2**40) is None
    assert store.published_comment(session, 0) is None
