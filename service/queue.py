"""A stored queue with retries: the delivery state machine the contact outbox and syndication share.

A row of a queued table (ContactMessage, SocialCopy) has `id`, `status`, `attempts`, `last_error`,
`next_attempt_at` and `claimed_at`. A run claims one due row at a time with a single UPDATE whose subquery
picks it (with `FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's write lock serializes the statement), so
however many workers and CLI runs are busy at once, each row is in the hands of one of them. A claim whose run
died (killed mid-send) goes stale after a lease and is claimed again; what the work does with a second
attempt (the same Message-ID, the same idempotency key) is what keeps it from being done twice.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Integer, String, Text, and_, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from .db import UTCDateTime

QUEUED = "queued"  # waiting for its first or next attempt (next_attempt_at says when)
SENDING = "sending"  # claimed by one run; no other run touches it until the claim goes stale
SENT = "sent"
FAILED = "failed"  # gave up after the policy's attempts; an admin can still read and retry it
STATUSES = (QUEUED, SENDING, SENT, FAILED)
ERROR_KEPT_CHARS = 2000

Row = TypeVar("Row")


class QueuedColumns:
    """The columns a queued table declares by inheriting this beside `Base` (its `id` is its own)."""

    status: Mapped[str] = mapped_column(String(10), default=QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


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


def claim_next(session: Session, model: type[Row], *, now: datetime, due_before: datetime, stale_before: datetime,
               only_ids: Collection[int] | None = None) -> Row | None:
    """Mark one due row of `model` as being worked on by the caller and return it, or None when nothing is due.

    Due means queued with its next attempt at or before `due_before`, or claimed before `stale_before` by a run
    that never finished. Each claim counts as an attempt.
    """
    table: Any = model
    due = or_(
        and_(table.status == QUEUED, table.next_attempt_at <= due_before),
        and_(table.status == SENDING, table.claimed_at <= stale_before),
    )
    if only_ids is not None:
        due = and_(due, table.id.in_(list(only_ids)))
    candidate = (select(table.id).where(due).order_by(table.id).limit(1)
                 .with_for_update(skip_locked=True).scalar_subquery())
    claim = (update(table).where(table.id == candidate, due)
             .values(status=SENDING, claimed_at=now, attempts=table.attempts + 1)
             .returning(table))
    return session.scalars(claim, execution_options={"synchronize_session": False}).one_or_none()


def finish(session: Session, model: type[Any], row_id: int, **values: object) -> None:
    """End a claim; a row deleted meanwhile (by an admin) is simply not there to update."""
    session.execute(update(model).where(model.id == row_id, model.status == SENDING)
                    .values(claimed_at=None, **values))


def record_failure(session: Session, row: Any, error: str, *, now: datetime, policy: RetryPolicy) -> str:
    """Keep a failed row queued for a later attempt, or mark it failed once its attempts are used up."""
    model = type(row)
    if policy.gives_up(row.attempts):
        finish(session, model, row.id, status=FAILED, last_error=error[:ERROR_KEPT_CHARS])
        return FAILED
    finish(session, model, row.id, status=QUEUED, last_error=error[:ERROR_KEPT_CHARS],
           next_attempt_at=now + policy.delay(row.attempts))
    return QUEUED


def requeue(session: Session, model: type[Any], ids: Collection[int] | None, *, now: datetime) -> list[int]:
    """Make queued or failed rows (all of them when `ids` is None) due now; returns the ids affected."""
    waiting = model.status.in_([QUEUED, FAILED])
    if ids is not None:
        waiting = and_(waiting, model.id.in_(list(ids)))
    statement = update(model).where(waiting).values(status=QUEUED, next_attempt_at=now).returning(model.id)
    return sorted(session.scalars(statement, execution_options={"synchronize_session": False}))
