"""One delivery run over a stored outbox: claim each due row, compose its mail, hand it to a mailer, record
the outcome. The rows are any table with the stored queue's columns (service/queue.py), so each outbox (the
contact form's, the sign-in links') keeps its own table and composing while sharing how it is delivered.

It needs no request or app context: the worker threads, the CLI and the dashboard all call it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any, Protocol

from ..db import Database, utcnow
from ..queue import SENT, RetryPolicy, claim_next, finish, record_failure

log = logging.getLogger(__name__)

# A claim older than this belongs to a run that died mid-send; SMTP steps time out long before.
CLAIM_LEASE = timedelta(minutes=10)


class Mailer(Protocol):
    """Where composed mail goes: an SMTP server (service/contact/smtp.py) or the console (console.py)."""

    def send(self, message: EmailMessage) -> None: ...


@dataclass(frozen=True)
class Outcome:
    """What one attempt at one message came to."""

    id: int
    recipient: str | None
    status: str
    attempts: int
    error: str | None = None


@dataclass(frozen=True)
class Outbox:
    """A stored outbox: its table, how a row becomes a mail, and what else to set on a row once it is sent."""

    model: type[Any]
    compose: Callable[[Any], EmailMessage]
    policy: RetryPolicy
    sent_values: Mapping[str, object] = field(default_factory=dict)


def deliver_due(db: Database, outbox: Outbox, mailer: Mailer, *,
                only_ids: Collection[int] | None = None) -> list[Outcome]:
    """Send every message due now (or only those of `only_ids` that are due), each exactly once per run."""
    started = utcnow()
    outcomes = []
    while (outcome := _deliver_one(db, outbox, mailer, due_before=started, only_ids=only_ids)) is not None:
        outcomes.append(outcome)
    return outcomes


def _deliver_one(db: Database, outbox: Outbox, mailer: Mailer, *, due_before: datetime,
                 only_ids: Collection[int] | None) -> Outcome | None:
    """Claim, send and record one message; None when nothing is due. Claim and record are separate commits."""
    now = utcnow()
    with db.session() as session:
        row = claim_next(session, outbox.model, now=now, due_before=due_before, stale_before=now - CLAIM_LEASE,
                         only_ids=only_ids)
    if row is None:
        return None
    recipient = None
    try:
        mail = outbox.compose(row)
        recipient = str(mail["To"])
        mailer.send(mail)
    except Exception as error:  # whatever goes wrong is recorded on the row and retried, never lost
        reason = f"{type(error).__name__}: {error}"
        log.warning("%s %s to %s not delivered (attempt %s): %s", outbox.model.__tablename__, row.id, recipient,
                    row.attempts, reason)
        with db.session() as session:
            status = record_failure(session, row, reason, now=utcnow(), policy=outbox.policy)
        return Outcome(row.id, recipient, status, row.attempts, reason)
    with db.session() as session:
        finish(session, outbox.model, row.id, status=SENT, sent_at=utcnow(), last_error=None,
               **dict(outbox.sent_values))
    return Outcome(row.id, recipient, SENT, row.attempts)
