"""The admin dashboard at /admin/: signing in and out, CSRF, and each moderation, outbox and analytics page."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from werkzeug.test import TestResponse

from service.admin import signin
from tests.service.conftest import ADMIN_TOKEN, SITE_ORIGIN
from tests.service.smtp_server import smtp_server  # noqa: F401  (a fixture)

PAGE = "/2026/05/clean-air-day/"
FIREFOX = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0"}


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)


class Dashboard:
    """The dashboard as an admin's browser uses it: sign in once, then post its one-click forms."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def sign_in(self, token: str = ADMIN_TOKEN, **extra: str) -> TestResponse:
        form = self.client.get("/admin/sign-in")
        return self.client.post("/admin/sign-in", data={"csrf_token": csrf_of(form.text), "token": token, **extra})

    def click(self, path: str, **fields: str) -> TestResponse:
        """Post one of the dashboard's forms, with the CSRF token the dashboard printed."""
        token = csrf_of(self.client.get("/admin/").text)
        return self.client.post(path, data={"csrf_token": token, **fields})


@pytest.fixture
def app(make_app) -> Flask:
    return make_app(HERALD_MODERATION="queue", HERALD_CONTACT_WORKER=False)


@pytest.fixture
def dashboard(client) -> Dashboard:
    board = Dashboard(client)
    assert board.sign_in().status_code == 303
    return board


def post_comment(client: FlaskClient, **overrides: Any) -> dict[str, Any]:
    fields = {"page": PAGE, "author": "Ada", "email": "ada@example.org", "body": "Clean air **now**.", **overrides}
    response = client.post("/api/comments", json=fields)
    assert response.status_code == 201, response.json
    return response.json


def start_thread(client: FlaskClient, title: str = "Street trees") -> dict[str, Any]:
    response = client.post("/api/board/threads", json={"title": title, "author": "Ben", "body": "Plant more?"})
    assert response.status_code == 201, response.json
    return response.json


def test_without_an_admin_token_the_dashboard_is_disabled(make_app):
    client = make_app(HERALD_ADMIN_TOKEN=None).test_client()
    for path in ("/admin/", "/admin/sign-in", "/admin/analytics"):
        response = client.get(path)
        assert response.status_code == 403 and response.mimetype == "text/html"
        assert "set HERALD_ADMIN_TOKEN" in response.text


def test_signed_out_visitors_are_sent_to_sign_in_and_back(client):
    response = client.get("/admin/analytics?from=2026-01-01")
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/sign-in?next=/admin/analytics?from%3D2026-01-01"
    signed_in = Dashboard(client).sign_in(next="/admin/analytics?from=2026-01-01")
    assert signed_in.headers["Location"] == "/admin/analytics?from=2026-01-01"


@pytest.mark.parametrize("wanted", ["https://evil.example/", "//evil.example/admin", "/api/comments"])
def test_sign_in_never_sends_the_admin_elsewhere(client, wanted):
    assert Dashboard(client).sign_in(next=wanted).headers["Location"] == "/admin/"


@pytest.mark.parametrize("wanted", ["/admin/\r\nSet-Cookie: x=1", "/admin/\nx", "/admin/\x00"])
def test_a_next_page_that_would_break_the_redirect_is_a_400_naming_it(client, wanted):
    """A line break in `next` once split the Location header: a 500."""
    fields = {"csrf_token": csrf_of(client.get("/admin/sign-in").text), "token": ADMIN_TOKEN, "next": wanted}
    as_json = client.post("/admin/sign-in", data=fields, headers={"Accept": "application/json"})
    assert as_json.status_code == 400 and set(as_json.json["error"]["fields"]) == {"next"}
    as_page = client.post("/admin/sign-in", data=fields)
    assert as_page.status_code == 400 and as_page.mimetype == "text/html"
    assert "<li><strong>Next</strong>: " in as_page.text
    assert client.get("/admin/sign-in", query_string={"next": wanted}).status_code == 400
    assert client.get("/admin/").status_code == 303  # and nobody was signed in


def test_a_wrong_token_is_refused_and_opens_no_session(client):
    response = Dashboard(client).sign_in(token="guess")
    assert response.status_code == 401
    assert "That is not the admin token" in response.text
    assert client.get("/admin/").status_code == 303


def test_the_session_cookie_is_strict_httponly_and_only_for_the_dashboard(client):
    response = Dashboard(client).sign_in()
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{signin.COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/admin" in cookie
    assert "Secure" not in cookie  # plain http: a Secure cookie would never come back


def test_over_https_the_cookie_is_secure(app):
    client = app.test_client()
    client.get("/admin/sign-in", base_url="https://localhost")
    token = csrf_of(client.get("/admin/sign-in", base_url="https://localhost").text)
    response = client.post("/admin/sign-in", data={"csrf_token": token, "token": ADMIN_TOKEN},
                           base_url="https://localhost")
    assert "; Secure" in response.headers["Set-Cookie"]


def test_sign_in_without_the_forms_csrf_token_is_refused(client):
    client.get("/admin/sign-in")
    response = client.post("/admin/sign-in", data={"token": ADMIN_TOKEN})
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "reload the dashboard" in response.text
    assert client.get("/admin/").status_code == 303


def test_an_action_without_the_csrf_token_changes_nothing(client, dashboard):
    comment = post_comment(client)
    for token in ({}, {"csrf_token": "forged"}):
        response = client.post(f"/admin/comments/{comment['id']}/approve", data=token)
        assert response.status_code == 400
    assert client.get("/api/comments", query_string={"page": PAGE}).json["comments"] == []


def test_sign_out_ends_the_session(client, dashboard):
    response = dashboard.click("/admin/sign-out")
    assert response.status_code == 303 and response.headers["Location"] == "/admin/sign-in"
    assert client.get("/admin/").status_code == 303


def test_a_new_admin_token_signs_everyone_out(app, client, dashboard):
    app.config["HERALD_ADMIN_TOKEN"] = "a-brand-new-admin-token-0123456789abcdef"
    assert client.get("/admin/").status_code == 303


def later(monkeypatch, hours: float) -> None:
    """Move the dashboard's clock forward."""
    real = signin.utcnow
    monkeypatch.setattr(signin, "utcnow", lambda: real() + timedelta(hours=hours))


def test_a_session_lasts_twelve_hours(client, dashboard, monkeypatch):
    later(monkeypatch, signin.SESSION_HOURS - 0.01)
    assert client.get("/admin/").status_code == 200
    later(monkeypatch, 0.02)
    assert client.get("/admin/").status_code == 303


def stored_sessions(app: Flask) -> list[dict[str, Any]]:
    with app.extensions["herald_db"].engine.connect() as connection:
        return [dict(row) for row in connection.execute(text("SELECT * FROM admin_sessions")).mappings()]


def test_a_cookie_copied_before_sign_out_opens_nothing_after(app, client, dashboard):
    copied = client.get_cookie(signin.COOKIE_NAME, path="/admin").value
    assert dashboard.click("/admin/sign-out").status_code == 303
    client.set_cookie(signin.COOKIE_NAME, copied, path="/admin")
    assert client.get("/admin/").status_code == 303
    assert client.post("/admin/sign-out", data={"csrf_token": "anything"}).status_code == 303  # to sign-in
    assert stored_sessions(app) == []


def test_signing_in_again_ends_the_session_before(app, client, dashboard):
    before = client.get_cookie(signin.COOKIE_NAME, path="/admin").value
    assert dashboard.click("/admin/sign-in", token=ADMIN_TOKEN).status_code == 303  # from a tab left open
    client.set_cookie(signin.COOKIE_NAME, before, path="/admin")
    assert client.get("/admin/").status_code == 303
    assert len(stored_sessions(app)) == 1


def test_the_server_keeps_only_a_hash_of_the_session_id(app, client, dashboard):
    cookie = client.get_cookie(signin.COOKIE_NAME, path="/admin").value
    session_id = app.session_interface.get_signing_serializer(app).loads(cookie)[signin.SESSION_ID]
    [stored] = stored_sessions(app)
    assert stored["digest"] == hashlib.sha256(session_id.encode()).hexdigest() != session_id


def test_expired_sessions_are_deleted_at_the_next_sign_in(app, client, dashboard, monkeypatch):
    other = Dashboard(app.test_client())
    assert other.sign_in().status_code == 303 and len(stored_sessions(app)) == 2
    later(monkeypatch, signin.SESSION_HOURS + 1)
    assert Dashboard(app.test_client()).sign_in().status_code == 303
    assert len(stored_sessions(app)) == 1


def test_sign_in_attempts_are_rate_limited(make_app):
    client = make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_SIGN_IN="2 per minute").test_client()
    statuses = [Dashboard(client).sign_in(token="guess").status_code for _ in range(3)]
    assert statuses == [401, 401, 429]


def test_the_queue_shows_waiting_comments_and_posts_with_visitor_text_escaped(client, dashboard):
    post_comment(client, author="<b>Eve</b>", body="Hi <script>alert(1)</script> **there**")
    start_thread(client, title="Trees & <i>shade</i>")
    page = client.get("/admin/")
    assert page.status_code == 200
    html = page.text
    assert "<script>alert(1)" not in html and "<b>Eve" not in html and "<i>shade" not in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html and "Trees &amp; &lt;i&gt;shade&lt;/i&gt;" in html
    assert "Hi &lt;script&gt;alert(1)&lt;/script&gt; **there**" in html  # the source, as typed
    assert "<strong>there</strong>" in html  # the sanitized rendering
    assert f'href="{SITE_ORIGIN}{PAGE}"' in html and "ada@example.org" in html
    assert "Comments <span class=\"count\">(1)</span>" in html and "Board posts <span class=\"count\">(1)</span>" in html


def test_approving_a_comment_publishes_it_in_one_click(client, dashboard):
    comment = post_comment(client)
    response = dashboard.click(f"/admin/comments/{comment['id']}/approve", show="pending")
    assert response.status_code == 303 and response.headers["Location"] == "/admin/?show=pending"
    [shown] = client.get("/api/comments", query_string={"page": PAGE}).json["comments"]
    assert shown["id"] == comment["id"]
    queue = client.get("/admin/").text
    assert f"Comment {comment['id']} approved" in queue and "No comments waiting" in queue


def test_deleting_a_comment_removes_it(client, dashboard):
    comment = post_comment(client)
    assert dashboard.click(f"/admin/comments/{comment['id']}/delete").status_code == 303
    assert "No comments yet" in client.get("/admin/?show=all").text
    assert dashboard.click(f"/admin/comments/{comment['id']}/delete").status_code == 404


def test_approving_a_threads_opening_post_publishes_the_thread(client, dashboard):
    thread = start_thread(client)
    opening_id = thread["posts"][0]["id"]
    assert dashboard.click(f"/admin/board/posts/{opening_id}/approve").status_code == 303
    assert [listed["id"] for listed in client.get("/api/board/threads").json["threads"]] == [thread["id"]]
    everything = client.get("/admin/?show=all").text
    assert 'status-approved' in everything and f'href="/board/threads/{thread["id"]}/"' in everything


def test_deleting_an_opening_post_deletes_its_thread(client, dashboard):
    thread = start_thread(client)
    response = dashboard.click(f"/admin/board/posts/{thread['posts'][0]['id']}/delete")
    assert response.status_code == 303
    assert "deleted with its whole thread" in client.get("/admin/").text
    assert client.get(f"/api/board/threads/{thread['id']}").status_code == 404


def test_the_outbox_shows_each_message_and_deletes_one(client, dashboard):
    sent = client.post("/api/contact", json={"name": "Ada <admin>", "email": "ada@example.org", "subject": "Hi",
                                             "message": "Line one\n<img src=x onerror=alert(1)>"})
    assert sent.status_code == 202
    page = client.get("/admin/outbox").text
    assert "status-queued" in page and "0 attempts" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "Ada &lt;admin&gt;" in page
    assert dashboard.click(f"/admin/outbox/{sent.json['id']}/delete").status_code == 303
    assert "No messages yet" in client.get("/admin/outbox").text


def test_retrying_without_a_mail_server_says_what_to_set(client, dashboard):
    sent = client.post("/api/contact", json={"name": "Ada", "email": "ada@example.org", "message": "Hello"})
    response = dashboard.click(f"/admin/outbox/{sent.json['id']}/retry")
    assert response.status_code == 303
    assert "HERALD_SMTP_URL" in client.get("/admin/outbox").text


def test_send_now_mails_a_queued_message(make_app, smtp_server):  # noqa: F811
    client = make_app(HERALD_SMTP_URL=smtp_server.url, HERALD_CONTACT_TO="team@example.org",
                      HERALD_CONTACT_WORKER=False).test_client()
    Dashboard(client).sign_in()
    sent = client.post("/api/contact", json={"name": "Ada", "email": "ada@example.org", "message": "Hello"})
    assert Dashboard(client).click(f"/admin/outbox/{sent.json['id']}/retry").status_code == 303
    assert [received.rcpt_tos for received in smtp_server.received] == [["team@example.org"]]
    page = client.get("/admin/outbox").text
    assert f"Message {sent.json['id']}: sent." in page and "status-sent" in page
    assert re.search(r"· 1 attempt\s", page)


def beacon(client: FlaskClient, **fields: str) -> None:
    assert client.post("/api/events", json=fields, headers=FIREFOX).status_code == 204


def test_analytics_draws_views_per_day_and_the_top_pages_and_buttons(client, dashboard):
    for path in ("/", "/", "/", "/about/"):
        beacon(client, type="pageview", path=path)
    beacon(client, type="click", path="/", label="Donate")
    page = client.get("/admin/analytics").text
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 3
    line = re.search(r'<polyline class="chart-line"[^>]* points="([^"]+)"', page)
    assert line and len(line.group(1).split()) == 30  # the last 30 days by default
    bars = re.findall(r'<rect class="chart-bar"', page)
    assert len(bars) == 3  # "/" and "/about/", then "Donate"
    assert '<text class="chart-number" text-anchor="end"' in page and ">3</text>" in page
    assert "<strong>4</strong> page views" in page and "<strong>1</strong> button presses" in page


def test_analytics_over_a_chosen_range(client, dashboard):
    page = client.get("/admin/analytics?from=2026-01-01&to=2026-01-07").text
    line = re.search(r'<polyline class="chart-line"[^>]* points="([^"]+)"', page)
    assert line and len(line.group(1).split()) == 7
    assert 'value="2026-01-01"' in page and "1 Jan to 7 Jan" in page


@pytest.mark.parametrize("days, problem", [
    ("from=yesterday", "From: Use a date as YYYY-MM-DD."),
    ("to=0001-01-05", "To: Use a date from 1970-01-01 to 2999-12-31."),  # once a 500
])
def test_a_wrong_date_is_explained_and_the_default_range_shown(client, dashboard, days, problem):
    response = client.get(f"/admin/analytics?{days}")
    assert response.status_code == 200
    assert problem in response.text and 'aria-invalid="true"' in response.text


def test_dashboard_pages_get_the_page_policy_and_json_keeps_the_strict_one(client, dashboard):
    policy = client.get("/admin/").headers["Content-Security-Policy"]
    assert "style-src 'self' " + SITE_ORIGIN in policy and "script-src" not in policy
    assert "frame-ancestors 'none'" in policy
    assert client.get("/healthz").headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_the_dashboard_over_real_http(live_service):
    import requests

    with requests.Session() as browser:
        form = browser.get(f"{live_service.url}/admin/sign-in", timeout=5)
        signed = browser.post(f"{live_service.url}/admin/sign-in", timeout=5, allow_redirects=False,
                              data={"csrf_token": csrf_of(form.text), "token": ADMIN_TOKEN})
        assert signed.status_code == 303
        assert browser.get(f"{live_service.url}/admin/outbox", timeout=5).status_code == 200
