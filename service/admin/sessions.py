"""Storing the dashboard's sessions (see models.py): open one, find a live one, end one. The caller commits."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .models import AdminSession


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def open_session(db: Session, *, now: datetime, expires: datetime) -> str:
    """A new session's random id (for the cookie), stored until `expires`; expired sessions are deleted."""
    db.execute(delete(AdminSession).where(AdminSession.expires <= now))
    session_id = secrets.token_urlsafe(32)
    db.add(AdminSession(digest=_digest(session_id), expires=expires))
    return session_id


def is_live(db: Session, session_id: str, *, now: datetime) -> bool:
    """Whether `session_id` names a session that was opened, not ended, and has not expired (one key lookup)."""
    found = db.scalar(select(AdminSession.expires).where(AdminSession.digest == _digest(session_id)))
    return found is not None and found > now


def end_session(db: Session, session_id: str) -> None:
    db.execute(delete(AdminSession).where(AdminSession.digest == _digest(session_id)))
