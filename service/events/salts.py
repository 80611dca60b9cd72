"""The visitors' daily salt: random, one per UTC day, shared by every process through the database, and deleted
as soon as a later day's is made.

A salt derived from SECRET_KEY and the date could be recomputed by anyone holding the key (it sits beside the
database), for any past day, and every stored visitor hash then brute-forced back to an address and a browser.
A random salt that is gone after its day leaves that day's hashes linked to no one.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import cast

from flask import Flask, current_app
from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..db import connection_of, database
from .models import SALT_LENGTH, VisitorSalt

SALTS = cast(Table, VisitorSalt.__table__)
# Each backend's INSERT ... ON CONFLICT DO NOTHING: when two processes make the day's salt at once, one wins.
INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class DailySalts:
    """One app's salts, today's remembered: the hot path costs one comparison until the day changes."""

    def __init__(self) -> None:
        self._known: tuple[date, str] | None = None

    def salt_for(self, day: date, within: Session | Connection | None = None) -> str:
        """The salt of `day`, made if no process has made it yet.

        `within` is a transaction that may already hold the database's write lock (SQLite has one): a salt
        no process has committed yet is then made in it, committed or rolled back with the events hashed under
        it, and remembered only once a later call finds it committed. Without, it is made and committed in a
        transaction of its own.
        """
        known = self._known
        if known is not None and known[0] == day:
            return known[1]
        if within is None:
            with database().engine.begin() as connection:
                salt = stored_or_new_salt(connection, day)
        else:
            committed = _committed_salt(day)
            if committed is None:
                return stored_or_new_salt(connection_of(within), day)
            salt = committed
        self._known = (day, salt)
        return salt


def _committed_salt(day: date) -> str | None:
    """The salt of `day` as committed, read beside any open transaction (readers never wait on SQLite's lock)."""
    with database().reads.connect() as connection:
        return connection.execute(select(SALTS.c.salt).where(SALTS.c.day == day)).scalar_one_or_none()


def stored_or_new_salt(connection: Connection, day: date) -> str:
    """The salt of `day`: a new random one unless one is stored already; the salts of earlier days are deleted."""
    insert = INSERTS[connection.dialect.name](SALTS).values(day=day, salt=secrets.token_hex(SALT_LENGTH // 2))
    connection.execute(insert.on_conflict_do_nothing(index_elements=["day"]))
    connection.execute(delete(SALTS).where(SALTS.c.day < day))
    return connection.execute(select(SALTS.c.salt).where(SALTS.c.day == day)).scalar_one()


def init_app(app: Flask) -> None:
    app.extensions["herald_visitor_salts"] = DailySalts()


def salt_for(day: date, within: Session | Connection | None = None) -> str:
    """The current app's salt of `day` (see `DailySalts.salt_for`)."""
    salts: DailySalts = current_app.extensions["herald_visitor_salts"]
    return salts.salt_for(day, within)
