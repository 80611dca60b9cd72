"""Every admin route, found in the app's URL map and in the OpenAPI document, refuses anyone without the token."""

from __future__ import annotations

import pytest

from tests.security.conftest import routes
from tests.service.openapi_check import openapi_path
from tests.service.conftest import ADMIN_TOKEN

WRONG_TOKENS = ["", "Bearer", "Bearer not-the-token", f"Basic {ADMIN_TOKEN}", f"Bearer {ADMIN_TOKEN}x",
                f"Bearer {ADMIN_TOKEN[:-1]}"]


def admin_routes(app) -> list[tuple[str, str, str]]:
    return [(method, url, endpoint) for method, url, endpoint in routes(app)
            if getattr(app.view_functions[endpoint], "herald_admin_only", False)]


def call(client, method: str, url: str, authorization: str | None = None):
    headers = {"Authorization": authorization} if authorization is not None else {}
    return client.open(url, method=method, headers=headers, json={} if method != "GET" else None)


def test_the_openapi_document_marks_exactly_the_admin_routes(app, client):
    document = client.get("/api/openapi.json").get_json()
    documented = {(method.upper(), path) for path, operations in document["paths"].items()
                  for method, operation in operations.items()
                  if isinstance(operation, dict) and operation.get("security") == [{"adminToken": []}]}
    rules = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
    guarded = {(method, openapi_path(rules[endpoint])) for method, _url, endpoint in admin_routes(app)}
    assert len(guarded) >= 10
    assert documented == guarded


def test_admin_routes_refuse_callers_without_the_right_token(app, client):
    for method, url, _endpoint in admin_routes(app):
        for authorization in [None, *WRONG_TOKENS]:
            answer = call(client, method, url, authorization)
            assert answer.status_code == 401, (method, url, authorization, answer.status_code)
            assert answer.get_json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("configured", [None, ""])
def test_admin_routes_are_closed_when_no_token_is_configured(make_app, configured):
    client = make_app(HERALD_ADMIN_TOKEN=configured).test_client()
    for method, url, _endpoint in admin_routes(client.application):
        for authorization in [None, "Bearer ", "Bearer None", f"Bearer {ADMIN_TOKEN}"]:
            answer = call(client, method, url, authorization)
            assert answer.status_code == 403, (method, url, authorization, answer.status_code)


def test_admin_routes_let_the_admin_in(app, client):
    for method, url, _endpoint in admin_routes(app):
        answer = call(client, method, url, f"Bearer {ADMIN_TOKEN}")
        assert answer.status_code not in (401, 403), (method, url, answer.get_json())
        assert answer.status_code < 500


def test_dashboard_pages_need_a_signed_in_admin(app, client):
    """The HTML dashboard (a cookie session, not the bearer token): nothing but sign-in works without one. A
    sign-in link's page answers 404 for a token that is no live link."""
    dashboard = [(method, url, endpoint) for method, url, endpoint in routes(app)
                 if url.startswith("/admin/") and endpoint != "admin.sign_in_page"]
    for method, url, endpoint in dashboard:
        refusals = (302, 303, 400, 401, 403, 404) if endpoint == "admin.link_page" else (302, 303, 400, 401, 403)
        for authorization in [None, f"Bearer {ADMIN_TOKEN}x"]:
            answer = call(client, method, url, authorization)
            assert answer.status_code in refusals, (method, url, answer.status_code)
            if answer.status_code in (302, 303):
                assert "/admin/sign-in" in answer.headers["Location"]
