"""People and roles: invitations and sign-in links mailed through the outbox, roles on every dashboard page,
sessions that follow a role change or a removal at once, and the admin token still working beside them."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from service.admin import links as link_views
from service.audit.models import AuditEntry
from service.db import database, utcnow
from service.people import links, store
from service.people.models import Person, SignInLink, SignInMail
from tests.service.smtp_server import RecordingSmtpServer, smtp_server  # noqa: F401  (a fixture)
from tests.service.test_dashboard_views import Dashboard, csrf_of

LINK = re.compile(r"(https?://\S+/admin/link/\S+)")
EVERY_PAGE = {"moderation": "/admin/", "outbox": "/admin/outbox", "social": "/admin/social",
              "analytics": "/admin/analytics", "people": "/admin/people", "audit": "/admin/audit"}
REACHES = {"admin": set(EVERY_PAGE), "moderator": {"moderation"}, "analyst": {"analytics"}, "editor": set()}


@pytest.fixture
def app(make_app, smtp_server) -> Flask:  # noqa: F811
    """Sign-in mail goes to the test's SMTP server, sent by the request itself (no worker thread)."""
    return make_app(HERALD_SMTP_URL=smtp_server.url, HERALD_CONTACT_TO="team@example.org",
                    HERALD_CONTACT_WORKER=False, HERALD_CONTACT_FROM="dashboard@example.org")


@pytest.fixture
def admin(client) -> Dashboard:
    """The admin, signed in with the token."""
    board = Dashboard(client)
    assert board.sign_in().status_code == 303
    return board


def invite(admin: Dashboard, email: str, role: str, name: str = "Ada") -> None:
    page = admin.client.get("/admin/people")
    response = admin.client.post("/admin/people/invite", data={"csrf_token": csrf_of(page.text), "name": name,
                                                               "email": email, "role": role})
    assert response.status_code == 303, response.text


def link_in(mail) -> str:
    match = LINK.search(mail.get_content())
    assert match, mail.get_content()
    return match.group(1)


def invited_link(admin: Dashboard, server: RecordingSmtpServer, email: str, role: str, name: str = "Ada") -> str:
    before = len(server.received)
    invite(admin, email, role, name)
    return link_in(server.wait_for(before + 1)[-1].mail)


def follow(client: FlaskClient, link: str):
    """Open the link as a browser does (a GET showing a button), then press the button (the POST)."""
    path = link.split("://", 1)[1].partition("/")[2]
    shown = client.get(f"/{path}")
    assert shown.status_code == 200, shown.text
    return client.post(f"/{path}", data={"csrf_token": csrf_of(shown.text)})


def signed_in_as(app: Flask, link: str) -> FlaskClient:
    browser = app.test_client()
    assert follow(browser, link).status_code == 303
    return browser


def audit_actions(app: Flask) -> list[tuple[str, str, str]]:
    """(who, action, target) of every audit log entry, oldest first."""
    with app.app_context(), database().session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(entry.actor_name, entry.action, entry.target) for entry in entries]


def test_an_invitation_arrives_by_mail_and_its_link_signs_in_with_the_role(app, admin, smtp_server):  # noqa: F811
    invite(admin, "Ada@Example.ORG ", "moderator")
    received = smtp_server.wait_for(1)[0]
    assert received.rcpt_tos == ["ada@example.org"]
    assert received.mail["From"] == "dashboard@example.org"
    body = received.mail.get_content()
    assert "as moderator (comments and the board)" in body and "within 3 days" in body
    link = link_in(received.mail)
    assert link.startswith("http://localhost/admin/link/")

    browser = app.test_client()
    shown = browser.get(link.removeprefix("http://localhost"))
    assert "Sign in as Ada" in shown.text and shown.headers["Referrer-Policy"] == "same-origin"
    assert browser.get("/admin/").status_code == 303  # looking signed nobody in
    pressed = browser.post(link.removeprefix("http://localhost"), data={"csrf_token": csrf_of(shown.text)})
    assert pressed.status_code == 303 and pressed.headers["Location"] == "/admin/"
    queue = browser.get("/admin/")
    assert queue.status_code == 200 and "Ada (moderator)" in queue.text
    with app.app_context(), database().session() as session:
        person = session.scalars(select(Person)).one()
        assert person.email == "ada@example.org" and person.role == "moderator" and person.last_sign_in


def test_a_link_works_once(app, admin, smtp_server):  # noqa: F811
    link = invited_link(admin, smtp_server, "ada@example.org", "analyst")
    assert follow(app.test_client(), link).status_code == 303
    again = app.test_client()
    assert again.get(link.removeprefix("http://localhost")).status_code == 404
    refused = again.post(link.removeprefix("http://localhost"), data={"csrf_token": csrf_of(again.get("/admin/sign-in").text)})
    assert refused.status_code == 401 and "does not work" in refused.text


def test_two_requests_racing_with_one_link_sign_in_once(app, admin, smtp_server):  # noqa: F811
    token = invited_link(admin, smtp_server, "ada@example.org", "analyst").rpartition("/")[2]
    results: list[int | None] = []
    start = threading.Barrier(4)

    def spend() -> None:
        with app.app_context(), database().session() as session:
            start.wait()
            results.append(links.use(session, token, now=utcnow()))

    threads = [threading.Thread(target=spend) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len([found for found in results if found is not None]) == 1


def test_an_expired_link_fails(app, admin, smtp_server, monkeypatch):  # noqa: F811
    link = invited_link(admin, smtp_server, "ada@example.org", "editor")
    real = link_views.utcnow
    monkeypatch.setattr(link_views, "utcnow", lambda: real() + links.LIFETIMES[links.INVITATION]
                        + timedelta(seconds=1))
    browser = app.test_client()
    path = link.removeprefix("http://localhost")
    assert browser.get(path).status_code == 404
    assert browser.post(path, data={"csrf_token": csrf_of(browser.get("/admin/sign-in").text)}).status_code == 401


def test_a_link_opens_only_its_own_persons_account(app, admin, smtp_server):  # noqa: F811
    ada = invited_link(admin, smtp_server, "ada@example.org", "moderator", "Ada")
    ben = invited_link(admin, smtp_server, "ben@example.org", "analyst", "Ben")
    assert ada != ben
    assert "Ben (analyst)" in signed_in_as(app, ben).get("/admin/analytics").text
    assert "Ada (moderator)" in signed_in_as(app, ada).get("/admin/").text


@pytest.mark.parametrize("role", ["moderator", "analyst", "editor", "admin"])
def test_each_role_reaches_its_pages_only_and_sees_only_them(app, admin, smtp_server, role):  # noqa: F811
    browser = signed_in_as(app, invited_link(admin, smtp_server, f"{role}@example.org", role))
    for permission, path in EVERY_PAGE.items():
        answer = browser.get(path)
        if permission in REACHES[role]:
            assert answer.status_code == 200, (role, path)
        else:
            assert answer.status_code == 403, (role, path)
            assert f"whose role is {role}" in answer.text and "Not allowed for your role" in answer.text
        nav = answer.text.split('aria-label="Dashboard"')[1].split("</nav>")[0]
        shown = {permission for permission, page in EVERY_PAGE.items() if f'href="{page}"' in nav}
        assert shown == REACHES[role], (role, path)


@pytest.mark.parametrize("role", ["analyst", "editor"])
def test_only_moderators_and_admins_may_moderate(app, admin, smtp_server, role):  # noqa: F811
    comment = admin.client.post("/api/comments", json={"page": "/2026/05/clean-air-day/", "author": "Zoe",
                                                       "body": "Hello"}).json
    browser = signed_in_as(app, invited_link(admin, smtp_server, f"{role}@example.org", role))
    answer = Dashboard(browser).click(f"/admin/comments/{comment['id']}/approve")
    assert answer.status_code == 403
    assert not [entry for entry in audit_actions(app) if entry[1] == "comment.approve"]


def test_a_role_change_and_a_removal_take_effect_at_once(app, admin, smtp_server):  # noqa: F811
    browser = signed_in_as(app, invited_link(admin, smtp_server, "ada@example.org", "moderator"))
    assert browser.get("/admin/").status_code == 200
    person_id = _person_id(app, "ada@example.org")
    assert admin.click(f"/admin/people/{person_id}/role", role="analyst").status_code == 303
    assert browser.get("/admin/").status_code == 403
    assert browser.get("/admin/analytics").status_code == 200
    assert admin.click(f"/admin/people/{person_id}/remove").status_code == 303
    signed_out = browser.get("/admin/analytics")
    assert signed_out.status_code == 303 and "/admin/sign-in" in signed_out.headers["Location"]


def _person_id(app: Flask, email: str) -> int:
    with app.app_context(), database().session() as session:
        return session.scalars(select(Person.id).where(Person.email == email)).one()


def test_the_last_admin_cannot_be_demoted_or_removed(app, admin, smtp_server):  # noqa: F811
    browser = signed_in_as(app, invited_link(admin, smtp_server, "ada@example.org", "admin"))
    me = _person_id(app, "ada@example.org")
    me_as_admin = Dashboard(browser)
    for path, fields in ((f"/admin/people/{me}/role", {"role": "editor"}), (f"/admin/people/{me}/remove", {})):
        answer = me_as_admin.click(path, **fields)
        assert answer.status_code == 303
        assert "is the last admin" in browser.get("/admin/people").text
    invite(admin, "ben@example.org", "admin", "Ben")
    assert me_as_admin.click(f"/admin/people/{me}/role", role="editor").status_code == 303
    assert browser.get("/admin/people").status_code == 403  # demoted, at once


def test_inviting_an_address_twice_is_refused_and_a_removed_person_comes_back_with_their_id(app, admin):
    invite(admin, "ada@example.org", "editor")
    first = _person_id(app, "ada@example.org")
    invite(admin, "ADA@example.org", "moderator")
    assert "is on the team already" in admin.client.get("/admin/people").text
    admin.click(f"/admin/people/{first}/remove")
    assert "ada@example.org" not in admin.client.get("/admin/people").text
    invite(admin, "ada@example.org", "moderator")
    assert _person_id(app, "ada@example.org") == first


def test_two_invitations_of_one_new_address_at_once_add_one_person_and_refuse_the_other(app, admin, monkeypatch):
    invite(admin, "ada@example.org", "editor")
    # The second admin looked the address up before the first invitation landed: it found no one.
    monkeypatch.setattr(store, "find_by_email", lambda db, address: None)
    invite(admin, "ADA@example.org", "moderator")
    assert "was invited a moment ago" in admin.client.get("/admin/people").text
    assert _person_id(app, "ada@example.org")  # the first invitation stands, the page answered (no 500)


def test_a_bad_invitation_is_refused_naming_the_field(admin):
    page = admin.client.get("/admin/people")
    answer = admin.client.post("/admin/people/invite", data={"csrf_token": csrf_of(page.text), "name": "Ada",
                                                             "email": "not-an-address", "role": "owner"},
                               headers={"Accept": "application/json"})
    assert answer.status_code == 400 and set(answer.json["error"]["fields"]) == {"email", "role"}


def test_asking_for_a_link_answers_the_same_for_any_address_and_mails_only_the_team(app, admin, smtp_server):  # noqa: F811
    signed_in_as(app, invited_link(admin, smtp_server, "ada@example.org", "analyst"))
    answers = {}
    for address in ("Ada@example.org", "nobody@example.org"):
        browser = app.test_client()
        form = browser.get("/admin/sign-in")
        answer = browser.post("/admin/sign-in/link", data={"csrf_token": csrf_of(form.text), "email": address})
        assert answer.status_code == 303
        page = browser.get(answer.headers["Location"]).text.replace(address, "ADDRESS")
        answers[address] = page.replace(csrf_of(page), "CSRF")
    assert answers["Ada@example.org"] == answers["nobody@example.org"]
    mails = smtp_server.wait_for(2)
    assert len(mails) == 2 and mails[1].rcpt_tos == ["ada@example.org"]
    body = mails[1].mail.get_content()
    assert "within 30 minutes" in body
    assert "Ada (analyst)" in signed_in_as(app, link_in(mails[1].mail)).get("/admin/analytics").text


def test_asking_for_links_is_rate_limited(make_app):
    client = make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_SIGN_IN="2 per minute").test_client()
    statuses = []
    for _ in range(3):
        form = client.get("/admin/sign-in")
        statuses.append(client.post("/admin/sign-in/link", data={"csrf_token": csrf_of(form.text),
                                                                 "email": "x@example.org"}).status_code)
    assert statuses == [303, 303, 429]


def test_only_a_hash_of_the_link_is_stored_and_the_mail_is_emptied_once_sent(app, admin, smtp_server):  # noqa: F811
    link = invited_link(admin, smtp_server, "ada@example.org", "editor")
    token = link.rpartition("/")[2]
    with app.app_context(), database().session() as session:
        assert token not in str(session.scalars(select(SignInLink.digest)).all())
        mail = session.scalars(select(SignInMail)).one()
        assert mail.status == "sent" and mail.body == ""


def test_without_a_mail_server_the_console_prints_the_link(make_app, capsys):
    app = make_app()
    admin = Dashboard(app.test_client())
    admin.sign_in()
    invite(admin, "ada@example.org", "editor")
    printed = capsys.readouterr().err
    assert "Mail not sent (no HERALD_SMTP_URL)" in printed and "To: ada@example.org" in printed
    assert "The admin invited you" in printed and "=\n" not in printed  # decoded, not quoted-printable
    link = LINK.search(printed).group(1)
    assert follow(app.test_client(), link).status_code == 303


def test_every_action_kind_is_in_the_audit_log_with_its_actor(app, admin, smtp_server, admin_headers):  # noqa: F811
    client = admin.client
    moderator = signed_in_as(app, invited_link(admin, smtp_server, "mo@example.org", "moderator", "Mo"))
    person = _person_id(app, "mo@example.org")
    comment = client.post("/api/comments", json={"page": "/2026/05/clean-air-day/", "author": "Zoe", "body": "Hi"}).json
    Dashboard(moderator).click(f"/admin/comments/{comment['id']}/approve")
    Dashboard(moderator).click(f"/admin/comments/{comment['id']}/delete")
    thread = client.post("/api/board/threads", json={"title": "Trees", "author": "Ben", "body": "Plant?"}).json
    client.post(f"/api/admin/board/threads/{thread['id']}/lock", headers=admin_headers)
    client.post(f"/api/admin/board/threads/{thread['id']}/unlock", headers=admin_headers)
    client.delete(f"/api/admin/board/threads/{thread['id']}", headers=admin_headers)
    client.post("/api/admin/erase", json={"email": "zoe@example.org"}, headers=admin_headers)
    admin.click(f"/admin/people/{person}/link")
    admin.click(f"/admin/people/{person}/role", role="analyst")
    admin.click(f"/admin/people/{person}/remove")
    logged = audit_actions(app)
    assert ("admin token", "person.invite", f"person {person} Mo <mo@example.org>") in logged
    assert ("Mo", "comment.approve", f"comment {comment['id']}") in logged
    assert ("Mo", "comment.delete", f"comment {comment['id']}") in logged
    assert {action for actor, action, _ in logged if actor == "admin token"} >= {
        "board.lock", "board.unlock", "board.delete_thread", "erase", "person.link", "person.role", "person.remove"}
    page = client.get("/admin/audit")
    assert page.status_code == 200 and "comment.approve" in page.text and "Mo &lt;mo@example.org&gt;" in page.text
    assert page.text.index("person.remove") < page.text.index("person.invite")  # newest first


def test_the_dashboards_moderation_and_outbox_forms_are_logged(make_app, smtp_server):  # noqa: F811
    app = make_app(HERALD_MODERATION="queue", HERALD_SMTP_URL=smtp_server.url, HERALD_CONTACT_TO="team@example.org",
                   HERALD_CONTACT_WORKER=False)
    client = app.test_client()
    admin = Dashboard(client)
    admin.sign_in()
    thread = client.post("/api/board/threads", json={"title": "Trees", "author": "Ben", "body": "Plant?"}).json
    post = thread["posts"][0]
    message = client.post("/api/contact", json={"name": "Ada", "email": "ada@example.org", "message": "Hi"}).json
    admin.click(f"/admin/board/posts/{post['id']}/approve")
    admin.click(f"/admin/board/posts/{post['id']}/delete")
    admin.click(f"/admin/outbox/{message['id']}/retry")
    admin.click(f"/admin/outbox/{message['id']}/delete")
    assert audit_actions(app) == [
        ("admin token", "board.approve", f"board post {post['id']}"),
        ("admin token", "board.delete", f"board post {post['id']}"),
        ("admin token", "outbox.retry", f"contact message {message['id']}"),
        ("admin token", "outbox.delete", f"contact message {message['id']}"),
    ]


def test_the_json_admin_api_logs_its_changes_as_the_admin_token(make_app, smtp_server, admin_headers):  # noqa: F811
    app = make_app(HERALD_MODERATION="queue", HERALD_SMTP_URL=smtp_server.url, HERALD_CONTACT_TO="team@example.org",
                   HERALD_CONTACT_WORKER=False)
    client = app.test_client()
    comment = client.post("/api/comments", json={"page": "/2026/05/clean-air-day/", "author": "Zoe", "body": "Hi"}).json
    post = client.post("/api/board/threads", json={"title": "Trees", "author": "Ben", "body": "Plant?"}).json["posts"][0]
    message = client.post("/api/contact", json={"name": "Ada", "email": "ada@example.org", "message": "Hi"}).json
    for method, path in (("POST", f"/api/admin/comments/{comment['id']}/approve"),
                         ("DELETE", f"/api/admin/comments/{comment['id']}"),
                         ("POST", f"/api/admin/board/posts/{post['id']}/approve"),
                         ("DELETE", f"/api/admin/board/posts/{post['id']}"),
                         ("POST", f"/api/admin/contact/{message['id']}/retry"),
                         ("DELETE", f"/api/admin/contact/{message['id']}")):
        assert client.open(path, method=method, headers=admin_headers).status_code in (200, 204), path
    assert audit_actions(app) == [
        ("admin token", "comment.approve", f"comment {comment['id']}"),
        ("admin token", "comment.delete", f"comment {comment['id']}"),
        ("admin token", "board.approve", f"board post {post['id']}"),
        ("admin token", "board.delete", f"board post {post['id']}"),
        ("admin token", "outbox.retry", f"contact message {message['id']}"),
        ("admin token", "outbox.delete", f"contact message {message['id']}"),
    ]


def test_two_admins_demoting_each_other_at_once_leave_one_admin(app):
    """Each change locks the admins' rows until it commits: on PostgreSQL the second waits and then finds itself
    the last admin; on SQLite (one writer) its write fails. Never may both go through."""
    with app.app_context(), database().session() as session:
        ada, ben = (store.invite(session, email=f"{name}@example.org", name=name, role="admin", invited_by=None,
                                 now=utcnow()).id for name in ("ada", "ben"))
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def demote(person_id: int) -> None:
        try:
            with app.app_context(), database().session() as session:
                start.wait()
                store.change_role(session, session.get(Person, person_id), "editor")
            outcomes.append("demoted")
        except (store.TeamRuleError, OperationalError):
            outcomes.append("refused")

    threads = [threading.Thread(target=demote, args=(person_id,)) for person_id in (ada, ben)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with app.app_context(), database().session() as session:
        admins = session.scalars(select(Person.id).where(Person.role == "admin")).all()
    assert len(admins) >= 1 and outcomes.count("demoted") <= 1
