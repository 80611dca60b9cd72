"""The board's storage: threads and posts, with counts, activity and moderation kept consistent.

Functions take a Session and leave committing to the caller; nothing here knows about HTTP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Delete, Select, delete, func, select, true
from sqlalchemy.orm import Session, joinedload

from ..db import utcnow
from ..erasure import register_eraser
from ..moderation import APPROVED
from ..visitor_text import render_visitor_text
from .models import BoardPost, BoardThread
from .validation import NewPost, NewThread


@dataclass(frozen=True)
class ThreadPage:
    """One page of visible threads, each with its opening post (for an excerpt), and how many there are."""

    threads: Sequence[BoardThread]
    openings: dict[int, BoardPost]
    total: int


@dataclass(frozen=True)
class ModerationItem:
    post: BoardPost
    opening: bool  # deleting an opening post deletes its whole thread


@dataclass(frozen=True)
class ModerationPage:
    items: list[ModerationItem]
    total: int


def create_thread(session: Session, new: NewThread, status: str) -> tuple[BoardThread, BoardPost]:
    """A thread and its opening post, both `status` (a queued opening post holds the whole thread back)."""
    now = utcnow()
    thread = BoardThread(title=new.title, author=new.opening.author, email=new.opening.email, status=status,
                         locked=False, created=now, last_activity=now, post_count=0)
    opening = _new_post(session, thread, new.opening, status, now)
    session.flush()
    _refresh_activity(session, thread)
    return thread, opening


def add_reply(session: Session, thread: BoardThread, new: NewPost, status: str) -> BoardPost:
    """A reply in `thread`; the caller has checked that the thread is visible and open."""
    post = _new_post(session, thread, new, status, utcnow())
    session.flush()
    _refresh_activity(session, thread)
    return post


def _new_post(session: Session, thread: BoardThread, new: NewPost, status: str, created: datetime) -> BoardPost:
    post = BoardPost(thread=thread, author=new.author, email=new.email, body=new.body,
                     html=render_visitor_text(new.body), status=status, created=created)
    session.add(post)
    return post


def visible_thread(session: Session, thread_id: int) -> BoardThread | None:
    """The thread if the public may see it (its opening post is approved), else None."""
    thread = session.get(BoardThread, thread_id)
    return thread if thread is not None and thread.status == APPROVED else None


def find_thread(session: Session, thread_id: int) -> BoardThread | None:
    return session.get(BoardThread, thread_id)


def find_post(session: Session, post_id: int) -> BoardPost | None:
    return session.get(BoardPost, post_id)


def list_threads(session: Session, page: int, per_page: int) -> ThreadPage:
    """Visible threads, newest activity first."""
    visible = BoardThread.status == APPROVED
    total = session.scalar(select(func.count()).select_from(BoardThread).where(visible)) or 0
    threads = session.scalars(
        select(BoardThread).where(visible)
        .order_by(BoardThread.last_activity.desc(), BoardThread.id.desc())
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    thread_ids = [thread.id for thread in threads]
    openings = session.scalars(
        select(BoardPost).where(BoardPost.id.in_(_opening_post_ids(BoardPost.thread_id.in_(thread_ids))))
    ).all()
    return ThreadPage(threads=threads, openings={post.thread_id: post for post in openings}, total=total)


def approved_posts(session: Session, thread: BoardThread) -> Sequence[BoardPost]:
    """A thread's approved posts, oldest first."""
    return session.scalars(
        select(BoardPost).where(BoardPost.thread_id == thread.id, BoardPost.status == APPROVED)
        .order_by(BoardPost.created, BoardPost.id)
    ).all()


def moderation_posts(session: Session, status: str | None, page: int, per_page: int) -> ModerationPage:
    """Posts for the admin, newest first: only those in `status`, or every one when it is None."""
    chosen = BoardPost.status == status if status is not None else true()
    total = session.scalar(select(func.count()).select_from(BoardPost).where(chosen)) or 0
    opening = BoardPost.id.in_(_opening_post_ids()).label("opening")
    rows = session.execute(
        select(BoardPost, opening).where(chosen).options(joinedload(BoardPost.thread))
        .order_by(BoardPost.created.desc(), BoardPost.id.desc())
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return ModerationPage(items=[ModerationItem(post, bool(is_opening)) for post, is_opening in rows], total=total)


def is_opening_post(session: Session, post: BoardPost) -> bool:
    return session.scalar(_opening_post_ids(BoardPost.thread_id == post.thread_id)) == post.id


def approve_post(session: Session, post: BoardPost) -> None:
    """Publish a post; approving a thread's opening post publishes the thread."""
    post.status = APPROVED
    if is_opening_post(session, post):
        post.thread.status = APPROVED
    session.flush()
    _refresh_activity(session, post.thread)


def delete_post(session: Session, post: BoardPost) -> None:
    """Remove a post; removing a thread's opening post removes the thread with all its replies."""
    thread = post.thread
    if is_opening_post(session, post):
        session.delete(thread)
        return
    session.delete(post)
    session.flush()
    _refresh_activity(session, thread)


def delete_thread(session: Session, thread: BoardThread) -> None:
    session.delete(thread)


def set_locked(thread: BoardThread, locked: bool) -> None:
    thread.locked = locked


def erase_email(session: Session, email: str) -> int:
    """Remove every post that names `email` and every thread it opened (with its replies); rows removed."""
    address = email.strip().lower()
    named = func.lower(BoardPost.email) == address
    opened = select(BoardThread.id).where(func.lower(BoardThread.email) == address)
    replied_in = session.scalars(
        select(BoardPost.thread_id).where(named, BoardPost.thread_id.not_in(opened)).distinct()
    ).all()
    posts_removed = _delete_rows(session, delete(BoardPost).where(named | BoardPost.thread_id.in_(opened)))
    threads_removed = _delete_rows(session, delete(BoardThread).where(BoardThread.id.in_(opened)))
    session.expire_all()
    for thread_id in replied_in:
        _refresh_activity(session, session.get_one(BoardThread, thread_id))
    return posts_removed + threads_removed


def _delete_rows(session: Session, statement: Delete) -> int:
    result = session.execute(statement, execution_options={"synchronize_session": False})
    return cast(CursorResult[Any], result).rowcount


def _opening_post_ids(*criteria: ColumnElement[bool]) -> Select[Any]:
    """The id of each thread's first post (its opening body), for the threads matching `criteria`."""
    return select(func.min(BoardPost.id)).where(*criteria).group_by(BoardPost.thread_id)


def _refresh_activity(session: Session, thread: BoardThread) -> None:
    """Recount a thread's approved posts and date its activity by the newest of them."""
    count, newest = session.execute(
        select(func.count(), func.max(BoardPost.created))
        .where(BoardPost.thread_id == thread.id, BoardPost.status == APPROVED)
    ).one()
    thread.post_count = count
    thread.last_activity = newest or thread.created


register_eraser("board", erase_email)
