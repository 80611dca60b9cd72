"""`POST /api/events`: page views and button presses from the site, stored without identifying anyone."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from flask import Flask
from sqlalchemy import select

from service.db import database
from service.events.models import Event
from service.openapi import build_document
from tests.service.openapi_check import assert_matches_openapi

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0"
CHROME = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/125.0.0.0 Safari/537.36")
ADDRESS = "203.0.113.77"
BROWSER = {"headers": {"User-Agent": FIREFOX}, "environ_base": {"REMOTE_ADDR": ADDRESS}}


def matches_openapi(method: str, path: str, response: Any) -> None:
    """The response is one the OpenAPI document declares for the route (status, media type, body)."""
    assert_matches_openapi(build_document(), method, path, response)


def stored_events(app: Flask) -> list[Event]:
    """Every event row, oldest first."""
    with app.app_context(), database().session() as session:
        return list(session.scalars(select(Event).order_by(Event.id)))


def stored_rows(app: Flask) -> list[tuple[Any, ...]]:
    """Every event row as raw column values, as the database holds them."""
    with app.app_context(), database().session() as session:
        return [tuple(row) for row in session.execute(select(Event.__table__))]


def test_a_page_view_is_stored_with_what_analytics_need(app, client):
    response = client.post("/api/events", json={"type": "pageview", "path": "/posts/clean-air/",
                                                 "referrer": "https://news.example.com/story?id=3"}, **BROWSER)
    assert response.status_code == 204
    assert response.data == b""
    matches_openapi("post", "/api/events", response)
    [event] = stored_events(app)
    assert (event.type, event.path, event.label) == ("pageview", "/posts/clean-air/", None)
    assert event.referrer_host == "news.example.com"
    assert event.browser == "Firefox"
    assert len(event.visitor) == 64 and int(event.visitor, 16) >= 0
    assert event.day == event.created.date()
    assert event.created.tzinfo is not None


def test_a_click_is_stored_with_its_label(app, client):
    response = client.post("/api/events", json={"type": "click", "path": "/donate/", "label": "Donate now"},
                           headers={"User-Agent": CHROME})
    assert response.status_code == 204
    [event] = stored_events(app)
    assert (event.type, event.path, event.label, event.browser) == ("click", "/donate/", "Donate now", "Chrome")
    assert event.referrer_host is None


def test_a_send_beacon_text_plain_body_is_read_as_json(app, client):
    body = '{"type": "pageview", "path": "/about/"}'
    response = client.post("/api/events", data=body, content_type="text/plain;charset=UTF-8", **BROWSER)
    assert response.status_code == 204
    assert [event.path for event in stored_events(app)] == ["/about/"]


def test_a_form_encoded_beacon_is_answered_204_not_redirected(app, client):
    response = client.post("/api/events", data={"type": "click", "path": "/", "label": "Subscribe"}, **BROWSER)
    assert response.status_code == 204
    assert [event.label for event in stored_events(app)] == ["Subscribe"]


def test_query_and_fragment_are_dropped_from_the_path(app, client):
    client.post("/api/events", json={"type": "pageview", "path": "/search/?q=me@example.org#top"}, **BROWSER)
    assert [event.path for event in stored_events(app)] == ["/search/"]


@pytest.mark.parametrize(("body", "fields"), [
    ({}, {"type", "path"}),
    ({"type": "view", "path": "/"}, {"type"}),
    ({"type": "pageview", "path": "https://evil.example/x"}, {"path"}),
    ({"type": "pageview", "path": "//evil.example/x"}, {"path"}),
    ({"type": "pageview", "path": "/a b"}, {"path"}),
    ({"type": "pageview", "path": "/" + "a" * 500}, {"path"}),
    ({"type": "click", "path": "/"}, {"label"}),
    ({"type": "click", "path": "/", "label": "  "}, {"label"}),
    ({"type": "click", "path": "/", "label": "x" * 201}, {"label"}),
    ({"type": "click", "path": "/", "label": "two\nlines"}, {"label"}),
    ({"type": "pageview", "path": "/", "referrer": "https://a.example/" + "r" * 2048}, {"referrer"}),
    ({"type": ["pageview"], "path": "/"}, {"type"}),
])
def test_invalid_beacons_are_400_naming_every_wrong_field(app, client, body, fields):
    response = client.post("/api/events", json=body, **BROWSER)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid"
    matches_openapi("post", "/api/events", response)
    assert set(response.json["error"]["fields"]) == fields
    assert stored_events(app) == []


def test_a_body_that_is_not_json_or_a_form_is_refused(client):
    unsupported = client.post("/api/events", data=b"\x00", content_type="application/octet-stream")
    malformed = client.post("/api/events", data="{nope", content_type="text/plain")
    assert (unsupported.status_code, malformed.status_code) == (415, 400)
    for response in (unsupported, malformed):
        matches_openapi("post", "/api/events", response)


@pytest.mark.parametrize("user_agent", [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/125.0 Safari/537.36",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Wget/1.21",
    "",
])
def test_bots_are_answered_but_not_stored(app, client, user_agent):
    response = client.post("/api/events", json={"type": "pageview", "path": "/"},
                           headers={"User-Agent": user_agent})
    assert response.status_code == 204
    assert stored_events(app) == []


@pytest.mark.parametrize("privacy_header", [{"DNT": "1"}, {"Sec-GPC": "1"}])
def test_browsers_asking_not_to_be_tracked_are_answered_but_not_stored(app, client, privacy_header):
    response = client.post("/api/events", json={"type": "pageview", "path": "/"},
                           headers={"User-Agent": FIREFOX, **privacy_header})
    assert response.status_code == 204
    assert stored_events(app) == []


def test_dnt_0_is_no_refusal(app, client):
    client.post("/api/events", json={"type": "pageview", "path": "/"}, headers={"User-Agent": FIREFOX, "DNT": "0"})
    assert len(stored_events(app)) == 1


def test_no_column_holds_the_client_address_or_the_user_agent(app, client):
    for body in ({"type": "pageview", "path": "/", "referrer": "https://other.example/"},
                 {"type": "click", "path": "/", "label": "Join"}):
        assert client.post("/api/events", json=body, **BROWSER).status_code == 204
    rows = stored_rows(app)
    assert len(rows) == 2
    for row in rows:
        for value in row:
            assert ADDRESS not in str(value)
            assert "Gecko" not in str(value) and FIREFOX not in str(value)


@pytest.mark.parametrize(("referrer", "host"), [
    ("https://www.search.example/results?q=clean+air", "www.search.example"),
    ("http://Blog.Example.NET:8080/a", "blog.example.net"),
    ("https://site.example.org/posts/", None),  # the site itself (HERALD_SITE_ORIGIN)
    ("http://localhost/page", None),  # the service itself
    ("android-app://com.example.reader/", None),
    ("not a url", None),
    ("https://[::1/", None),
    ("", None),
])
def test_the_referrer_is_kept_as_another_sites_host_only(app, client, referrer, host):
    client.post("/api/events", json={"type": "pageview", "path": "/", "referrer": referrer}, **BROWSER)
    assert [event.referrer_host for event in stored_events(app)] == [host]


def test_beacons_are_rate_limited(make_app):
    app = make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_EVENTS="2 per minute")
    client = app.test_client()
    responses = [client.post("/api/events", json={"type": "pageview", "path": "/"}, **BROWSER) for _ in range(3)]
    assert [response.status_code for response in responses] == [204, 204, 429]
    assert int(responses[-1].headers["Retry-After"]) > 0
    matches_openapi("post", "/api/events", responses[-1])
    assert len(stored_events(app)) == 2


def test_beacons_over_real_http(app, live_service):
    headers = {"User-Agent": FIREFOX, "Content-Type": "text/plain;charset=UTF-8"}
    for body in ('{"type": "pageview", "path": "/live/"}', '{"type": "click", "path": "/live/", "label": "Share"}'):
        assert requests.post(f"{live_service.url}/api/events", data=body, headers=headers, timeout=5).status_code == 204
    refused = requests.post(f"{live_service.url}/api/events", json={"type": "click", "path": "/live/"},
                            headers={"User-Agent": FIREFOX}, timeout=5)
    assert refused.status_code == 400
    assert set(refused.json()["error"]["fields"]) == {"label"}
    matches_openapi("post", "/api/events", refused)
    assert [(event.type, event.browser, event.visitor is not None) for event in stored_events(app)] == [
        ("pageview", "Firefox", True), ("click", "Firefox", True)]
