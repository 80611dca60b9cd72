"""The board's storage without HTTP: erasing a person, and keeping counts true."""

from __future__ import annotations

from sqlalchemy import func, select

from service.board import store
from service.board.models import BoardPost, BoardThread
from service.board.validation import NewPost, NewThread
from service.db import database
from service.erasure import erase_email
from service.moderation import APPROVED


def new_thread(title: str, email: str | None) -> NewThread:
    return NewThread(title=title, opening=NewPost(author="Someone", body=f"About {title}", email=email))


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_erasing_an_email_removes_its_posts_and_the_threads_it_opened(app):
    with app.app_context():
        with database().session() as session:
            theirs, _ = store.create_thread(session, new_thread("Theirs", "Ada@Example.org"), APPROVED)
            store.add_reply(session, theirs, NewPost("Ben", "reply in Ada's thread", "ben@example.org"), APPROVED)
            others, _ = store.create_thread(session, new_thread("Others", "ben@example.org"), APPROVED)
            store.add_reply(session, others, NewPost("Ada", "Ada's reply", "ada@example.org"), APPROVED)
            others_id = others.id
        with database().session() as session:
            removed = erase_email(session, "ADA@example.org")
        assert removed["board"] == 4  # Ada's thread with its two posts, and her reply elsewhere
        with database().session() as session:
            assert session.scalars(select(BoardThread.title)).all() == ["Others"]
            assert session.scalars(select(BoardPost.author)).all() == ["Someone"]
            assert session.get_one(BoardThread, others_id).post_count == 1
            assert erase_email(session, "nobody@example.org")["board"] == 0


def test_a_thread_counts_only_approved_posts(app):
    with app.app_context(), database().session() as session:
        thread, _ = store.create_thread(session, new_thread("Counted", None), APPROVED)
        held = store.add_reply(session, thread, NewPost("Ben", "held", None), "pending")
        assert thread.post_count == 1
        store.approve_post(session, held)
        assert thread.post_count == 2
        assert thread.last_activity == held.created
        assert count(session, BoardPost) == 2
