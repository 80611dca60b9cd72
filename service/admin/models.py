"""The `admin_sessions` table: one row per signed-in dashboard browser, so signing out ends a session for good.

The cookie carries the session's random id; the row keeps only that id's SHA-256 (a copy of the table opens no
session), when the session expires, and whose it is: a person of the team (service/people/), or nobody for the
admin signed in with HERALD_ADMIN_TOKEN. The person's role is read afresh on every request, and removing the
person ends the session at once. Signing out deletes the row, and each sign-in deletes the expired ones.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime
from ..people.models import Person

DIGEST_LENGTH = 64  # hex of SHA-256


class AdminSession(Base):
    __tablename__ = "admin_sessions"

    digest: Mapped[str] = mapped_column(String(DIGEST_LENGTH), primary_key=True)
    expires: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey(Person.id, ondelete="CASCADE"))  # None: the token
