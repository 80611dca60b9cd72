"""Service fixtures: every test that asks for `app` or `client` runs once on SQLite and once on PostgreSQL.

Each backend gets a database of its own for the session (PostgreSQL: a fresh `herald_test_*` database that is
dropped at the end), the schema is migrated by the app itself as in production, and every table is emptied
after each test so tests never see each other's rows.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.serving import make_server

from herald_site import create_app as create_site
from herald_site.urls import SHELL
from service import create_app
from service.all_models import METADATA
from tests.conftest import ADMIN_TOKEN, POSTGRES_ADMIN_URL, SAMPLE_CONTENT, SECRET_KEY, port_open, require_service
from tests.service.openapi_check import DocumentedClient

SITE_ORIGIN = "https://site.example.org"

AppFactory = Callable[..., Flask]


def _postgres_available() -> bool:
    url = make_url(POSTGRES_ADMIN_URL)
    return port_open(url.host or "127.0.0.1", url.port or 5432)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of this session's own, on each backend in turn."""
    with new_database(request.param, tmp_path_factory.mktemp(request.param)) as url:
        yield url


@contextlib.contextmanager
def new_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of an empty database on `backend`: a file in `folder`, or a PostgreSQL database dropped after."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'herald.db'}"
        return
    require_service(_postgres_available(), f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")
    name = f"herald_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def render_site_shell(content_dir: Path, origin: str) -> bytes:
    """The shell of the site in `content_dir` as its build at `origin` writes it (herald_site.page_shell)."""
    site = create_site(content_dir, base_url=origin, service_url=origin)
    return site.test_client().get(SHELL, base_url=origin).data


@pytest.fixture(scope="session")
def site_shell(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site's shell for a site at SITE_ORIGIN: what the service's pages are dressed in (the service
    would otherwise fetch it from SITE_ORIGIN, which is no real site)."""
    path = tmp_path_factory.mktemp("site") / "shell.html"
    path.write_bytes(render_site_shell(SAMPLE_CONTENT, SITE_ORIGIN))
    return path


@pytest.fixture
def make_app(database_url: str, site_shell: Path) -> Iterator[AppFactory]:
    """Build a service app on this test's backend with test settings, overridable per test."""
    apps: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        config = {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": SECRET_KEY,
            "HERALD_ADMIN_TOKEN": ADMIN_TOKEN,
            "HERALD_SITE_ORIGIN": SITE_ORIGIN,
            "HERALD_SITE_SHELL": str(site_shell),
            "RATELIMIT_ENABLED": False,
            **overrides,
        }
        app = create_app(config)
        app.test_client_class = DocumentedClient
        apps.append(app)
        return app

    yield factory
    if apps:
        _empty_all_tables(apps[0])
    for app in apps:
        app.extensions["herald_db"].engine.dispose()


def _empty_all_tables(app: Flask) -> None:
    with app.extensions["herald_db"].engine.begin() as connection:
        for table in reversed(METADATA.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def admin_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


class LiveServer:
    """A service app answering real HTTP on a loopback port, in a thread, for the duration of a test."""

    def __init__(self, app: Flask) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def live_service(app: Flask) -> Iterator[LiveServer]:
    """The test's app over real HTTP."""
    with LiveServer(app) as server:
        yield server
