"""Browsers acting for another site get nothing: its form posts and CORS requests are refused, and every answer
(the service's and the static site's, through netlify.toml) carries the security headers."""

from __future__ import annotations

import tomllib

import pytest

from tests.conftest import REPO_ROOT
from tests.security.conftest import UNSAFE_METHODS, routes
from tests.service.conftest import ADMIN_TOKEN, SITE_ORIGIN
from tests.service.git_repositories import make_repositories
from tests.service.test_dashboard_views import Dashboard, csrf_of

HOSTILE_ORIGINS = ["https://evil.example", "http://site.example.org", "https://site.example.org.evil.example",
                   "null"]
FORM = {"page": "/p/", "author": "Mallory", "body": "cross-site", "title": "Hi", "name": "Mallory",
        "email": "m@example.org", "subject": "Hi", "message": "Hello", "type": "pageview", "path": "/p/"}


def unsafe_routes(app) -> list[tuple[str, str]]:
    return [(method, url) for method, url, _endpoint in routes(app) if method in UNSAFE_METHODS]


def test_every_write_from_another_origin_is_refused(app, client):
    writes = unsafe_routes(app)
    assert len(writes) >= 10
    for method, url in writes:
        for origin in HOSTILE_ORIGINS:
            answer = client.open(url, method=method, data=FORM, headers={
                "Origin": origin, "Authorization": f"Bearer {ADMIN_TOKEN}"})
            assert answer.status_code == 403, (method, url, origin, answer.status_code)
            if url.startswith("/api/"):  # the dashboard's pages answer with an HTML page instead
                assert answer.get_json()["error"]["code"] == "cross_site"
            assert "Access-Control-Allow-Origin" not in answer.headers


def test_a_form_posted_from_another_sites_page_is_refused(app, client):
    """No Origin header (older browsers), but the Referer names the other site."""
    for method, url in unsafe_routes(app):
        answer = client.open(url, method=method, data=FORM, headers={"Referer": "https://evil.example/trap.html"})
        assert answer.status_code == 403, (method, url, answer.status_code)
    assert client.get("/api/comments", query_string={"page": "/p/"}).get_json()["comments"] == []


def test_the_content_sections_forms_from_another_origin_are_refused_even_signed_in(make_app, tmp_path):
    """The Content section's posts (save, preview, new, rename, delete, upload, settings, review) with a signed-in
    editor's cookie and a valid CSRF token, sent by another site's page: refused, and nothing is committed."""
    repositories = make_repositories(tmp_path)
    app = make_app(HERALD_CMS_BACKEND="local", HERALD_CMS_REPOSITORY=str(repositories.clone), HERALD_CMS_WORKER=False)
    client = app.test_client()
    assert Dashboard(client).sign_in().status_code == 303
    token = csrf_of(client.get("/admin/content/").text)
    writes = [(method, url) for method, url in unsafe_routes(app) if url.startswith("/admin/content/")]
    assert {("POST", "/admin/content/media"), ("POST", "/admin/content/edit/1")} <= set(writes)
    before = repositories.remote_log()
    for method, url in writes:
        for origin in HOSTILE_ORIGINS:
            answer = client.open(url, method=method, data={**FORM, "csrf_token": token}, headers={"Origin": origin})
            assert answer.status_code == 403, (method, url, origin, answer.status_code)
        refused = client.open(url, method=method, data={**FORM, "csrf_token": token},
                              headers={"Referer": "https://evil.example/trap.html"})
        assert refused.status_code == 403, (method, url, refused.status_code)
    assert repositories.remote_log() == before


@pytest.mark.parametrize("origin", HOSTILE_ORIGINS)
def test_preflights_from_other_origins_are_refused(client, origin):
    for method in ("POST", "PATCH", "DELETE"):
        answer = client.options("/api/comments", headers={
            "Origin": origin, "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "content-type, authorization"})
        assert answer.status_code == 403
        assert "Access-Control-Allow-Origin" not in answer.headers
        assert "Access-Control-Allow-Methods" not in answer.headers


def test_the_site_itself_may_ask(client):
    preflight = client.options("/api/comments", headers={
        "Origin": SITE_ORIGIN, "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == SITE_ORIGIN
    read = client.get("/api/comments", query_string={"page": "/p/"}, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in read.headers


def assert_security_headers(headers, where: str) -> None:
    policy = headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives.get("frame-ancestors") == ["'none'"], (where, policy)
    assert "default-src" in directives, (where, policy)
    assert "'unsafe-inline'" not in directives.get("script-src", []), (where, policy)
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") in {"strict-origin-when-cross-origin", "no-referrer", "same-origin"}, where


def test_every_service_answer_carries_security_headers(app, client):
    for method, url, _endpoint in routes(app):
        with client.open(url, method=method, json={}) as answer:  # some answers stream files: close them
            assert_security_headers(answer.headers, f"{method} {url} -> {answer.status_code}")
    for url in ("/no/such/page", "/api/comments?page=%00"):
        assert_security_headers(client.get(url).headers, url)


def test_the_site_is_served_with_security_headers():
    netlify = tomllib.loads((REPO_ROOT / "netlify.toml").read_text())
    [every_page] = [rule["values"] for rule in netlify["headers"] if rule["for"] == "/*"]
    assert_security_headers(every_page, "netlify.toml /*")
