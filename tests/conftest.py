"""Fixtures shared by every test package.

Tests that need a real server (PostgreSQL, Redis, Chromium) ask for it through `require_service`: on a machine
without it they skip with the reason, but under HERALD_REQUIRE_SERVICES=1 (set by .ci/run) they fail instead,
so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = REPO_ROOT / "content"
POSTGRES_ADMIN_URL = os.environ.get("HERALD_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("HERALD_TEST_REDIS", "redis://127.0.0.1:6379/0")
# Builds under test never ask YouTube or Vimeo for thumbnails (tests/site/test_video_posters.py fetches from loopback).
os.environ.setdefault("HERALD_OFFLINE", "1")
# The service refuses secrets shorter than 32 characters, as it must in production.
SECRET_KEY = "herald-tests-secret-key-0123456789abcdef"
ADMIN_TOKEN = "herald-tests-admin-token-0123456789abcdef"


def services_required() -> bool:
    """True when a missing server must fail the run instead of skipping (CI sets this)."""
    return os.environ.get("HERALD_REQUIRE_SERVICES") == "1"


def require_service(available: bool, reason: str) -> None:
    """Skip (or, under HERALD_REQUIRE_SERVICES=1, fail) the calling test when a server is missing."""
    if available:
        return
    if services_required():
        pytest.fail(f"{reason} (HERALD_REQUIRE_SERVICES=1 makes this a failure)")
    pytest.skip(reason)


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    """Whether something accepts TCP connections at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(app: object, port: int) -> Iterator[None]:
    """Answer HTTP on 127.0.0.1:`port` with the WSGI `app`, in a thread, until the block ends."""
    server = make_server("127.0.0.1", port, app, threaded=True)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def sample_content() -> Path:
    """The sample site in content/: the demo a newcomer sees and the integration fixture."""
    return SAMPLE_CONTENT
