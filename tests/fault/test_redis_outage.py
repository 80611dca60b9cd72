"""Redis (the rate limits' shared storage) dies under a running service: limits fall back to memory, say so
in the log, and visitors' requests go on."""

from __future__ import annotations

import requests

from tests.conftest import SECRET_KEY
from tests.service.conftest import SITE_ORIGIN
from tests.service.processes import ServiceProcesses

FALLBACK_LOG_LINE = "Rate limit storage unreachable - falling back to in-memory storage"
POSTS = 6


def test_limits_fall_back_to_memory_when_redis_is_unreachable(tmp_path, private_redis):
    environ = {"DATABASE_URL": f"sqlite:///{tmp_path / 'herald.db'}", "SECRET_KEY": SECRET_KEY,
               "HERALD_SITE_ORIGIN": SITE_ORIGIN, "RATELIMIT_STORAGE_URI": private_redis.url,
               "HERALD_LIMIT_COMMENTS": "100 per hour"}
    log_path = tmp_path / "service.log"

    def post(number: int) -> requests.Response:
        return requests.post(f"{service.url}/api/comments", timeout=15, json={
            "page": "/redis/", "author": "Ada", "body": f"comment {number}"})

    with ServiceProcesses(environ, workers=2, log_path=log_path) as service:
        before = [post(number) for number in range(POSTS)]
        private_redis.kill()
        after = [post(POSTS + number) for number in range(POSTS)]
    assert [answer.status_code for answer in before] == [201] * POSTS
    assert [answer.status_code for answer in after] == [201] * POSTS, [answer.text for answer in after]
    # Counting goes on in memory: the limit headers are still sent.
    assert all(answer.headers.get("X-RateLimit-Limit") == "100" for answer in after)
    log = log_path.read_text()
    assert FALLBACK_LOG_LINE in log
    assert "Traceback" not in log, log
