"""The `audit_log` table: one row per change of people, moderation or content, never edited afterwards.

The actor is copied by name and email as well as by person id, so an entry still says who acted after that
person is removed or renamed; the admin token has no person and is named "admin token".
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor_person_id: Mapped[int | None] = mapped_column(Integer)  # no foreign key: the log outlives what it names
    actor_name: Mapped[str] = mapped_column(String(100))
    actor_email: Mapped[str] = mapped_column(String(254))  # empty for the admin token
    action: Mapped[str] = mapped_column(String(60))  # "comment.approve", "person.invite", ...
    target: Mapped[str] = mapped_column(String(300))  # "comment 12", "person 3 <ada@example.org>"
    detail: Mapped[str] = mapped_column(Text, default="")
