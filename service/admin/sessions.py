"""Storing the dashboard's sessions (see models.py): open one, find a live one, end one. The caller commits."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from .models import AdminSession


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def open_session(db: Session, *, now: datetime, expires: datetime, person_id: int | None) -> str:
    """A new session's random id (for the cookie) for `person_id` (None: the admin token), stored until
    `expires`; expired sessions are deleted."""
    db.execute(delete(AdminSession).where(AdminSession.expires <= now))
    session_id = secrets.token_urlsafe(32)
    db.add(AdminSession(digest=_digest(session_id), expires=expires, person_id=person_id))
    return session_id


def find_live(db: Session, session_id: str, *, now: datetime) -> AdminSession | None:
    """The session `session_id` names if it was opened, not ended, and has not expired (one key lookup)."""
    found = db.get(AdminSession, _digest(session_id))
    return found if found is not None and found.expires > now else None


def end_session(db: Session, session_id: str) -> None:
    db.execute(delete(AdminSession).where(AdminSession.digest == _digest(session_id)))
