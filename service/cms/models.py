"""The content manager's table of edits: every save is stored here, whole, before any repository is asked to
commit it, so a save the repository refuses or cannot take yet is never lost and can be retried or given back.

An edit is a row of the stored queue (service/queue.py): queued, sending (one attempt under way), then
committed, conflict (the branch changed under it: kept, with the difference, for its editor) or failed (its
attempts used up; kept, and `flask content retry --all` tries again).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime
from ..queue import FAILED, QUEUED, SENDING

COMMITTED = "committed"
CONFLICT = "conflict"
EDIT_STATES = (QUEUED, SENDING, COMMITTED, CONFLICT, FAILED)
PATH_MAX = 1000
NAME_MAX = 200
EMAIL_MAX = 254


class ContentEdit(Base):
    """One save: who made it, its message, its state in the queue and what became of it."""

    __tablename__ = "content_edits"
    __table_args__ = (
        Index("ix_content_edits_due", "status", "next_attempt_at"),
        {"sqlite_autoincrement": True},  # an id is never given again: the dashboard and the CLI name edits by it
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_name: Mapped[str] = mapped_column(String(NAME_MAX))
    author_email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    person_id: Mapped[int | None] = mapped_column(Integer)  # the signed-in person; None for the admin token
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    commit_id: Mapped[str | None] = mapped_column(String(64))
    conflict_path: Mapped[str | None] = mapped_column(String(PATH_MAX))
    conflict_diff: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    finished: Mapped[datetime | None] = mapped_column(UTCDateTime)

    files: Mapped[list[ContentEditFile]] = relationship(order_by="ContentEditFile.position", lazy="selectin",
                                                        cascade="all, delete-orphan")


class ContentEditFile(Base):
    """One file of an edit: its content path, its new bytes (None: deleted) and the blob the editor started from."""

    __tablename__ = "content_edit_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edit_id: Mapped[int] = mapped_column(ForeignKey("content_edits.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(PATH_MAX))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)  # text and media alike
    expected_blob: Mapped[str | None] = mapped_column(String(64))  # None: the file did not exist
