"""The people tables: the team (`people`), their one-time sign-in links, and the outbox their link mail waits in.

A person is never deleted, only marked removed: their id stays theirs (the audit log and sessions name it) and
inviting the same address again restores the row. A link is stored as the SHA-256 of its random token only, so
a copy of the table opens nothing. The mail keeps its body (with the link) only until it is delivered.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime
from ..queue import QueuedColumns

EMAIL_MAX = 254
NAME_MAX = 100
DIGEST_LENGTH = 64  # hex of SHA-256


class Person(Base):
    __tablename__ = "people"
    __table_args__ = {"sqlite_autoincrement": True}  # an id is never given again: sessions and the audit log name it

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)  # lower case, trimmed (store.normal_email)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    role: Mapped[str] = mapped_column(String(20))
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))  # None: the token
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    last_sign_in: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed: Mapped[datetime | None] = mapped_column(UTCDateTime)  # set: cannot sign in, sessions end at once


class SignInLink(Base):
    __tablename__ = "sign_in_links"

    digest: Mapped[str] = mapped_column(String(DIGEST_LENGTH), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))  # "invitation" or "sign-in": only how long it lasts differs
    expires: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SignInMail(QueuedColumns, Base):
    """A sign-in link's mail, stored before it is sent and delivered by the stored queue (service/queue.py)."""

    __tablename__ = "sign_in_mails"
    __table_args__ = (Index("ix_sign_in_mails_due", "status", "next_attempt_at"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient: Mapped[str] = mapped_column(String(EMAIL_MAX))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # emptied once sent: the link is not kept after delivery
    message_id: Mapped[str] = mapped_column(String(255))
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
