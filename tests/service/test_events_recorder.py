"""`log_event()` in every context, the visitor hash, the user-agent parser, and the hooks that record events."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from flask import Flask

from service import signals
from service.db import database
from service.events import recorder
from service.events.recorder import log_event
from service.events.visitors import browser_family, is_bot
from tests.conftest import SECRET_KEY
from tests.service.test_events import ADDRESS, CHROME, FIREFOX, stored_events

SAFARI = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.5 Safari/605.1.15")


@pytest.mark.parametrize(("user_agent", "family"), [
    (FIREFOX, "Firefox"),
    (CHROME, "Chrome"),
    (SAFARI, "Safari"),
    (CHROME + " Edg/125.0.2535.67", "Edge"),
    (CHROME + " OPR/110.0.0.0", "Opera"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "CriOS/125.0 Mobile/15E148 Safari/604.1", "Chrome"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "FxiOS/126.0 Mobile/15E148 Safari/605.1.15", "Firefox"),
    ("Lynx/2.9.0 libwww-FM/2.14", "Other"),
    ("", None),
    (None, None),
])
def test_browser_family_from_the_user_agent(user_agent, family):
    assert browser_family(user_agent) == family


def test_people_are_not_bots_and_programs_are():
    assert not any(is_bot(agent) for agent in (FIREFOX, CHROME, SAFARI))
    assert all(is_bot(agent) for agent in ("Mozilla/5.0 (compatible; YandexBot/3.0)", "Scrapy/2.11", None))


def _at(monkeypatch: pytest.MonkeyPatch, when: datetime) -> None:
    monkeypatch.setattr(recorder, "utcnow", lambda: when)


def test_the_visitor_hash_is_stable_within_a_day_and_unlinkable_across_days(app, monkeypatch):
    with app.app_context():
        for when in (datetime(2024, 5, 1, 0, 1, tzinfo=UTC), datetime(2024, 5, 1, 23, 59, tzinfo=UTC),
                     datetime(2024, 5, 2, 0, 1, tzinfo=UTC)):
            _at(monkeypatch, when)
            assert log_event("pageview", path="/", address=ADDRESS, user_agent=FIREFOX)
        _at(monkeypatch, datetime(2024, 5, 1, 12, tzinfo=UTC))
        assert log_event("pageview", path="/", address="198.51.100.1", user_agent=FIREFOX)
        assert log_event("pageview", path="/", address=ADDRESS, user_agent=CHROME)
    morning, night, next_day, other_address, other_browser = stored_events(app)
    assert morning.visitor == night.visitor
    assert next_day.visitor != morning.visitor
    assert [next_day.day.isoformat(), morning.day.isoformat()] == ["2024-05-02", "2024-05-01"]
    assert len({morning.visitor, other_address.visitor, other_browser.visitor}) == 3


def test_inside_a_request_it_takes_path_referrer_browser_and_address_from_the_request(app):
    with app.test_request_context("/api/board/threads", method="POST", environ_base={"REMOTE_ADDR": ADDRESS},
                                  headers={"User-Agent": CHROME, "Referer": "https://friends.example/list"}):
        assert log_event("thread")
        assert log_event("comment", path="/posts/hello/", referrer="", user_agent=FIREFOX)
    thread, comment = stored_events(app)
    assert (thread.path, thread.referrer_host, thread.browser) == ("/api/board/threads", "friends.example", "Chrome")
    assert thread.visitor is not None
    assert (comment.path, comment.referrer_host, comment.browser) == ("/posts/hello/", None, "Firefox")
    assert comment.visitor not in (None, thread.visitor)


def test_inside_a_request_that_refuses_tracking_the_event_has_no_visitor_hash(app):
    with app.test_request_context("/api/comments", method="POST", headers={"User-Agent": FIREFOX, "Sec-GPC": "1"}):
        assert log_event("comment", path="/posts/hello/")
    [event] = stored_events(app)
    assert (event.type, event.browser, event.visitor) == ("comment", "Firefox", None)


def test_outside_a_request_it_records_only_what_it_is_given(app):
    with app.app_context():
        assert log_event("contact")
        assert log_event("click", path="/x/", label="Go", address=ADDRESS)
    bare, given = stored_events(app)
    assert (bare.type, bare.path, bare.label, bare.referrer_host, bare.browser, bare.visitor) == (
        "contact", None, None, None, None, None)
    assert (given.path, given.label, given.browser) == ("/x/", "Go", None)
    assert given.visitor is not None


def test_with_a_session_the_event_joins_the_callers_transaction(app):
    with app.app_context(), database().sessions() as session:
        assert log_event("pageview", path="/kept/", session=session)
        session.rollback()
        assert log_event("pageview", path="/committed/", session=session)
        session.commit()
    assert [event.path for event in stored_events(app)] == ["/committed/"]


def test_over_long_values_are_clipped_not_refused(app):
    with app.app_context():
        assert log_event("click", path="/" + "p" * 600, label="l" * 300)
    [event] = stored_events(app)
    assert (len(event.path), len(event.label)) == (500, 200)


def test_without_an_app_context_it_warns_and_returns(caplog):
    with caplog.at_level(logging.WARNING, logger="service.events.recorder"):
        assert log_event("pageview", path="/") is False
    assert "outside an app context" in caplog.text


def test_an_unknown_type_is_logged_not_raised(app, caplog):
    with app.app_context(), caplog.at_level(logging.WARNING, logger="service.events.recorder"):
        assert log_event("purchase", path="/") is False
    assert "unknown type" in caplog.text
    assert stored_events(app) == []


def test_a_database_that_does_not_answer_loses_the_event_but_raises_nothing(caplog):
    from service import create_app
    from tests.conftest import free_port

    app = create_app({"DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/none",
                      "HERALD_AUTO_MIGRATE": False, "SECRET_KEY": SECRET_KEY})
    with app.app_context(), caplog.at_level(logging.ERROR, logger="service.events.recorder"):
        assert log_event("pageview", path="/") is False
    assert "could not record" in caplog.text
    app.extensions["herald_db"].engine.dispose()


@pytest.mark.parametrize(("signal", "data", "expected"), [
    (signals.comment_created, {"comment": {"id": 1, "page": "/posts/hello/"}}, ("comment", "/posts/hello/")),
    (signals.comment_created, {"comment": SimpleNamespace(page="/about/")}, ("comment", "/about/")),
    (signals.thread_created, {"thread": object()}, ("thread", "/api/board/threads")),
    (signals.board_post_created, {"post": object(), "path": "/board/"}, ("board_post", "/board/")),
    (signals.contact_received, {"message": object()}, ("contact", "/api/board/threads")),
])
def test_hooks_sent_in_a_request_are_recorded(app, signal, data, expected):
    with app.test_request_context("/api/board/threads", method="POST", headers={"User-Agent": FIREFOX}):
        signal.send(app, **data)
    assert [(event.type, event.path) for event in stored_events(app)] == [expected]


def test_a_hook_sent_outside_a_request_is_recorded_with_what_it_carries(app):
    with app.app_context():
        signals.comment_created.send(app, comment={"page": "/posts/hello/"})
    assert [(event.type, event.path, event.visitor) for event in stored_events(app)] == [
        ("comment", "/posts/hello/", None)]


class _Unreadable:
    @property
    def page(self) -> str:
        raise RuntimeError("lazy load after the session closed")


def test_a_receiver_never_raises_into_the_senders_request(app, caplog):
    with app.test_request_context("/api/comments", method="POST"), caplog.at_level(logging.ERROR):
        signals.comment_created.send(app, comment=_Unreadable())
    assert [(event.type, event.path) for event in stored_events(app)] == [("comment", "/api/comments")]
    assert "could not read the page" in caplog.text


def test_each_app_records_only_its_own_hooks(make_app):
    first, second = make_app(), make_app()
    with first.app_context():
        signals.thread_created.send(first, thread=object())
    with second.app_context():
        signals.thread_created.send(Flask("not-herald"), thread=object())
    assert [event.type for event in stored_events(first)] == ["thread"]


def test_posting_a_comment_records_a_comment_event_on_its_page(app, client):
    response = client.post("/api/comments", json={"page": "/posts/clean-air/", "author": "Ada", "body": "Yes!"},
                           headers={"User-Agent": FIREFOX}, environ_base={"REMOTE_ADDR": ADDRESS})
    assert response.status_code == 201
    [event] = stored_events(app)
    assert (event.type, event.path, event.browser) == ("comment", "/posts/clean-air/", "Firefox")
    assert event.visitor is not None
