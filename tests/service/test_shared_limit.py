"""Two service processes against one Redis share their rate limits; with memory storage they would not."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests

from tests.conftest import REDIS_URL, SECRET_KEY, require_service
from tests.service.conftest import SITE_ORIGIN
from tests.service.processes import ServiceProcesses

LIMIT = 3


def _redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def _environ(tmp_path: Path, storage: str, prefix: str) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'herald.db'}",
        "SECRET_KEY": SECRET_KEY,
        "HERALD_SITE_ORIGIN": SITE_ORIGIN,
        "RATELIMIT_STORAGE_URI": storage,
        "RATELIMIT_KEY_PREFIX": prefix,
        "HERALD_LIMIT_COMMENTS": f"{LIMIT} per minute",
    }


def _post_alternately(services: list[ServiceProcesses], count: int) -> list[requests.Response]:
    answers = []
    for number in range(count):
        service = services[number % len(services)]
        answers.append(requests.post(f"{service.url}/api/comments", timeout=10, json={
            "page": "/limits/", "author": "Burst", "body": f"comment {number}"}))
    return answers


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    require_service(_redis_available(), f"Redis is not reachable at {REDIS_URL}")
    prefix = f"herald-test-{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"*{prefix}*"):
        client.delete(key)


def test_limit_is_shared_by_two_processes_through_redis(tmp_path, redis_prefix):
    environ = _environ(tmp_path, REDIS_URL, redis_prefix)
    with ServiceProcesses(environ, log_path=tmp_path / "a.log") as first, \
            ServiceProcesses(environ, log_path=tmp_path / "b.log") as second:
        answers = _post_alternately([first, second], LIMIT + 2)
    statuses = [answer.status_code for answer in answers]
    assert statuses[:LIMIT] == [201] * LIMIT
    assert statuses[LIMIT:] == [429, 429]
    refused = answers[LIMIT]
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) > 0


def test_memory_storage_keeps_limits_per_process(tmp_path):
    environ = _environ(tmp_path, "memory://", "memory")
    with ServiceProcesses(environ, log_path=tmp_path / "a.log") as first, \
            ServiceProcesses(environ, log_path=tmp_path / "b.log") as second:
        answers = _post_alternately([first, second], LIMIT + 2)
    assert [answer.status_code for answer in answers] == [201] * (LIMIT + 2)
