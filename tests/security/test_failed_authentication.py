"""Guessing the admin token: every refusal, on any admin route or the dashboard's sign-in, spends one budget per
client, shared across processes through the limiter's storage; over it even the right token waits."""

from __future__ import annotations

import pytest

from tests.conftest import REDIS_URL
from tests.security.test_admin_access import admin_routes, call
from tests.service.conftest import ADMIN_TOKEN
from tests.service.test_dashboard_views import Dashboard
from tests.service.test_shared_limit import redis_prefix  # noqa: F401  (a fixture)

BUDGET = 3
GUESSER = {"REMOTE_ADDR": "203.0.113.66"}
SOMEONE_ELSE = {"REMOTE_ADDR": "198.51.100.5"}
RIGHT = f"Bearer {ADMIN_TOKEN}"
WRONG = "Bearer not-the-admin-token-but-a-guess-0000"
ANALYTICS = "/api/analytics/page_views"


@pytest.fixture
def limited(make_app):
    return make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_SIGN_IN=f"{BUDGET} per minute")


def ask(client, authorization: str | None, environ: dict[str, str] = GUESSER):
    headers = {"Authorization": authorization} if authorization else {}
    return client.get(ANALYTICS, headers=headers, environ_base=environ)


def test_wrong_tokens_on_the_admin_api_are_limited_and_then_even_the_right_one_waits(limited):
    client = limited.test_client()
    assert [ask(client, WRONG).status_code for _ in range(BUDGET)] == [401] * BUDGET
    refused = ask(client, RIGHT)
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "rate_limited"
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert ask(client, RIGHT, SOMEONE_ELSE).status_code == 200  # the budget is the guesser's alone


def test_a_missing_token_counts_as_a_failed_attempt(limited):
    client = limited.test_client()
    assert [ask(client, None).status_code for _ in range(BUDGET)] == [401] * BUDGET
    assert ask(client, RIGHT).status_code == 429


def test_the_right_token_works_under_the_limit_and_spends_nothing(limited):
    client = limited.test_client()
    assert [ask(client, WRONG).status_code for _ in range(BUDGET - 1)] == [401] * (BUDGET - 1)
    assert [ask(client, RIGHT).status_code for _ in range(2 * BUDGET)] == [200] * (2 * BUDGET)
    assert ask(client, WRONG).status_code == 401
    assert ask(client, WRONG).status_code == 429


def test_every_admin_route_spends_the_same_budget_and_refuses_once_it_is_spent(limited):
    client = limited.test_client()
    routes = admin_routes(limited)
    assert len(routes) > BUDGET
    statuses = [call(client, method, url, WRONG).status_code for method, url, _endpoint in routes]
    assert statuses == [401] * BUDGET + [429] * (len(routes) - BUDGET)


def test_the_dashboard_sign_in_and_the_admin_api_share_one_budget(limited):
    client = limited.test_client()
    dashboard = Dashboard(client)
    assert ask(client, WRONG, {"REMOTE_ADDR": "127.0.0.1"}).status_code == 401  # the test client's own address
    assert dashboard.sign_in(token="a-guess").status_code == 401
    assert ask(client, WRONG, {"REMOTE_ADDR": "127.0.0.1"}).status_code == 401
    assert dashboard.sign_in().status_code == 429  # the right token, over the budget
    assert ask(client, RIGHT, {"REMOTE_ADDR": "127.0.0.1"}).status_code == 429


def test_a_token_refused_with_no_admin_configured_costs_nothing(make_app):
    client = make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_SIGN_IN="1 per minute",
                      HERALD_ADMIN_TOKEN=None).test_client()
    assert [ask(client, WRONG).status_code for _ in range(3)] == [403] * 3


def test_the_budget_is_shared_by_processes_through_redis(make_app, redis_prefix):  # noqa: F811
    shared = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": REDIS_URL, "RATELIMIT_KEY_PREFIX": redis_prefix,
              "HERALD_LIMIT_SIGN_IN": f"{BUDGET} per minute"}
    first, second = make_app(**shared).test_client(), make_app(**shared).test_client()  # two limiters, one store
    assert [ask(client, WRONG).status_code for client in (first, second, first)] == [401] * BUDGET
    assert ask(second, RIGHT).status_code == 429
    assert first.post("/admin/sign-in", data={"token": ADMIN_TOKEN}, environ_base=GUESSER).status_code == 429
