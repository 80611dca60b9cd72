"""A bounded load on loopback: 32 clients post 2,000 comments to the service with 4 workers.

Every 201 must have its row, and every answer must describe the comment its own request created (its id,
its HTML, and an edit token for that comment): Isso 0.14 under two workers hands 1 to 3% of posters someone
else's comment and token. Then, with limits on and Redis storage, the limit must hold across the workers.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import requests
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from service.comments.access import EDIT_TOKEN_SALT
from tests.conftest import REDIS_URL
from tests.service.conftest import SITE_ORIGIN
# A fresh database per backend for this session (PostgreSQL: a new database on the shared server, dropped
# after), and a Redis key prefix of the test's own whose keys are deleted after.
from tests.service.conftest import database_url  # noqa: F401  (a fixture)
from tests.service.test_shared_limit import redis_prefix  # noqa: F401  (a fixture)
from tests.service.processes import ServiceProcesses

CLIENTS = 32
COMMENTS = 2_000
WORKERS = 4
SECRET = "load-test-secret-0123456789abcdefghij"
LIMIT = 50
LIMITED_POSTS = 200


@dataclass(frozen=True)
class Outcome:
    """One request: the unique body it sent, the status it got, and the JSON answer when there was one."""

    body: str
    status: int
    answer: dict[str, Any] | None


def post_comments(url: str, count: int, clients: int, page: str) -> tuple[list[Outcome], float]:
    """`count` comments with unique bodies from `clients` concurrent clients; the outcomes and seconds taken."""
    local = threading.local()

    def post(number: int) -> Outcome:
        if not hasattr(local, "session"):
            local.session = requests.Session()
        body = f"load comment {number} {uuid.uuid4().hex}"
        response = local.session.post(f"{url}/api/comments", timeout=60,
                                      json={"page": page, "author": f"Poster {number}", "body": body})
        is_json = response.headers.get("Content-Type", "").startswith("application/json")
        return Outcome(body, response.status_code, response.json() if is_json else None)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        outcomes = list(pool.map(post, range(count)))
    return outcomes, time.monotonic() - started


def stored_comments(database_url: str) -> list[tuple[int, str, str]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text("SELECT id, body, html FROM comments"))]
    finally:
        engine.dispose()


def _environ(database_url: str, **settings: str) -> dict[str, str]:
    return {"DATABASE_URL": database_url, "SECRET_KEY": SECRET, "HERALD_SITE_ORIGIN": SITE_ORIGIN, **settings}


def test_every_poster_gets_their_own_comment_and_nothing_is_lost(tmp_path, database_url):
    with ServiceProcesses(_environ(database_url, RATELIMIT_ENABLED="0"), workers=WORKERS,
                         log_path=tmp_path / "service.log") as service:
        outcomes, seconds = post_comments(service.url, COMMENTS, CLIENTS, "/load/")
    rows = stored_comments(database_url)
    statuses = Counter(outcome.status for outcome in outcomes)
    errors = sum(count for status, count in statuses.items() if status != 201)
    backend = make_url(database_url).get_backend_name()
    print(f"\nload on {backend}: {len(outcomes)} requests from {CLIENTS} clients to {WORKERS} workers in "
          f"{seconds:.1f}s ({len(outcomes) / seconds:.0f}/s); {errors} errors {dict(statuses)}; {len(rows)} rows")

    assert statuses == {201: COMMENTS}
    by_body = {body: (comment_id, html) for comment_id, body, html in rows}
    assert len(by_body) == len(rows) == COMMENTS, "a comment was stored twice"
    tokens = URLSafeTimedSerializer(SECRET, salt=EDIT_TOKEN_SALT)
    for outcome in outcomes:
        assert outcome.answer is not None
        comment_id, html = by_body[outcome.body]  # KeyError: a 201 without its row
        assert outcome.answer["id"] == comment_id
        assert outcome.answer["html"] == html and outcome.body in html
        assert tokens.loads(outcome.answer["token"])[0] == comment_id  # the token names its comment, then its secret
    assert len({outcome.answer["id"] for outcome in outcomes if outcome.answer}) == COMMENTS


def test_the_limit_holds_across_workers_through_redis(tmp_path, redis_prefix):
    limited_url = f"sqlite:///{tmp_path / 'limited.db'}"
    environ = _environ(limited_url, RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=redis_prefix,
                       HERALD_LIMIT_COMMENTS=f"{LIMIT} per hour")
    with ServiceProcesses(environ, workers=WORKERS, log_path=tmp_path / "service.log") as service:
        outcomes, seconds = post_comments(service.url, LIMITED_POSTS, CLIENTS, "/limited/")
    statuses = Counter(outcome.status for outcome in outcomes)
    rows = stored_comments(limited_url)
    print(f"\nlimited load: {len(outcomes)} requests in {seconds:.1f}s; {dict(statuses)}; {len(rows)} rows")
    assert statuses == {201: LIMIT, 429: LIMITED_POSTS - LIMIT}
    assert len(rows) == LIMIT
    refused = [outcome.answer for outcome in outcomes if outcome.status == 429]
    assert all(answer and answer["error"]["code"] == "rate_limited" for answer in refused)
