"""Keeping the database's schema at the newest revision of every concern's Alembic branch.

Each concern has its own branch under migrations/versions/, so each can evolve without touching the others.
Several server processes start at once: a lock lets one migrate at a time, and the others then find nothing
left to do.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from flask import Flask
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from .db import Database, database_unavailable, reason
from .instance import private_file

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

log = logging.getLogger(__name__)


def upgrade_schema(db: Database) -> None:
    """Bring the schema to the newest revision of every concern's branch, one process at a time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with _migration_lock(db), db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


@contextlib.contextmanager
def _migration_lock(db: Database) -> Iterator[None]:
    """Several server processes start at once; only one may migrate at a time."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(7243501)"))
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(7243501)"))
                connection.commit()
        return
    database_path = db.engine.url.database
    if not database_path or database_path == ":memory:":
        yield
        return
    with open(private_file(Path(f"{database_path}.migrate-lock")), "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def init_app(app: Flask) -> None:
    """Migrate the app's database when HERALD_AUTO_MIGRATE is on (the default); it must be set up already."""
    if app.config["HERALD_AUTO_MIGRATE"]:
        _migrate_or_defer(app, app.extensions["herald_db"])


def _migrate_or_defer(app: Flask, db: Database) -> None:
    """Migrate now; if the database is away, start anyway and migrate on the first request that reaches it.

    A worker whose start fails is started again only after a pause, and would fail again for as long as the
    outage lasts, so a worker (re)started during one would otherwise answer nothing instead of 503s.
    """
    try:
        upgrade_schema(db)
    except OperationalError as error:
        if _answers(db):
            raise  # the database is there: the migration itself failed, which must stop the start
        log.warning("database unreachable at start (%s); the schema will be migrated on the first request "
                    "that reaches it", reason(error))
        app.before_request(_DeferredMigration(db))


def _answers(db: Database) -> bool:
    try:
        db.ping()
    except OperationalError:
        return False
    return True


class _DeferredMigration:
    """A before-request hook that migrates once; until it succeeds each request gets the database's 503."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.done = False
        self.lock = threading.Lock()

    def __call__(self) -> None:
        if self.done:
            return
        with self.lock:
            if not self.done:
                try:
                    upgrade_schema(self.db)
                except OperationalError as error:
                    raise database_unavailable(error) from error
                self.done = True
                log.info("database reachable again; schema migrated")
