"""The outbox's storage: taking messages, listing, requeueing and deleting them.

Retrying and requeueing are the stored queue's (service/queue.py), which syndication shares.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from .. import queue
from ..erasure import register_eraser
from ..queue import QUEUED
from .models import ContactMessage
from .validation import ContactSubmission


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


def requeue(session: Session, ids: Collection[int] | None, *, now: datetime) -> list[int]:
    """Make queued or failed messages (all of them when `ids` is None) due now; returns the ids affected."""
    return queue.requeue(session, ContactMessage, ids, now=now)


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
