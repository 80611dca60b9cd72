"""The service's skeleton: health, JSON errors, CORS, cross-site refusal, security headers, proxies, config."""

from __future__ import annotations

import pytest
import requests
from flask import Flask
from sqlalchemy import text

from service.config import ConfigError, resolve_settings
from service.db import PingAfterIdleness
from tests.conftest import SECRET_KEY
from tests.service.conftest import SITE_ORIGIN


def test_health_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"


def test_health_is_503_with_a_json_reason_when_the_database_is_unreachable(free_port_url):
    from service import create_app

    app = create_app({"DATABASE_URL": free_port_url, "HERALD_AUTO_MIGRATE": False, "SECRET_KEY": SECRET_KEY})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["error"]["code"] == "database_unavailable"


def test_a_connection_lost_while_idle_is_replaced_before_a_request_uses_it(app, client, monkeypatch):
    engine = app.extensions["herald_db"].engine
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no connection to lose")
    with engine.connect() as connection:
        backend = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as other:  # a second pooled one
        assert other.execute(text("SELECT pg_terminate_backend(:backend)"), {"backend": backend}).scalar_one()
    monkeypatch.setattr(PingAfterIdleness, "IDLE_SECONDS", 0.0)  # every pooled connection counts as idle
    for _ in range(3):  # whichever pooled connection each request gets
        assert client.get("/healthz").status_code == 200


@pytest.fixture
def free_port_url() -> str:
    from tests.conftest import free_port

    return f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nothing"


def test_unknown_paths_and_methods_are_json_errors(client):
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404
    assert missing.json["error"]["code"] == "not_found"
    wrong_method = client.delete("/healthz")
    assert wrong_method.status_code == 405
    assert wrong_method.json["error"]["code"] == "method_not_allowed"
    assert "GET" in wrong_method.headers["Allow"]


def test_preflight_from_the_site_is_allowed_and_from_elsewhere_refused(client):
    ok = client.options("/healthz", headers={"Origin": SITE_ORIGIN, "Access-Control-Request-Method": "POST"})
    assert ok.status_code == 204
    assert ok.headers["Access-Control-Allow-Origin"] == SITE_ORIGIN
    assert "POST" in ok.headers["Access-Control-Allow-Methods"]
    refused = client.options("/healthz", headers={"Origin": "https://evil.example",
                                                  "Access-Control-Request-Method": "POST"})
    assert refused.status_code == 403
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_simple_requests_get_cors_only_for_the_site(client):
    assert client.get("/healthz", headers={"Origin": SITE_ORIGIN}).headers["Access-Control-Allow-Origin"] == SITE_ORIGIN
    assert "Access-Control-Allow-Origin" not in client.get("/healthz", headers={"Origin": "https://evil.example"}).headers


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Referer": "https://evil.example/page/"},
])
def test_writes_from_another_site_are_refused(client, headers):
    response = client.post("/api/anything", data={"body": "x"}, headers=headers)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "cross_site"


def test_security_headers_are_on_every_answer(client):
    for response in (client.get("/healthz"), client.get("/missing")):
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"]


def _address_seen(app: Flask, forwarded_for: str) -> str:
    @app.get("/test-only/address")
    def address():  # type: ignore[no-untyped-def]
        from service.http.client_addresses import client_address

        return {"address": client_address()}

    return app.test_client().get("/test-only/address", headers={"X-Forwarded-For": forwarded_for},
                                 environ_base={"REMOTE_ADDR": "10.0.0.1"}).json["address"]


def test_forged_forwarded_for_is_ignored_without_trusted_proxies(make_app):
    assert _address_seen(make_app(HERALD_TRUSTED_PROXIES=0), "203.0.113.9") == "10.0.0.1"


def test_forwarded_for_is_believed_through_one_trusted_proxy(make_app):
    assert _address_seen(make_app(HERALD_TRUSTED_PROXIES=1), "198.51.100.1, 203.0.113.9") == "203.0.113.9"


def test_service_answers_over_real_http(live_service):
    response = requests.get(f"{live_service.url}/healthz", timeout=5)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("environ, message", [
    ({"HERALD_MODERATION": "sometimes"}, "HERALD_MODERATION"),
    ({"RATELIMIT_ENABLED": "maybe"}, "RATELIMIT_ENABLED"),
    ({"HERALD_TRUSTED_PROXIES": "two"}, "HERALD_TRUSTED_PROXIES"),
])
def test_bad_settings_are_named(environ, message):
    with pytest.raises(ConfigError, match=message):
        resolve_settings(None, environ)


def test_environment_overrides_defaults_and_config_overrides_environment():
    settings = resolve_settings({"HERALD_MODERATION": "auto"},
                                {"HERALD_MODERATION": "queue", "RATELIMIT_ENABLED": "0"})
    assert settings["HERALD_MODERATION"] == "auto"
    assert settings["RATELIMIT_ENABLED"] is False
