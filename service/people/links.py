"""One-time sign-in links: a random token mailed to one person, stored only as its SHA-256, used once.

Opening a link's page shows whose it is (a GET changes nothing, so a mail scanner that follows links burns
none); the sign-in itself is a POST, which deletes the link in the same statement that reads it
(DELETE ... RETURNING), so of two requests racing with one link, on SQLite as on PostgreSQL, one signs in.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .models import Person, SignInLink

INVITATION, SIGN_IN = "invitation", "sign-in"
LIFETIMES = {INVITATION: timedelta(days=3), SIGN_IN: timedelta(minutes=30)}
LIFETIME_WORDS = {INVITATION: "3 days", SIGN_IN: "30 minutes"}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link(db: Session, person: Person, purpose: str, *, now: datetime) -> str:
    """A new link's token for `person` (for the mail only; it is not kept); expired links are deleted."""
    db.execute(delete(SignInLink).where(SignInLink.expires <= now))
    token = secrets.token_urlsafe(32)
    db.add(SignInLink(digest=_digest(token), person_id=person.id, purpose=purpose, expires=now + LIFETIMES[purpose]))
    return token


def holder(db: Session, token: str, *, now: datetime) -> Person | None:
    """Whose the link is, if it is live and they are on the team; changes nothing."""
    query = (select(Person).join(SignInLink, SignInLink.person_id == Person.id)
             .where(SignInLink.digest == _digest(token), SignInLink.expires > now, Person.removed.is_(None)))
    return db.scalar(query)


def use(db: Session, token: str, *, now: datetime) -> int | None:
    """Spend the link: the person id it opens, or None when it is unknown, used or expired. Atomic."""
    spent = db.execute(delete(SignInLink).where(SignInLink.digest == _digest(token))
                       .returning(SignInLink.person_id, SignInLink.expires)).first()
    if spent is None or spent.expires <= now:
        return None
    return spent.person_id


def forget_links(db: Session, person: Person) -> None:
    """Delete every link the person has not used (they were removed)."""
    db.execute(delete(SignInLink).where(SignInLink.person_id == person.id))
