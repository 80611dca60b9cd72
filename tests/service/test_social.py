"""Syndication (POSSE) and backfeed against Mastodon and Bluesky on loopback (tests/service/social_networks.py):
each new post goes out once per account, even across a kill between posting and recording; nothing older than
the account's connection; failures wait and retry; replies come home cleaned and go when deleted at the source."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from service import create_app
from service.config import ConfigError
from service.social import failures, store, syndication
from service.social.models import SocialCopy
from service.social.worker import social_settings
from tests.service.social_networks import (BLUESKY_HANDLE, BLUESKY_PASSWORD, COVER_PNG, MASTODON_TOKEN, FeedEntry,
                                           NetworksServer)
from tests.conftest import SECRET_KEY
from tests.service.test_dashboard_views import Dashboard
from tests.service.test_people import audit_actions

CONNECTED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
TITLE = "Qualité de l’air à Zürich 🌬️💨: ce qui change"
PAGE = "/2026/03/01/qualite-de-l-air/"


class Clock:
    """The time the service's runs see, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def networks() -> Iterator[NetworksServer]:
    with NetworksServer() as server:
        yield server


def social_config(networks: NetworksServer) -> dict[str, object]:
    return {"HERALD_SOCIAL_FEED": f"{networks.url}/atom.xml", "HERALD_MASTODON_URL": networks.url,
            "HERALD_MASTODON_TOKEN": MASTODON_TOKEN, "HERALD_BLUESKY_HANDLE": BLUESKY_HANDLE,
            "HERALD_BLUESKY_APP_PASSWORD": BLUESKY_PASSWORD, "HERALD_BLUESKY_SERVICE": networks.url,
            "HERALD_BLUESKY_APPVIEW": networks.url,
            "HERALD_SOCIAL_WORKER": False, "HERALD_CONTACT_WORKER": False}


@pytest.fixture
def app(make_app, networks: NetworksServer) -> Flask:
    return make_app(**social_config(networks))


@pytest.fixture
def clock() -> Clock:
    return Clock(CONNECTED)


def run(app: Flask, clock: Clock) -> syndication.SyncReport:
    with app.app_context():
        return syndication.sync(app.extensions["herald_db"], social_settings(), clock=clock,
                                moderation=app.config["HERALD_MODERATION"])


def copies(app: Flask) -> list[SocialCopy]:
    with app.extensions["herald_db"].session() as session:
        return list(session.scalars(select(SocialCopy).order_by(SocialCopy.id)))


def connect_then_publish(app: Flask, networks: NetworksServer, clock: Clock, *, image: bool = True) -> None:
    """Connect the accounts (the first run) with one older post in the feed, then publish a new one (its
    picture an enclosure in the feed, or only its page's og:image)."""
    networks.networks.feed.append(FeedEntry("/2026/02/01/older/", "Older", CONNECTED - timedelta(days=30)))
    assert run(app, clock).queued == 0
    networks.networks.feed.append(FeedEntry(PAGE, TITLE, CONNECTED + timedelta(hours=1), image=image))
    clock.advance(hours=2)


@pytest.mark.parametrize("in_feed", [True, False], ids=["feed-enclosure", "page-og-image"])
def test_a_new_post_goes_to_mastodon_and_bluesky_once_and_nothing_older(app, networks, clock, in_feed):
    connect_then_publish(app, networks, clock, image=in_feed)
    report = run(app, clock)
    assert report.queued == 2 and [status for _, status, _ in report.outcomes] == ["sent", "sent"]
    state = networks.networks
    assert state.problems == []
    url = f"{networks.url}{PAGE}"
    assert [form["status"] for form in state.statuses.values()] == [f"{TITLE}\n\n{url}"]
    assert len(state.keys) == 1 and len(next(iter(state.keys))) == 32
    [(rkey, record)] = state.records.items()
    assert re.fullmatch("[234567a-j][234567a-z]{12}", rkey)  # a TID, the record key app.bsky.feed.post takes
    text = record["text"].encode()
    [facet] = record["facets"]
    start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
    assert start == len(f"{TITLE}\n\n".encode()) > len(f"{TITLE}\n\n")  # bytes, not characters
    assert text[start:end].decode() == url and facet["features"][0]["uri"] == url
    external = record["embed"]["external"]
    assert external["uri"] == url and external["title"] == TITLE and external["thumb"]["mimeType"] == "image/png"
    assert state.blobs == [("image/png", COVER_PNG)]
    assert {copy.page for copy in copies(app)} == {PAGE}  # the older post was never queued

    clock.advance(hours=1)
    again = run(app, clock)
    assert again.queued == 0 and again.outcomes == []
    assert len(state.statuses) == 1 and len(state.records) == 1


class Killed(BaseException):
    """The process dying: no `except Exception` catches it."""


def test_a_worker_killed_after_posting_posts_nothing_twice(app, networks, clock, monkeypatch):
    connect_then_publish(app, networks, clock)
    recorded = store.record_posted

    def die(*args: object, **kwargs: object) -> None:
        raise Killed

    monkeypatch.setattr(store, "record_posted", die)
    with pytest.raises(Killed):
        run(app, clock)
    monkeypatch.setattr(store, "record_posted", recorded)
    assert [copy.status for copy in copies(app)] == ["sending", "queued"]
    with pytest.raises(Killed):  # the Bluesky copy dies the same way
        monkeypatch.setattr(store, "record_posted", die)
        run(app, clock)
    monkeypatch.setattr(store, "record_posted", recorded)
    assert [copy.status for copy in copies(app)] == ["sending", "sending"]

    clock.advance(minutes=5)  # the claims are not stale yet: a restart leaves them alone
    assert run(app, clock).outcomes == []
    clock.advance(minutes=6)
    report = run(app, clock)
    assert [status for _, status, _ in report.outcomes] == ["sent", "sent"]
    state = networks.networks
    assert len(state.statuses) == 1 and len(state.records) == 1 and state.problems == []
    rows = copies(app)
    assert [row.status for row in rows] == ["sent", "sent"] and all(row.remote_id for row in rows)
    assert rows[1].remote_url.startswith(f"https://bsky.app/profile/{BLUESKY_HANDLE}/post/")


def test_a_network_failure_waits_and_is_retried_with_backoff(app, networks, clock):
    connect_then_publish(app, networks, clock)
    networks.networks.failing = True
    report = run(app, clock)
    assert [status for _, status, _ in report.outcomes] == ["queued", "queued"]
    first = copies(app)
    assert all(row.attempts == 1 and row.last_error and row.next_attempt_at == clock.now + timedelta(minutes=1)
               for row in first)
    clock.advance(seconds=30)
    assert run(app, clock).outcomes == []  # not due yet
    clock.advance(seconds=31)
    run(app, clock)
    assert all(row.attempts == 2 and row.next_attempt_at == clock.now + timedelta(minutes=2) for row in copies(app))
    networks.networks.failing = False
    clock.advance(minutes=2)
    assert [status for _, status, _ in run(app, clock).outcomes] == ["sent", "sent"]
    assert len(networks.networks.statuses) == 1 and len(networks.networks.records) == 1


def test_replies_come_home_cleaned_and_go_when_deleted_at_the_source(app, networks, clock):
    connect_then_publish(app, networks, clock)
    run(app, clock)
    state = networks.networks
    [status_id] = state.statuses
    [rkey] = state.records
    state.mastodon_replies[status_id] = [
        {"id": "900", "account": "ana", "content": '<p>Yes! <script>alert(1)</script><a href="javascript:x()">x</a>'
                                                   '<img src=x onerror=alert(2)></p>'},
        {"id": "901", "account": "ben", "content": "<p>Second</p>"}]
    state.bluesky_replies[rkey] = [{"rkey": "3kreply", "handle": "carla.example.org",
                                    "text": "<b>not bold</b> & 🎉\nline two"}]
    report = run(app, clock)
    assert report.replies == 3 and report.problems == []
    shown = app.test_client().get("/api/social", query_string={"page": PAGE}).json
    assert {(copy["network"], copy["url"].split("/")[2]) for copy in shown["copies"]} == {
        ("mastodon", networks.url.split("/")[2]), ("bluesky", "bsky.app")}
    by_handle = {reply["handle"]: reply for reply in shown["replies"]}
    ana = by_handle[f"ana@{networks.url.split('/')[2]}"]
    assert ana["network"] == "mastodon" and ana["url"].endswith("/@ana/900")
    assert "script" not in ana["html"] and "javascript" not in ana["html"] and "onerror" not in ana["html"]
    assert "Yes!" in ana["html"]
    carla = by_handle["carla.example.org"]
    assert carla["network"] == "bluesky" and carla["url"] == "https://bsky.app/profile/carla.example.org/post/3kreply"
    assert carla["html"] == "<p>&lt;b&gt;not bold&lt;/b&gt; &amp; 🎉<br>line two</p>"

    state.mastodon_replies[status_id] = state.mastodon_replies[status_id][1:]  # ana deleted hers
    run(app, clock)
    handles = {reply["handle"] for reply in app.test_client().get("/api/social", query_string={"page": PAGE}).json["replies"]}
    assert handles == {f"ben@{networks.url.split('/')[2]}", "carla.example.org"}

    del state.statuses[status_id]  # the whole copy deleted on Mastodon: 404
    state.records.clear()  # and on Bluesky: NotFound
    run(app, clock)
    assert app.test_client().get("/api/social", query_string={"page": PAGE}).json["replies"] == []
    assert state.sessions == 1  # signed in to post; replies are read from the AppView without signing in


def test_one_bluesky_sign_in_posts_every_copy_due_in_a_run(app, networks, clock):
    run(app, clock)
    for day in range(1, 6):
        networks.networks.feed.append(FeedEntry(f"/2026/03/0{day}/post/", f"Post {day}", CONNECTED + timedelta(days=day)))
    clock.advance(days=6)
    assert [status for _, status, _ in run(app, clock).outcomes] == ["sent"] * 10
    assert len(networks.networks.records) == 5 and networks.networks.sessions == 1


def test_replies_wait_for_approval_under_queued_moderation_and_stay_hidden(make_app, networks, clock):
    app = make_app(**social_config(networks), HERALD_MODERATION="queue")
    connect_then_publish(app, networks, clock)
    run(app, clock)
    [status_id] = networks.networks.statuses
    networks.networks.mastodon_replies[status_id] = [{"id": "900", "account": "ana", "content": "<p>Hi</p>"}]
    assert run(app, clock).replies == 1
    client = app.test_client()

    def shown() -> list[str]:
        return [reply["html"] for reply in client.get("/api/social", query_string={"page": PAGE}).json["replies"]]

    assert shown() == []
    dashboard = Dashboard(client)
    assert dashboard.sign_in().status_code == 303
    page = client.get("/admin/social").text
    [reply_id] = re.findall(r'id="reply-(\d+)"', page)
    assert "<p>Hi</p>" in page and "Approve" in page
    assert dashboard.click(f"/admin/social/replies/{reply_id}/approve").status_code == 303
    assert shown() == ["<p>Hi</p>"]
    assert dashboard.click(f"/admin/social/replies/{reply_id}/hide").status_code == 303
    run(app, clock)  # fetched again: still hidden
    assert shown() == []
    assert dashboard.click("/admin/social/replies/999999/hide").status_code == 404
    assert [action for _, action, _ in audit_actions(app)] == ["social.reply_approve", "social.reply_hide"]


def test_replies_of_old_copies_are_no_longer_fetched(app, networks, clock):
    connect_then_publish(app, networks, clock)
    run(app, clock)
    [status_id] = networks.networks.statuses
    networks.networks.mastodon_replies[status_id] = [{"id": "900", "account": "ana", "content": "<p>Hi</p>"}]
    assert run(app, clock).replies == 1
    networks.networks.mastodon_replies[status_id] = []
    clock.advance(days=31)
    assert run(app, clock).replies == 0  # not asked: the copies are past HERALD_SOCIAL_REPLIES_DAYS
    assert len(app.test_client().get("/api/social", query_string={"page": PAGE}).json["replies"]) == 1


def test_a_network_that_does_not_answer_keeps_the_replies_and_never_errors(app, networks, clock):
    connect_then_publish(app, networks, clock)
    run(app, clock)
    [status_id] = networks.networks.statuses
    networks.networks.mastodon_replies[status_id] = [{"id": "900", "account": "ana", "content": "<p>Hi</p>"}]
    run(app, clock)
    networks.networks.failing = True
    report = run(app, clock)
    assert report.problems  # said, not raised
    answer = app.test_client().get("/api/social", query_string={"page": PAGE})
    assert answer.status_code == 200 and len(answer.json["replies"]) == 1


def start(tmp_path: Path, **settings: object) -> Flask:
    """The service started on a throw-away SQLite file (a settings error is the same on every database)."""
    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'herald.db'}",
                       "SECRET_KEY": SECRET_KEY, **settings})


@pytest.mark.parametrize("handle", ["not a handle", "@cleanair", "clean_air.bsky.social", "cleanair.bsky.social."])
def test_a_malformed_bluesky_handle_stops_the_start(tmp_path, networks, handle):
    with pytest.raises(ConfigError, match="HERALD_BLUESKY_HANDLE=.*is not a Bluesky handle"):
        start(tmp_path, **{**social_config(networks), "HERALD_BLUESKY_HANDLE": handle})


def test_half_a_mastodon_account_stops_the_start(tmp_path):
    with pytest.raises(ConfigError, match="HERALD_MASTODON_TOKEN"):
        start(tmp_path, HERALD_MASTODON_URL="https://mastodon.example")


def test_social_sync_command_posts_and_reports(app, networks):
    runner = app.test_cli_runner()
    networks.networks.feed.append(FeedEntry(PAGE, TITLE, datetime.now(UTC) + timedelta(minutes=1)))
    result = runner.invoke(args=["social", "sync"])
    assert result.exit_code == 0, result.output
    assert "2 new copies queued" in result.output and result.output.count(": sent") == 2


def test_the_dashboard_shows_accounts_posts_and_failures_and_retries(app, networks, client):
    networks.networks.feed.append(FeedEntry(PAGE, TITLE, datetime.now(UTC) + timedelta(minutes=1)))
    networks.networks.failing = True
    with app.app_context():
        syndication.sync(app.extensions["herald_db"], social_settings(), moderation="auto")
    dashboard = Dashboard(client)
    assert dashboard.sign_in().status_code == 303
    page = client.get("/admin/social").text
    assert BLUESKY_HANDLE in page and networks.url.split("/")[2] in page
    assert page.count("watching the feed since") == 2 and " connected " not in page
    assert page.count("no post has succeeded yet") == 2
    assert page.count("Last error: The server had an error (503); it is tried again later.") == 2
    assert page.count("Next attempt at ") == 2 and page.count("<details>") == 2 and page.count("Post now") == 2
    [mastodon_copy, _] = copies(app)
    still_down = dashboard.click(f"/admin/social/{mastodon_copy.id}/retry")  # answered, never a 500
    page = client.get("/admin/social").text
    assert still_down.status_code == 303 and f"Copy {mastodon_copy.id} was tried now and not posted: " in page
    assert '<p class="notice" role="status">' in page
    networks.networks.failing = False
    refused = client.post(f"/admin/social/{mastodon_copy.id}/retry", data={"csrf_token": "forged"})
    assert refused.status_code == 400 and networks.networks.statuses == {}
    answer = dashboard.click(f"/admin/social/{mastodon_copy.id}/retry")
    assert answer.status_code == 303
    page = client.get("/admin/social").text
    assert f"Copy {mastodon_copy.id} was posted." in page
    assert page.count("last post succeeded at") == 1 and page.count("no post has succeeded yet") == 1
    [status] = networks.networks.statuses
    assert f"{networks.url}/@cleanair/{status}" in page and page.count("Post now") == 1
    assert audit_actions(app) == [("admin token", "social.post_now", f"social copy {mastodon_copy.id}")] * 2


def test_the_dashboard_says_credentials_are_not_checked_before_the_first_post(app, networks, client):
    with app.app_context():
        syndication.sync(app.extensions["herald_db"], social_settings(), moderation="auto")  # connects, posts none
    assert Dashboard(client).sign_in().status_code == 303
    page = client.get("/admin/social").text
    assert page.count("credentials not yet checked: they are tried on the first post") == 2


@pytest.mark.parametrize(("status", "answer", "summary"), [
    (None, {}, "Cannot reach the server."),
    (401, {"error": "AuthenticationRequired"}, "The server refused the credentials (401); set them again."),
    (422, {"error": "Text is too long", "message": "Text is too long"},
     "The server rejected the post (422): Text is too long."),
    (502, {"error": "Bad gateway"}, "The server had an error (502); it is tried again later."),
], ids=["unreachable", "credentials", "rejected", "server-error"])
def test_each_failure_is_said_in_short_with_the_raw_answer_kept(make_app, networks, clock, status, answer, summary):
    config = social_config(networks)
    if status is None:  # nothing listens on port 9 of loopback
        config |= {"HERALD_MASTODON_URL": "http://127.0.0.1:9", "HERALD_BLUESKY_SERVICE": "http://127.0.0.1:9"}
    app = make_app(**config)
    connect_then_publish(app, networks, clock)
    networks.networks.failing, networks.networks.failing_status = True, status or 503
    networks.networks.failing_answer = answer
    run(app, clock)
    for row in copies(app):
        short, detail = failures.split(row.last_error)
        assert short == summary and detail.startswith("NetworkError: ")


def test_the_worker_syndicates_in_the_background_after_the_first_request(make_app, networks):
    networks.networks.feed.append(FeedEntry(PAGE, TITLE, datetime.now(UTC) + timedelta(minutes=1)))
    app = make_app(**{**social_config(networks), "HERALD_SOCIAL_WORKER": True})
    worker = app.extensions["herald_social_worker"]
    try:
        assert app.test_client().get("/healthz").status_code == 200
        waited = 0
        while (len(networks.networks.statuses), len(networks.networks.records)) != (1, 1) and waited < 200:
            threading.Event().wait(0.05)
            waited += 1
        assert len(networks.networks.statuses) == 1 and len(networks.networks.records) == 1
    finally:
        worker.stop()
    assert make_app(**social_config(networks)).extensions.get("herald_social_worker") is None  # worker off
    assert make_app().extensions.get("herald_social_worker") is None  # no account


def test_the_retry_button_is_rate_limited(make_app, networks):
    app = make_app(**social_config(networks), RATELIMIT_ENABLED=True, HERALD_LIMIT_SOCIAL_RETRY="1 per minute")
    client = app.test_client()
    dashboard = Dashboard(client)
    assert dashboard.sign_in().status_code == 303
    assert dashboard.click("/admin/social/1/retry").status_code == 303  # no such copy: said on the page
    assert dashboard.click("/admin/social/1/retry").status_code == 429
