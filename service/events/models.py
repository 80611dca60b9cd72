"""The `events` table: one row per page view, button press, or visitor action a signal reports.

A row never holds a client address or a user agent: only the browser family and a visitor hash keyed by the
day's random salt (`visitor_salts`), which is deleted once the day is over, so no hash can be traced back to
a person afterwards, nor rows of different days linked to one.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime

PAGEVIEW = "pageview"
CLICK = "click"
BEACON_TYPES = (PAGEVIEW, CLICK)  # what the site may post to /api/events
HOOK_TYPES = ("comment", "thread", "board_post", "contact")  # what the service records itself
EVENT_TYPES = BEACON_TYPES + HOOK_TYPES

TYPE_LENGTH = 20
PATH_LENGTH = 500
LABEL_LENGTH = 200
HOST_LENGTH = 255
BROWSER_LENGTH = 20
VISITOR_LENGTH = 64  # hex of HMAC-SHA256
SALT_LENGTH = 64  # hex of 32 random bytes

# SQLite only auto-increments an INTEGER primary key; PostgreSQL gets 64 bits for a log that keeps growing.
EVENT_ID = BigInteger().with_variant(Integer(), "sqlite")


class Event(Base):
    """Something a visitor did, as the analytics need it and nothing more."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_type_day_path", "type", "day", "path"),
        Index("ix_events_type_day_label", "type", "day", "label"),
    )

    id: Mapped[int] = mapped_column(EVENT_ID, primary_key=True)
    type: Mapped[str] = mapped_column(String(TYPE_LENGTH))
    path: Mapped[str | None] = mapped_column(String(PATH_LENGTH))  # None: not tied to a page (CLI, jobs)
    label: Mapped[str | None] = mapped_column(String(LABEL_LENGTH))
    referrer_host: Mapped[str | None] = mapped_column(String(HOST_LENGTH))
    browser: Mapped[str | None] = mapped_column(String(BROWSER_LENGTH))
    visitor: Mapped[str | None] = mapped_column(String(VISITOR_LENGTH))
    created: Mapped[datetime] = mapped_column(UTCDateTime())
    day: Mapped[date] = mapped_column(Date())


class VisitorSalt(Base):
    """The key of one UTC day's visitor hashes: random, shared by every process, deleted after its day."""

    __tablename__ = "visitor_salts"

    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    salt: Mapped[str] = mapped_column(String(SALT_LENGTH))
