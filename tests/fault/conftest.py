"""Fixtures for fault tests: private servers to break, and a check that a failure still answers properly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from tests.conftest import require_service
from tests.fault.servers import PrivatePostgres, PrivateRedis, postgres_missing, redis_missing


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    """A PostgreSQL cluster of the test's own, running; removed afterwards whatever the test did to it."""
    missing = postgres_missing()
    require_service(missing is None, f"cannot start a private PostgreSQL: {missing}")
    server = PrivatePostgres()
    try:
        yield server.create()
    finally:
        server.remove()


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    """A Redis of the test's own, running; killed afterwards if the test left it up."""
    missing = redis_missing()
    require_service(missing is None, f"cannot start a private Redis: {missing}")
    server = PrivateRedis().start()
    try:
        yield server
    finally:
        server.kill()


def assert_json_error(response: requests.Response, status: int) -> dict:
    """The answer is the service's JSON error with `status`: no HTML page, no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    assert "Traceback" not in response.text and 'File "' not in response.text
    error = response.json()["error"]
    assert error["code"] and error["message"]
    return error
