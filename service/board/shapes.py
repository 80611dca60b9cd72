"""The board's threads and posts as the API returns them: what the public sees, and what the admin sees.

Titles, names and excerpts are plain text (clients insert them as text); only `html` is markup, and it is
sanitized. Email addresses appear in admin shapes only.
"""

from __future__ import annotations

import html
from typing import Any

import nh3

from .models import BoardPost, BoardThread

EXCERPT_LENGTH = 200


def thread_summary(thread: BoardThread, opening: BoardPost | None = None) -> dict[str, Any]:
    """A thread as listed: no posts, an excerpt of its opening post when given."""
    shape: dict[str, Any] = {
        "id": thread.id,
        "title": thread.title,
        "author": thread.author,
        "created": thread.created.isoformat(),
        "last_activity": thread.last_activity.isoformat(),
        "post_count": thread.post_count,
        "locked": thread.locked,
    }
    if opening is not None:
        shape["excerpt"] = excerpt(opening.html)
    return shape


def thread_detail(thread: BoardThread, posts: list[BoardPost]) -> dict[str, Any]:
    return {**thread_summary(thread), "posts": [public_post(post) for post in posts]}


def public_post(post: BoardPost) -> dict[str, Any]:
    return {"id": post.id, "author": post.author, "html": post.html, "created": post.created.isoformat()}


def admin_thread(thread: BoardThread) -> dict[str, Any]:
    return {**thread_summary(thread), "status": thread.status, "email": thread.email}


def admin_post(post: BoardPost, *, opening: bool) -> dict[str, Any]:
    return {
        **public_post(post),
        "thread_id": post.thread_id,
        "thread_title": post.thread.title,
        "opening": opening,
        "status": post.status,
        "email": post.email,
        "body": post.body,
    }


def excerpt(post_html: str) -> str:
    """The start of a post as plain text, on one line, for thread lists."""
    text = " ".join(html.unescape(nh3.clean(post_html, tags=set())).split())
    if len(text) <= EXCERPT_LENGTH:
        return text
    return text[:EXCERPT_LENGTH].rsplit(" ", 1)[0] + "…"
