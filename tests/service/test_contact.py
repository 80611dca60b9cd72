"""Contact messages: validation, topics, the outbox as the admin sees it, erasure; no mail server involved.

Delivery (SMTP, retries, the worker, the CLI) is in test_contact_delivery.py.
"""

from __future__ import annotations

import pytest
import requests

from service.config import ConfigError, resolve_settings
from service.contact.models import ContactMessage
from service.contact.settings import ContactSettings, load_settings, parse_topics
from service.db import database
from tests.service.conftest import SITE_ORIGIN
from tests.service.openapi_check import assert_matches_openapi

TOPICS = "press=press@example.org, volunteering=help@example.org"
GOOD = {"name": "Ada Lovelace", "email": "ada@example.org", "subject": "Clean air day",
        "message": "Can I help on Saturday?"}


@pytest.fixture
def app(make_app):
    return make_app(HERALD_CONTACT_TO="team@example.org", HERALD_CONTACT_TOPICS=TOPICS)


@pytest.fixture
def document(client):
    return client.get("/api/openapi.json").json


def stored(app) -> list[ContactMessage]:
    with app.app_context(), database().session() as session:
        return list(session.query(ContactMessage).order_by(ContactMessage.id))


def test_a_message_is_queued_with_its_recipient_and_a_message_id(app, client, document):
    response = client.post("/api/contact", json={**GOOD, "topic": "press"})
    assert response.status_code == 202
    assert_matches_openapi(document, "post", "/api/contact", response)
    assert response.json["status"] == "queued"
    [message] = stored(app)
    assert response.json["id"] == message.id
    assert (message.name, message.email, message.topic) == ("Ada Lovelace", "ada@example.org", "press")
    assert message.recipient == "press@example.org"
    assert message.status == "queued" and message.attempts == 0 and message.sent_at is None
    assert message.message_id.startswith("<") and message.message_id.endswith("@localhost>")


def test_no_topic_goes_to_the_general_address_and_empty_subject_is_none(app, client):
    assert client.post("/api/contact", json={**GOOD, "subject": "", "topic": ""}).status_code == 202
    [message] = stored(app)
    assert message.recipient == "team@example.org"
    assert message.subject is None and message.topic is None


def test_an_unknown_topic_is_a_400_on_topic(app, client):
    response = client.post("/api/contact", json={**GOOD, "topic": "lottery"})
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == {"topic"}
    assert response.json["error"]["fields"]["topic"] == "Use press or volunteering, or leave it out."
    assert stored(app) == []


@pytest.mark.parametrize(("changes", "field"), [
    ({"name": ""}, "name"),
    ({"name": "x" * 101}, "name"),
    ({"name": "Ada\nBcc: everyone@example.org"}, "name"),
    ({"email": "not an address"}, "email"),
    ({"email": ""}, "email"),
    ({"subject": "s" * 201}, "subject"),
    ({"subject": "Hi\r\nBcc: x@example.org"}, "subject"),
    ({"message": "   "}, "message"),
    ({"message": "m" * 10_001}, "message"),
])
def test_each_bad_field_is_named(app, client, document, changes, field):
    response = client.post("/api/contact", json={**GOOD, **changes})
    assert response.status_code == 400
    assert_matches_openapi(document, "post", "/api/contact", response)
    assert list(response.json["error"]["fields"]) == [field]
    assert stored(app) == []


def test_every_problem_is_reported_at_once(client):
    response = client.post("/api/contact", json={"topic": "nope"})
    assert set(response.json["error"]["fields"]) == {"name", "email", "message", "topic"}


def test_limits_are_inclusive(app, client):
    response = client.post("/api/contact", json={"name": "n" * 100, "email": "a@example.org",
                                                 "subject": "s" * 200, "message": "m" * 10_000})
    assert response.status_code == 202
    assert len(stored(app)[0].message) == 10_000


def test_a_form_post_is_redirected_back_to_the_page(app, client, document):
    response = client.post("/api/contact", data=GOOD, headers={"Referer": f"{SITE_ORIGIN}/contact/"})
    assert response.status_code == 303
    assert_matches_openapi(document, "post", "/api/contact", response)
    assert response.headers["Location"] == f"{SITE_ORIGIN}/contact/?herald=contact-sent#herald-contact-sent"
    assert len(stored(app)) == 1


def test_a_bot_filling_the_honeypot_gets_the_usual_answer_and_nothing_is_stored(app, client, document):
    response = client.post("/api/contact", json={**GOOD, "phone": "555-0100"})
    assert response.status_code == 202
    assert_matches_openapi(document, "post", "/api/contact", response)
    assert response.json == {"status": "queued"}
    assert stored(app) == []


def test_the_contact_limit_applies(make_app):
    client = make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_CONTACT="2 per minute",
                      HERALD_CONTACT_TO="team@example.org").test_client()
    statuses = [client.post("/api/contact", json=GOOD).status_code for _ in range(3)]
    assert statuses == [202, 202, 429]


def test_without_smtp_messages_stay_queued_and_the_admin_reads_them(app, client, admin_headers, document):
    client.post("/api/contact", json=GOOD)
    client.post("/api/contact", json={**GOOD, "name": "Grace", "topic": "volunteering"})
    response = client.get("/api/admin/contact?status=queued", headers=admin_headers)
    assert response.status_code == 200
    assert_matches_openapi(document, "get", "/api/admin/contact", response)
    messages = response.json["messages"]
    assert [entry["name"] for entry in messages] == ["Grace", "Ada Lovelace"]  # newest first
    assert messages[0]["recipient"] == "help@example.org"
    assert messages[0]["message"] == GOOD["message"] and messages[0]["status"] == "queued"
    assert client.get("/api/admin/contact?status=sent", headers=admin_headers).json["messages"] == []
    assert len(client.get("/api/admin/contact", headers=admin_headers).json["messages"]) == 2
    assert len(client.get("/api/admin/contact?limit=1", headers=admin_headers).json["messages"]) == 1


def test_admin_outbox_needs_the_token_and_checks_its_filters(client, admin_headers, document):
    responses = [client.get("/api/admin/contact"),
                 client.get("/api/admin/contact?status=lost", headers=admin_headers),
                 client.get("/api/admin/contact?limit=0", headers=admin_headers)]
    assert [response.status_code for response in responses] == [401, 400, 400]
    assert responses[1].json["error"]["fields"] == {"status": "Use queued, sending, sent, failed or all."}
    for response in responses:
        assert_matches_openapi(document, "get", "/api/admin/contact", response)


def test_admin_deletes_a_message(app, client, admin_headers, document):
    message_id = client.post("/api/contact", json=GOOD).json["id"]
    deleted = client.delete(f"/api/admin/contact/{message_id}", headers=admin_headers)
    assert deleted.status_code == 204
    assert stored(app) == []
    missing = client.delete(f"/api/admin/contact/{message_id}", headers=admin_headers)
    assert missing.status_code == 404
    for response in (deleted, missing):
        assert_matches_openapi(document, "delete", "/api/admin/contact/{message_id}", response)


def test_admin_retry_without_smtp_is_a_409_that_says_what_to_set(client, admin_headers, document):
    message_id = client.post("/api/contact", json=GOOD).json["id"]
    response = client.post(f"/api/admin/contact/{message_id}/retry", headers=admin_headers)
    assert response.status_code == 409
    assert_matches_openapi(document, "post", "/api/admin/contact/{message_id}/retry", response)
    assert "HERALD_SMTP_URL" in response.json["error"]["message"]


def test_erasing_an_email_removes_its_messages_whatever_the_case(app, client, admin_headers):
    client.post("/api/contact", json=GOOD)
    client.post("/api/contact", json={**GOOD, "email": "someone@example.org"})
    response = client.post("/api/admin/erase", json={"email": "ADA@example.org"}, headers=admin_headers)
    assert response.json["removed"]["contact"] == 1
    assert [message.email for message in stored(app)] == ["someone@example.org"]


def test_over_real_http(live_service):
    response = requests.post(f"{live_service.url}/api/contact", json=GOOD, timeout=5)
    assert response.status_code == 202
    assert_matches_openapi(requests.get(f"{live_service.url}/api/openapi.json", timeout=5).json(),
                           "post", "/api/contact", response)
    assert response.json()["status"] == "queued"


def test_topics_are_parsed_and_malformed_ones_named():
    assert parse_topics(" press = press@example.org ,volunteering=help@example.org,") == {
        "press": "press@example.org", "volunteering": "help@example.org"}
    assert parse_topics("") == {}
    for bad, says in [("press", "is not topic=address"), ("=a@example.org", "is not topic=address"),
                      ("press=nobody", "not an email address"), ("a=x@example.org,a=y@example.org", "twice")]:
        with pytest.raises(ConfigError, match=says):
            parse_topics(bad)


def settings_from(environ: dict[str, str]) -> ContactSettings:
    """The contact settings a service started with this environment (and nothing else) would have."""
    return load_settings(resolve_settings(None, environ))


@pytest.mark.parametrize(("config", "says"), [
    ({"HERALD_SMTP_URL": "smtp://mail.example.org"}, "HERALD_CONTACT_TO is not"),
    ({"HERALD_SMTP_URL": "http://mail.example.org", "HERALD_CONTACT_TO": "a@example.org"}, "smtp:// or smtps://"),
    ({"HERALD_SMTP_URL": "smtp://mail.example.org:port", "HERALD_CONTACT_TO": "a@example.org"}, "bad port"),
    ({"HERALD_SMTP_URL": "smtps://mail.example.org?starttls=1", "HERALD_CONTACT_TO": "a@example.org"},
     "already encrypted"),
    ({"HERALD_CONTACT_TO": "nobody"}, "not an email address"),
    ({"HERALD_CONTACT_MAX_ATTEMPTS": "0"}, "above 0"),
    ({"HERALD_CONTACT_POLL_SECONDS": "often"}, "number of seconds"),
    ({"HERALD_CONTACT_WORKER": "maybe"}, "use 1 or 0"),
])
def test_bad_contact_settings_stop_the_start_with_a_clear_message(config, says):
    with pytest.raises(ConfigError, match=says):
        settings_from(config)


def test_smtp_url_parts_are_read():
    settings = settings_from({"HERALD_SMTP_URL": "smtp://me%40org:p%3Ass@mail.example.org:587?starttls=1",
                              "HERALD_CONTACT_TO": "a@example.org", "HERALD_SMTP_TIMEOUT": "3",
                              "HERALD_CONTACT_WORKER": "0"})
    smtp = settings.smtp
    assert (smtp.host, smtp.port, smtp.starttls, smtp.implicit_tls) == ("mail.example.org", 587, True, False)
    assert (smtp.username, smtp.password, smtp.timeout) == ("me@org", "p:ss", 3.0)
    assert "p:ss" not in str(smtp)
    assert settings.worker is False
    assert settings_from({"HERALD_SMTP_URL": "smtps://mail.example.org",
                          "HERALD_CONTACT_TO": "a@example.org"}).smtp.port == 465
