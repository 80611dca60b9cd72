"""Writing and reading the audit log. `record` takes the actor from the request; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db import utcnow
from ..people.current import remembered
from .models import AuditEntry

TOKEN_ACTOR = "admin token"


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int


def record(db: Session, action: str, target: str, detail: str = "") -> None:
    """Log `action` on `target` by whoever made this request: the signed-in person, or the admin token (the
    bearer-token JSON API, or the dashboard signed in with the token)."""
    person = remembered()
    db.add(AuditEntry(
        at=utcnow(), actor_person_id=person.id if person else None,
        actor_name=person.name if person and person.id is not None else TOKEN_ACTOR,
        actor_email=person.email if person else "", action=action, target=target[:300], detail=detail,
    ))


def entries_page(db: Session, page: int, per_page: int) -> AuditPage:
    """One page of the log, newest first."""
    total = db.scalar(select(func.count()).select_from(AuditEntry)) or 0
    query = (select(AuditEntry).order_by(AuditEntry.id.desc()).offset((page - 1) * per_page).limit(per_page))
    return AuditPage(list(db.scalars(query)), total)
