"""Storing and reading comments. Knows nothing of HTTP: every function takes the Session to work in.

A comment removed while replies still hang from it becomes a placeholder (status "deleted", no author, email,
website or text) so the thread keeps its shape; a placeholder goes too once nothing replies to it any more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Row, Table, bindparam, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session

from ..db import ID_MAX
from ..db import connection_of, utcnow
from ..erasure import register_eraser
from ..keyed_hash import keyed_hash
from ..visitor_text import render_visitor_text
from .edit_secret import new_edit_secret
from .models import APPROVED, DELETED, PENDING, Comment, ImportedComment, PageVersion
from .validation import NewComment


@dataclass(frozen=True)
class StoredComment:
    """A comment as it was just stored: what its author's answer and the signals show, without an ORM object.

    `edit_secret` goes into its author's edit token and nowhere else: the row keeps only its hash.
    """

    id: int
    page: str
    parent_id: int | None
    author: str
    email: str | None
    website: str | None
    body: str
    html: str
    status: str
    created: datetime
    edit_secret: str = field(repr=False)
    edited: None = None


# A Core insert: the ORM's unit of work costs most of the time of posting a comment.
_INSERT_COMMENT = insert(cast(Table, Comment.__table__))


def add_comment(session: Session, draft: NewComment, *, status: str) -> StoredComment:
    """Store a checked comment with its sanitized HTML, so reads never render again, and the hash of a new edit
    secret; the caller commits."""
    values = {"page": draft.page, "parent_id": draft.parent, "author": draft.author, "email": draft.email,
              "website": draft.website, "body": draft.body, "html": render_visitor_text(draft.body),
              "status": status, "created": utcnow()}
    secret, secret_hash = new_edit_secret()
    inserted = session.connection().execute(_INSERT_COMMENT, {**values, "edit_secret_hash": secret_hash})
    return StoredComment(id=inserted.inserted_primary_key[0], edit_secret=secret, **values)


def replyable_page(session: Session, comment_id: int) -> str | None:
    """The page of the published comment `comment_id`, or None: only published comments take replies."""
    return session.scalar(select(Comment.page).where(Comment.id == comment_id, Comment.status == APPROVED))


# A page's published comments and placeholders, of the columns readers see (never the email or the Markdown),
# in one query on the (page, status, id) index. Built once: composing it costs more than running it.
_PAGE_READ = (
    select(Comment.id, Comment.parent_id, Comment.author, Comment.website, Comment.html, Comment.status,
           Comment.created, Comment.edited)
    .where(Comment.page == bindparam("page"), Comment.status.in_((APPROVED, DELETED)))
    .order_by(Comment.id)
)


_PAGE_VERSION = select(PageVersion.version).where(PageVersion.page == bindparam("page"))


def page_version(on: Session | Connection, page: str) -> int | None:
    """How many times the page's comments have changed (None: never); read before the comments it validates."""
    return connection_of(on).execute(_PAGE_VERSION, {"page": page}).scalar()


def page_thread(on: Session | Connection, page: str, since: datetime | None = None) -> list[Row[Any]]:
    """A page's published comments, oldest first, with the placeholders their replies hang from.

    Plain rows on a connection (a session's, or a bare one), no ORM objects: the page read is the service's
    hottest path. With `since`, only the comments created after it (a client polling for new ones).
    """
    rows = connection_of(on).execute(_PAGE_READ, {"page": page}).all()
    shown = _with_needed_placeholders(rows)
    return [comment for comment in shown if since is None or comment.created > since]


def _with_needed_placeholders(rows: Sequence[Row[Any]]) -> list[Row[Any]]:
    """Published comments plus every placeholder that is an ancestor of one (replies always have larger ids).

    A reply whose parent is not in `rows` (held for moderation again after an edit) waits out of sight with
    its parent, so a page never shows a reply to a comment it does not show.
    """
    present: set[int] = set()
    for comment in rows:
        if comment.parent_id is None or comment.parent_id in present:
            present.add(comment.id)
    needed: set[int] = set()
    kept: list[Row[Any]] = []
    for comment in reversed(rows):
        if comment.id not in present:
            continue
        if comment.status == APPROVED or comment.id in needed:
            kept.append(comment)
            if comment.parent_id is not None:
                needed.add(comment.parent_id)
    kept.reverse()
    return kept


def published_comment(session: Session, comment_id: int) -> Comment | None:
    return _one_with_status(session, comment_id, Comment.status == APPROVED)


def live_comment(session: Session, comment_id: int) -> Comment | None:
    """The comment, published or pending; None when there is none or only its placeholder is left."""
    return _one_with_status(session, comment_id, Comment.status != DELETED)


def _one_with_status(session: Session, comment_id: int, condition: ColumnElement[bool]) -> Comment | None:
    if not 1 <= comment_id <= ID_MAX:  # a URL may name any number; PostgreSQL refuses those beyond INTEGER
        return None
    return session.scalar(select(Comment).where(Comment.id == comment_id, condition))


def edit_comment(comment: Comment, changes: Mapping[str, str | None], *, status: str) -> None:
    """Apply an author's checked changes and the status moderation gives an edited comment; a new body is
    rendered again."""
    for name, value in changes.items():
        setattr(comment, name, value)
    if "body" in changes:
        comment.html = render_visitor_text(comment.body)
    comment.edited = utcnow()
    comment.status = status


def approve_comment(comment: Comment) -> None:
    comment.status = APPROVED


def remove_comment(session: Session, comment: Comment) -> None:
    """Delete a comment, or keep a placeholder in its place while replies hang from it."""
    if _has_replies(session, comment.id):
        comment.status = DELETED
        comment.author = comment.email = comment.website = None
        comment.body = comment.html = ""
        session.flush()
        return
    parent_id = comment.parent_id
    session.delete(comment)
    session.flush()
    while parent_id is not None:
        parent = session.get(Comment, parent_id)
        if parent is None or parent.status != DELETED or _has_replies(session, parent.id):
            return
        parent_id = parent.parent_id
        session.delete(parent)
        session.flush()


def _has_replies(session: Session, comment_id: int) -> bool:
    return bool(session.scalar(select(exists().where(Comment.parent_id == comment_id))))


def moderation_list(session: Session, *, pending_only: bool, limit: int, before: int | None) -> list[Comment]:
    """Comments for the admin, newest first; `before` (an id) continues a previous page."""
    statement = select(Comment).order_by(Comment.id.desc()).limit(limit)
    if pending_only:
        statement = statement.where(Comment.status == PENDING)
    if before is not None:
        statement = statement.where(Comment.id < before)
    return list(session.scalars(statement))


def email_hash(email: str) -> str:
    """What an imported comment keeps of its author's email: a keyed hash of it in any case."""
    return keyed_hash("comment-email", email.strip().lower())


def erase_comments_by_email(session: Session, email: str) -> int:
    """Remove every comment signed with `email` (any case), imported ones by their email's hash; replies by
    others keep their place. An imported comment's mark stays, without the hash, so no import brings it back."""
    hashed = email_hash(email)
    imported = select(ImportedComment.comment_id).where(ImportedComment.email_hash == hashed)
    signed = session.scalars(
        select(Comment).where(or_(func.lower(Comment.email) == email.strip().lower(), Comment.id.in_(imported)))
        .order_by(Comment.id.desc())
    ).all()
    for comment in signed:  # newest first, so a person's own replies go before what they reply to
        remove_comment(session, comment)
    session.execute(update(ImportedComment).where(ImportedComment.email_hash == hashed).values(email_hash=None))
    return len(signed)


register_eraser("comments", erase_comments_by_email)
