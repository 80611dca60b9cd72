"""Mailing the contact outbox to a real SMTP server on loopback: content, failures, backoff, the worker, the CLI.

The central promise: a message is stored before anything is sent, and however the server comes and goes and
however many delivery runs compete, each message arrives exactly once (counted by Message-ID).
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import pytest

from service.contact.delivery import deliver_due
from service.mail import outbox
from service.mail.outbox import CLAIM_LEASE
from service.contact.models import ContactMessage
from service.queue import RetryPolicy
from service.contact.worker import contact_settings, outbox_worker
from service.db import database, utcnow
from tests.service.openapi_check import assert_matches_openapi
from tests.service.smtp_server import smtp_server  # noqa: F401  (a fixture)

TOPICS = "press=press@example.org,volunteering=help@example.org"
GOOD = {"name": "Ada Lovelace", "email": "ada@example.org", "subject": "Clean air day",
        "message": "Can I help on Saturday?"}
FAST_RETRIES = {"HERALD_CONTACT_WORKER": False, "HERALD_CONTACT_RETRY_SECONDS": 0.05, "HERALD_CONTACT_RETRY_MAX_SECONDS": 0.2,
                "HERALD_CONTACT_POLL_SECONDS": 0.05, "HERALD_SMTP_TIMEOUT": 2}


@pytest.fixture
def make_mail_app(make_app, smtp_server):  # noqa: F811
    """Apps that mail to the test's SMTP server; delivery by hand unless a test turns the worker on."""
    apps = []

    def build(**overrides):
        app = make_app(HERALD_SMTP_URL=smtp_server.url, HERALD_CONTACT_TO="team@example.org",
                       HERALD_CONTACT_TOPICS=TOPICS, HERALD_CONTACT_FROM="herald@site.example.org",
                       **{**FAST_RETRIES, **overrides})
        apps.append(app)
        return app

    yield build
    for app in apps:
        worker = outbox_worker(app)
        if worker is not None:
            worker.stop()


@pytest.fixture
def app(make_mail_app):
    return make_mail_app()


def deliver(app, **options):
    with app.app_context():
        return deliver_due(database(), contact_settings(), **options)


def stored(app) -> list[ContactMessage]:
    with app.app_context(), database().session() as session:
        return list(session.query(ContactMessage).order_by(ContactMessage.id))


class Clock:
    """The time delivery runs see, moved only by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def hold_the_delivery_clock(monkeypatch) -> Clock:
    """From now on, delivery runs read a clock that stands still until the test moves it, so a test asserts the
    schedule itself, however long a refused connection takes on a busy machine."""
    clock = Clock(utcnow())
    monkeypatch.setattr(outbox, "utcnow", clock)
    return clock


def wait_until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the condition did not come true in time")
        time.sleep(0.02)


def test_the_mail_goes_to_the_topic_address_with_the_visitor_as_reply_to(app, client, smtp_server):  # noqa: F811
    client.post("/api/contact", json={**GOOD, "topic": "press"})
    [outcome] = deliver(app)
    assert outcome.status == "sent" and outcome.error is None
    [received] = smtp_server.received
    mail = received.mail
    assert received.rcpt_tos == ["press@example.org"]
    assert mail["To"] == "press@example.org"
    assert mail["From"] == "herald@site.example.org"
    assert mail["Reply-To"] == "Ada Lovelace <ada@example.org>"
    assert mail["Subject"] == "[Contact] Clean air day"
    body = mail.get_content()
    assert "Ada Lovelace <ada@example.org>" in body and "Topic: press" in body and GOOD["message"] in body
    [message] = stored(app)
    assert mail["Message-ID"] == message.message_id
    assert message.status == "sent" and message.sent_at is not None and message.attempts == 1


def test_the_mail_names_the_language_the_visitor_wrote_from(app, client, smtp_server):  # noqa: F811
    """So the team can answer in it (issue 15, item 4): the page's `lang`, kept with the message."""
    client.post("/api/contact", json={**GOOD, "lang": "fr"}, headers={"Accept-Language": "es"})
    deliver(app)
    [received] = smtp_server.received
    assert received.mail["Content-Language"] == "fr"
    assert "Language: French (fr); reply in it if you can." in received.mail.get_content()
    assert [message.language for message in stored(app)] == ["fr"]


def test_a_message_kept_before_languages_were_names_none(app, client, smtp_server):  # noqa: F811
    client.post("/api/contact", json=GOOD)
    with app.app_context(), database().session() as session:
        session.query(ContactMessage).update({"language": None})
    deliver(app)
    [received] = smtp_server.received
    assert received.mail["Content-Language"] is None and "Language:" not in received.mail.get_content()


def test_without_a_subject_the_first_words_make_one(app, client, smtp_server):  # noqa: F811
    client.post("/api/contact", json={**GOOD, "subject": "", "message": "one two three four five six seven "
                                                                          "eight nine ten"})
    deliver(app)
    assert smtp_server.received[0].mail["Subject"] == "[Contact] one two three four five six seven eight ..."
    assert smtp_server.received[0].rcpt_tos == ["team@example.org"]


def test_the_message_is_stored_before_sending_and_a_failure_is_recorded(app, client, smtp_server,  # noqa: F811
                                                                        monkeypatch):
    smtp_server.stop()
    assert client.post("/api/contact", json=GOOD).status_code == 202
    [message] = stored(app)
    assert (message.status, message.attempts, message.last_error) == ("queued", 0, None)
    clock = hold_the_delivery_clock(monkeypatch)
    [outcome] = deliver(app)
    [message] = stored(app)
    assert outcome.status == "queued" and "ConnectionRefusedError" in outcome.error
    assert message.status == "queued" and message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at == clock.now + timedelta(seconds=0.05)  # HERALD_CONTACT_RETRY_SECONDS


def test_backoff_doubles_from_the_first_wait_up_to_the_longest():
    policy = RetryPolicy(first=timedelta(minutes=1), longest=timedelta(hours=1), attempts=10)
    assert [policy.delay(n).total_seconds() / 60 for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert not policy.gives_up(9) and policy.gives_up(10)


def test_failures_back_off_and_then_give_up_but_the_message_stays_readable(make_mail_app, smtp_server,  # noqa: F811
                                                                             admin_headers, monkeypatch):
    app = make_mail_app(HERALD_CONTACT_RETRY_SECONDS=60, HERALD_CONTACT_RETRY_MAX_SECONDS=90,
                        HERALD_CONTACT_MAX_ATTEMPTS=3)
    client = app.test_client()
    smtp_server.stop()
    client.post("/api/contact", json=GOOD)
    clock = hold_the_delivery_clock(monkeypatch)
    for attempt, wait in ((1, 60), (2, 90)):  # the first wait, then twice that but at most the longest
        [outcome] = deliver(app)
        assert outcome.attempts == attempt and outcome.status == "queued"
        assert stored(app)[0].next_attempt_at == clock.now + timedelta(seconds=wait)
        clock.advance(wait - 1)
        assert deliver(app) == []  # not due again until its wait is over
        clock.advance(1)
    [outcome] = deliver(app)
    assert outcome.status == "failed" and outcome.attempts == 3
    entry = client.get("/api/admin/contact?status=failed", headers=admin_headers).json["messages"][0]
    assert entry["status"] == "failed" and entry["attempts"] == 3 and "Refused" in entry["last_error"]


def test_a_claim_abandoned_by_a_dead_run_is_taken_over(app, client, smtp_server):  # noqa: F811
    client.post("/api/contact", json=GOOD)
    with app.app_context(), database().session() as session:
        message = session.query(ContactMessage).one()
        message.status, message.claimed_at = "sending", utcnow() - timedelta(minutes=1)
    assert deliver(app) == []  # still within its lease: someone may be sending it right now
    with app.app_context(), database().session() as session:
        session.query(ContactMessage).one().claimed_at = utcnow() - CLAIM_LEASE - timedelta(seconds=1)
    assert [outcome.status for outcome in deliver(app)] == ["sent"]
    assert len(smtp_server.received) == 1


def test_two_concurrent_runs_send_each_message_once(make_mail_app, smtp_server):  # noqa: F811
    first, second = make_mail_app(), make_mail_app()  # two workers: two engines on one database
    for number in range(12):
        first.test_client().post("/api/contact", json={**GOOD, "subject": f"message {number}"})
    start = threading.Barrier(2)
    outcomes: dict[str, list] = {}

    def run(app, name):
        start.wait()
        outcomes[name] = deliver(app)

    threads = [threading.Thread(target=run, args=(app, name)) for app, name in ((first, "a"), (second, "b"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    delivered = [outcome.id for outcome in outcomes["a"] + outcomes["b"]]
    assert sorted(delivered) == [message.id for message in stored(first)]
    counts = smtp_server.message_id_counts()
    assert len(counts) == 12 and set(counts.values()) == {1}


def test_the_worker_mails_right_after_a_submit(make_mail_app, smtp_server):  # noqa: F811
    app = make_mail_app(HERALD_CONTACT_WORKER=True, HERALD_CONTACT_POLL_SECONDS=60)
    app.test_client().post("/api/contact", json=GOOD)
    [received] = smtp_server.wait_for(1, timeout=5)  # long before the next poll: the submit woke the worker
    assert received.mail["Subject"] == "[Contact] Clean air day"
    wait_until(lambda: stored(app)[0].status == "sent")


def test_mail_taken_while_the_server_is_down_arrives_exactly_once_when_it_is_back(make_mail_app,
                                                                                  smtp_server):  # noqa: F811
    app = make_mail_app(HERALD_CONTACT_WORKER=True, HERALD_CONTACT_MAX_ATTEMPTS=1000)
    client = app.test_client()
    smtp_server.stop()
    for number in range(5):
        assert client.post("/api/contact", json={**GOOD, "subject": f"message {number}"}).status_code == 202
    wait_until(lambda: all(message.attempts >= 2 and message.last_error for message in stored(app)))
    assert smtp_server.received == []
    smtp_server.start()
    smtp_server.wait_for(5)
    wait_until(lambda: all(message.status == "sent" for message in stored(app)))
    time.sleep(0.3)  # several more poll rounds: nothing may be sent again
    counts = smtp_server.message_id_counts()
    assert counts == {message.message_id: 1 for message in stored(app)}


def test_cli_lists_the_queue_and_retries_it(app, client, smtp_server):  # noqa: F811
    runner = app.test_cli_runner()
    assert runner.invoke(args=["outbox", "list"]).output == "The outbox is empty.\n"
    smtp_server.stop()
    message_id = client.post("/api/contact", json={**GOOD, "topic": "volunteering"}).json["id"]
    failed = runner.invoke(args=["outbox", "retry"])
    assert failed.exit_code == 1
    assert f"#{message_id} to help@example.org: queued after attempt 1: ConnectionRefusedError" in failed.output
    listing = runner.invoke(args=["outbox", "list"]).output.splitlines()
    assert listing[0].split() == ["id", "created", "to", "status", "tries", "last", "error"]
    assert listing[1].split()[:6] == [str(message_id), *listing[1].split()[1:3], "help@example.org", "queued", "1"]
    assert "ConnectionRefusedError" in listing[1]
    smtp_server.start()
    sent = runner.invoke(args=["outbox", "retry", str(message_id)])
    assert sent.exit_code == 0 and sent.output == f"#{message_id} to help@example.org: sent\n"
    assert runner.invoke(args=["outbox", "retry", "--all"]).output == "Nothing was due.\n"
    assert runner.invoke(args=["outbox", "list", "--status", "sent"]).output.count("sent") == 1
    assert len(smtp_server.received) == 1


def test_cli_retry_all_forces_messages_that_are_not_due_yet(make_mail_app, smtp_server):  # noqa: F811
    app = make_mail_app(HERALD_CONTACT_RETRY_SECONDS=3600)
    smtp_server.stop()
    app.test_client().post("/api/contact", json=GOOD)
    runner = app.test_cli_runner()
    runner.invoke(args=["outbox", "retry"])
    smtp_server.start()
    assert runner.invoke(args=["outbox", "retry"]).output == "Nothing was due.\n"
    assert runner.invoke(args=["outbox", "retry", "--all"]).output.endswith(": sent\n")
    assert runner.invoke(args=["outbox", "retry", "--all", "1"]).exit_code == 2


def test_cli_retry_without_smtp_says_what_to_set(make_app):
    result = make_app().test_cli_runner().invoke(args=["outbox", "retry"])
    assert result.exit_code == 1 and "set HERALD_SMTP_URL" in result.output


def test_admin_retry_delivers_now_and_answers_with_the_outcome(app, client, smtp_server,  # noqa: F811
                                                               admin_headers):
    smtp_server.stop()
    message_id = client.post("/api/contact", json=GOOD).json["id"]
    failed = client.post(f"/api/admin/contact/{message_id}/retry", headers=admin_headers)
    assert failed.status_code == 200
    assert failed.json["message"]["status"] == "queued" and failed.json["message"]["attempts"] == 1
    smtp_server.start()
    sent = client.post(f"/api/admin/contact/{message_id}/retry", headers=admin_headers)
    assert sent.json["message"]["status"] == "sent" and sent.json["message"]["sent_at"]
    again = client.post(f"/api/admin/contact/{message_id}/retry", headers=admin_headers)
    assert again.status_code == 409
    missing = client.post("/api/admin/contact/999999/retry", headers=admin_headers)
    assert missing.status_code == 404
    assert len(smtp_server.received) == 1
    document = client.get("/api/openapi.json").json
    for response in (failed, sent, again, missing):
        assert_matches_openapi(document, "post", "/api/admin/contact/{message_id}/retry", response)
