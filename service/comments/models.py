"""The `comments` table: one row per comment, replies pointing at their parent on the same page."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime
from ..moderation import APPROVED, PENDING
from .edit_secret import HASH_LENGTH

# A comment removed while it still has replies: kept without author or text, so the thread keeps its shape.
DELETED = "deleted"
STATUSES = (APPROVED, PENDING, DELETED)

PAGE_MAX = 500
AUTHOR_MAX = 100
EMAIL_MAX = 254
WEBSITE_MAX = 500
BODY_MAX = 10_000
SOURCE_MAX = 200


class Comment(Base):
    __tablename__ = "comments"
    __table_args__ = (
        # Serves the page read (approved comments of one page, oldest first) straight from the index.
        Index("ix_comments_page_status_id", "page", "status", "id"),
        CheckConstraint("status IN ('approved', 'pending', 'deleted')", name="ck_comments_status"),
        {"sqlite_autoincrement": True},  # an id is never given again: tokens and links name it
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page: Mapped[str] = mapped_column(String(PAGE_MAX))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", name="fk_comments_parent_id_comments"), index=True)
    author: Mapped[str | None] = mapped_column(String(AUTHOR_MAX))
    email: Mapped[str | None] = mapped_column(String(EMAIL_MAX))
    website: Mapped[str | None] = mapped_column(String(WEBSITE_MAX))
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    edited: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The hash of the secret in its author's edit token (edit_secret.py); None for comments stored before secrets.
    edit_secret_hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))


class PageVersion(Base):
    """A count of the changes to one page's comments, raised by database triggers on every write to `comments`.

    Triggers (see migration comments_0002) rather than the views keep it, so no writer (an admin's approval,
    an erasure, a script in psql) can forget to: a process then learns with one indexed read whether the
    answer it keeps for a page is still the page's answer. A page never written to has no row.
    """

    __tablename__ = "comment_page_versions"

    page: Mapped[str] = mapped_column(String(PAGE_MAX), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class ImportedComment(Base):
    """A comment brought from another system (`flask --app service import wordpress`): its id there and its id
    here, so importing the same export again adds nothing, and the hash of its author's email for erasure.

    No foreign key to `comments`: a comment an admin removes after the import stays removed when the export is
    imported again, since its mark here stays.
    """

    __tablename__ = "comment_imports"

    source: Mapped[str] = mapped_column(String(SOURCE_MAX), primary_key=True)  # e.g. "wordpress https://old.example"
    source_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    comment_id: Mapped[int] = mapped_column(Integer)
    # The commenter's email as a keyed hash (store.email_hash), never the address: what erasure finds them by.
    email_hash: Mapped[str | None] = mapped_column(String(64))
