"""The database: one SQLAlchemy engine per app, one session per request (service/schema.py migrates it).

Concerns (comments, board, ...) declare their tables on `Base` in their own `models.py`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, current_app, g
from sqlalchemy import Connection, DateTime, Engine, create_engine, event, text
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from .http.errors import ApiError
from .instance import private_file, private_folder



ID_MAX = 2**31 - 1  # the largest id an INTEGER column holds, on every database the service runs on


class Base(DeclarativeBase):
    """The declarative base every table of the service is declared on."""


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back time-zone aware, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, aware, in UTC: the only clock the service's tables use."""
    return datetime.now(UTC)


class Database:
    """An app's engine and session factory, kept in `app.extensions["herald_db"]`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # For reads that need no transaction (each statement sees the last commit): on PostgreSQL autocommit
        # spares the BEGIN and ROLLBACK round trips around them; SQLite's driver spends more switching modes.
        self.reads: Engine = (self.engine.execution_options(isolation_level="AUTOCOMMIT")
                              if self.engine.dialect.name == "postgresql" else self.engine)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session for work outside a request (CLI, background delivery): committed on success."""
        with self.sessions() as session, session.begin():
            yield session

    def ping(self) -> None:
        """Raise if the database does not answer a trivial query."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))


def make_engine(url: str) -> Engine:
    """An engine tuned for the backend: WAL, a busy timeout and a private file on SQLite, a ping after idleness
    on servers."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})
        _create_private(engine.url.database)
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    # Per process: one request thread (service/server.py; more with --threads) and the contact worker; 5 kept
    # and 5 more at a peak, so even 8 processes stay far below PostgreSQL's default 100.
    engine = create_engine(url, pool_size=5, max_overflow=5, pool_timeout=5, connect_args={"connect_timeout": 5})
    PingAfterIdleness(engine).listen()
    return engine


class PingAfterIdleness:
    """Check a pooled server connection before use when it sat idle for a while, not before every use.

    SQLAlchemy's pool_pre_ping costs a round trip on every checkout, one more per request than the request
    needs. A connection is lost mostly while idle (a server restart, a proxy's idle timeout), so only one idle
    for IDLE_SECONDS is pinged; a dead one is dropped and another taken. One lost while busy fails its request
    (503), and SQLAlchemy then renews the whole pool.
    """

    IDLE_SECONDS = 10.0

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def listen(self) -> None:
        event.listen(self.engine, "checkin", self.checked_in)
        event.listen(self.engine, "checkout", self.checked_out)

    def checked_in(self, _dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
        record.info["idle_since"] = time.monotonic()

    def checked_out(self, dbapi_connection, record, _proxy) -> None:  # type: ignore[no-untyped-def]
        idle_since = record.info.get("idle_since")  # None: a connection just made, never checked in
        if idle_since is None or time.monotonic() - idle_since < self.IDLE_SECONDS:
            return
        try:
            self.engine.dialect.do_ping(dbapi_connection)
        except self.engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError(f"an idle connection was lost ({type(error).__name__})") from error


def _create_private(database_path: str | None) -> None:
    """Create a new SQLite file owner-only (it holds visitors' email addresses) before SQLite makes it 0644.

    SQLite gives the -wal and -shm files beside it the database file's mode, so those stay private too.
    """
    if database_path and database_path != ":memory:" and not database_path.startswith("file:"):
        private_file(Path(database_path))


def _tune_sqlite(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def default_database_url(app: Flask) -> str:
    """A SQLite file under the instance folder, created on first start."""
    return f"sqlite:///{private_folder(Path(app.instance_path)) / 'herald.db'}"


def database() -> Database:
    """The current app's database."""
    return current_app.extensions["herald_db"]


def get_session() -> Session:
    """The request's session, opened on first use and closed when the request ends (see flaskr's get_db)."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    return g.db_session


def close_session(_error: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def init_app(app: Flask) -> None:
    """Create the app's engine and close sessions after each request."""
    url = app.config["DATABASE_URL"] or default_database_url(app)
    app.config["DATABASE_URL"] = url
    app.extensions["herald_db"] = Database(url)
    app.teardown_appcontext(close_session)


def database_unavailable(error: Exception) -> ApiError:
    """The 503 for a database that does not answer, naming the driver's reason (never its details)."""
    return ApiError(503, f"The database does not answer ({reason(error)}).", code="database_unavailable")


def reason(error: Exception) -> str:
    """The driver's error class (OperationalError, AdminShutdown, ...): enough to act on, nothing private."""
    return type(getattr(error, "orig", None) or error).__name__


def connection_of(on: Session | Connection) -> Connection:
    """The connection under a session (its transaction's), or the connection itself: stores take either."""
    return on.connection() if isinstance(on, Session) else on
