"""The outbox: every contact message is stored here first and mailed from here, so none is lost."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime
from ..queue import QueuedColumns

LANGUAGE_MAX = 35  # a BCP 47 tag as the catalogues name it (`fr`, `pt_BR`), with room to spare


class ContactMessage(QueuedColumns, Base):
    __tablename__ = "contact_messages"
    __table_args__ = (
        Index("ix_contact_messages_due", "status", "next_attempt_at"),
        {"sqlite_autoincrement": True},  # an id is never given again: the sender's answer and the admin name it
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str | None] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(String(100))
    # Resolved when the message is taken, so changing the topics later does not redirect what is queued.
    recipient: Mapped[str | None] = mapped_column(String(254))
    # The language the visitor wrote from (service/http/languages.py), so the team can answer in it; None on
    # messages taken before it was kept.
    language: Mapped[str | None] = mapped_column(String(LANGUAGE_MAX))
    # The Message-ID header, fixed at submit time, so a receiver can tell a redelivery from a new message.
    message_id: Mapped[str] = mapped_column(String(255))
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
