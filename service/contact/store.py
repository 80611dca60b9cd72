"""The outbox's storage: taking messages, claiming them for delivery, recording what happened.

A delivery run claims one due message at a time with a single UPDATE whose subquery picks the row (with
`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's write lock serializes the statement), so however many workers
and CLI runs are busy at once, each message is in the hands of one of them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from ..erasure import register_eraser
from .models import FAILED, QUEUED, SENDING, SENT, ContactMessage
from .validation import ContactSubmission

ERROR_KEPT_CHARS = 2000


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: `first` after the first failure, doubling, never above `longest`; `attempts` in all."""

    first: timedelta
    longest: timedelta
    attempts: int

    def delay(self, attempts_made: int) -> timedelta:
        """How long to wait after the `attempts_made`-th failed attempt."""
        return min(self.first * 2 ** max(attempts_made - 1, 0), self.longest)

    def gives_up(self, attempts_made: int) -> bool:
        return attempts_made >= self.attempts


def add_message(session: Session, submission: ContactSubmission, *, recipient: str | None,
                message_id: str, now: datetime, language: str | None = None) -> ContactMessage:
    """Store a visitor's message, due for delivery at once, with the language they wrote from."""
    message = ContactMessage(
        name=submission.name, email=submission.email, subject=submission.subject, message=submission.message,
        topic=submission.topic, recipient=recipient, language=language, message_id=message_id, status=QUEUED,
        attempts=0, next_attempt_at=now, created=now,
    )
    session.add(message)
    session.flush()
    return message


def claim_next(session: Session, *, now: datetime, due_before: datetime, stale_before: datetime,
               only_ids: Collection[int] | None = None) -> ContactMessage | None:
    """Mark one due message as being sent by the caller and return it, or None when nothing is due.

    Due means queued with its next attempt at or before `due_before`, or claimed before `stale_before` by a run
    that never finished (a worker that died mid-send). Each claim counts as an attempt.
    """
    due = or_(
        and_(ContactMessage.status == QUEUED, ContactMessage.next_attempt_at <= due_before),
        and_(ContactMessage.status == SENDING, ContactMessage.claimed_at <= stale_before),
    )
    if only_ids is not None:
        due = and_(due, ContactMessage.id.in_(list(only_ids)))
    candidate = (select(ContactMessage.id).where(due).order_by(ContactMessage.id).limit(1)
                 .with_for_update(skip_locked=True).scalar_subquery())
    claim = (update(ContactMessage).where(ContactMessage.id == candidate, due)
             .values(status=SENDING, claimed_at=now, attempts=ContactMessage.attempts + 1)
             .returning(ContactMessage))
    return session.scalars(claim, execution_options={"synchronize_session": False}).one_or_none()


def record_sent(session: Session, message_id: int, *, now: datetime) -> None:
    _finish(session, message_id, status=SENT, sent_at=now, last_error=None)


def record_failure(session: Session, message: ContactMessage, error: str, *, now: datetime,
                   policy: RetryPolicy) -> str:
    """Keep a failed message queued for a later attempt, or mark it failed once its attempts are used up."""
    if policy.gives_up(message.attempts):
        _finish(session, message.id, status=FAILED, last_error=error[:ERROR_KEPT_CHARS])
        return FAILED
    _finish(session, message.id, status=QUEUED, last_error=error[:ERROR_KEPT_CHARS],
            next_attempt_at=now + policy.delay(message.attempts))
    return QUEUED


def _finish(session: Session, message_id: int, **values: object) -> None:
    """End a claim; a message deleted meanwhile (by an admin) is simply not there to update."""
    session.execute(update(ContactMessage)
                    .where(ContactMessage.id == message_id, ContactMessage.status == SENDING)
                    .values(claimed_at=None, **values))


def requeue(session: Session, ids: Collection[int] | None, *, now: datetime) -> list[int]:
    """Make queued or failed messages (all of them when `ids` is None) due now; returns the ids affected."""
    waiting = ContactMessage.status.in_([QUEUED, FAILED])
    if ids is not None:
        waiting = and_(waiting, ContactMessage.id.in_(list(ids)))
    statement = (update(ContactMessage).where(waiting).values(status=QUEUED, next_attempt_at=now)
                 .returning(ContactMessage.id))
    return sorted(session.scalars(statement, execution_options={"synchronize_session": False}))


def list_messages(session: Session, status: str | None = None, *, limit: int | None = None) -> list[ContactMessage]:
    """The outbox, newest first; `status` None means every message."""
    query = select(ContactMessage).order_by(ContactMessage.created.desc(), ContactMessage.id.desc()).limit(limit)
    if status is not None:
        query = query.where(ContactMessage.status == status)
    return list(session.scalars(query))


def get_message(session: Session, message_id: int) -> ContactMessage | None:
    return session.get(ContactMessage, message_id)


def delete_message(session: Session, message_id: int) -> bool:
    """Remove a message from the outbox; False when there was none with that id."""
    return session.execute(delete(ContactMessage).where(ContactMessage.id == message_id)).rowcount > 0


def erase_email(session: Session, email: str) -> int:
    """Remove every message sent from `email` (any letter case): the contact part of erasing a person."""
    statement = delete(ContactMessage).where(func.lower(ContactMessage.email) == email.strip().lower())
    return session.execute(statement).rowcount


register_eraser("contact", erase_email)
