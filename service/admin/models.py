"""The `admin_sessions` table: one row per signed-in dashboard browser, so signing out ends a session for good.

The cookie carries the session's random id; the row keeps only that id's SHA-256 (a copy of the table opens no
session) and when the session expires. Signing out deletes the row, and each sign-in deletes the expired ones.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime

DIGEST_LENGTH = 64  # hex of SHA-256


class AdminSession(Base):
    __tablename__ = "admin_sessions"

    digest: Mapped[str] = mapped_column(String(DIGEST_LENGTH), primary_key=True)
    expires: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
