"""Writing events: one INSERT, without RETURNING, since nothing needs the new row's id.

The beacon endpoint must keep up with bursts (a thousand events a second), so this is the whole write path.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict, cast

from sqlalchemy import Connection, Table, insert
from sqlalchemy.orm import Session

from ..db import connection_of
from .models import Event


class EventRow(TypedDict):
    """The columns of one event, as `recorder.event_row` fills them."""

    type: str
    path: str | None
    label: str | None
    referrer_host: str | None
    browser: str | None
    visitor: str | None
    created: datetime
    day: date


# A Core insert on the table: the ORM's bulk path costs more than the INSERT itself on this hot path.
_INSERT_EVENT = insert(cast(Table, Event.__table__)).inline()  # inline: no RETURNING of the new id


def insert_event(into: Session | Connection, row: EventRow) -> None:
    """Add the event in the transaction of `into` (a session, or a bare connection); the caller commits."""
    connection_of(into).execute(_INSERT_EVENT, dict(row))
