"""The comment routes over HTTP: posting, threads, `since`, validation, sanitizing, moderation, the edit token,
form posts, the honeypot and the limits. Every answer is checked against the OpenAPI document."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from werkzeug.test import TestResponse

from service import signals
from service.comments.access import EDIT_TOKEN_SALT
from service.openapi import build_document
from tests.service.conftest import SITE_ORIGIN
from tests.service.openapi_check import assert_matches_openapi

PAGE = "/2024/05/03/clean-air/"
ONE = "/api/comments/{comment_id}"


def comment_fields(**overrides: Any) -> dict[str, Any]:
    return {"page": PAGE, "author": "Ada", "email": "ada@example.org", "body": "Clean air **now**.", **overrides}


class CommentApi:
    """The comment routes as a client uses them, every answer checked against the OpenAPI document."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.document = build_document()

    def call(self, method: str, template: str, url: str, **kwargs: Any) -> TestResponse:
        response = self.client.open(url, method=method, **kwargs)
        assert_matches_openapi(self.document, method, template, response)
        return response

    def post(self, **overrides: Any) -> TestResponse:
        return self.call("POST", "/api/comments", "/api/comments", json=comment_fields(**overrides))

    def create(self, **overrides: Any) -> dict[str, Any]:
        response = self.post(**overrides)
        assert response.status_code == 201, response.json
        return response.json

    def listing(self, page: str = PAGE, **params: str) -> TestResponse:
        return self.call("GET", "/api/comments", "/api/comments", query_string={"page": page, **params})

    def shown(self, page: str = PAGE, **params: str) -> list[dict[str, Any]]:
        response = self.listing(page, **params)
        assert response.status_code == 200, response.json
        return response.json["comments"]

    def edit(self, comment_id: int, token: str | None, **fields: Any) -> TestResponse:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.call("PATCH", ONE, f"/api/comments/{comment_id}", json=fields, headers=headers)

    def delete(self, comment_id: int, token: str | None) -> TestResponse:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.call("DELETE", ONE, f"/api/comments/{comment_id}", headers=headers)


@pytest.fixture
def api(client: FlaskClient) -> CommentApi:
    return CommentApi(client)


def test_a_posted_comment_is_published_with_its_html_and_a_token(api):
    response = api.post(website="https://ada.example.org/")
    assert response.status_code == 201
    created = response.json
    assert created["status"] == "approved" and created["token"]
    assert created["html"] == "<p>Clean air <strong>now</strong>.</p>"
    assert response.headers["Location"] == f"/api/comments/{created['id']}"
    public = {key: created[key] for key in ("id", "parent", "author", "website", "html", "created", "edited",
                                             "deleted")}
    assert api.shown() == [public]
    assert api.call("GET", ONE, response.headers["Location"]).json == public


def test_email_is_never_published(api):
    api.create(email="secret@example.org")
    assert "secret@example.org" not in api.listing().get_data(as_text=True)


def test_replies_name_their_parent_and_the_list_is_oldest_first(api):
    first = api.create(body="First")
    reply = api.create(body="Reply", parent=first["id"])
    last = api.create(body="Last")
    shown = api.shown()
    assert [comment["id"] for comment in shown] == [first["id"], reply["id"], last["id"]]
    assert [comment["parent"] for comment in shown] == [None, first["id"], None]


def test_other_pages_comments_are_not_listed(api):
    api.create(page="/about/")
    assert api.shown() == []


def test_a_reply_must_be_on_its_parents_page(api):
    elsewhere = api.create(page="/about/")
    response = api.post(parent=elsewhere["id"])
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == {"parent"}


def test_a_reply_to_a_missing_comment_is_refused(api):
    response = api.post(parent=12345)
    assert response.status_code == 400
    assert "12345" in response.json["error"]["fields"]["parent"]


def test_since_gives_only_newer_comments(api):
    first = api.create(body="First")
    second = api.create(body="Second")
    assert [comment["id"] for comment in api.shown(since=first["created"])] == [second["id"]]
    assert api.shown(since=second["created"]) == []
    assert len(api.shown(since="2000-01-01T00:00:00Z")) == 2
    assert len(api.shown(since="2000-01-01T00:00:00")) == 2, "a time without an offset is UTC"


def test_since_survives_an_unencoded_plus_in_the_offset(api):
    first = api.create()
    response = api.call("GET", "/api/comments", f"/api/comments?page={PAGE}&since={first['created']}")
    assert response.status_code == 200 and response.json["comments"] == []


@pytest.mark.parametrize("query, field", [
    ({}, "page"),
    ({"page": "https://evil.example/a/"}, "page"),
    ({"page": PAGE, "since": "yesterday"}, "since"),
])
def test_bad_list_queries_name_the_field(api, query, field):
    response = api.call("GET", "/api/comments", "/api/comments", query_string=query)
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == {field}


def test_an_unchanged_list_answers_304_to_its_etag(api):
    api.create()
    first = api.listing()
    assert first.headers["Cache-Control"] == "public, max-age=10, stale-while-revalidate=60"
    assert not first.headers["ETag"].startswith("W/"), "a strong validator, of the bytes"
    again = api.call("GET", "/api/comments", "/api/comments", query_string={"page": PAGE},
                     headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    api.create(body="Another")
    assert api.call("GET", "/api/comments", "/api/comments", query_string={"page": PAGE},
                    headers={"If-None-Match": first.headers["ETag"]}).status_code == 200


@pytest.mark.parametrize("overrides, field", [
    ({"page": None}, "page"),
    ({"page": "https://evil.example/2024/"}, "page"),
    ({"page": "2024/05/"}, "page"),
    ({"page": "//evil.example/"}, "page"),
    ({"page": "/a/../b/"}, "page"),
    ({"page": "/a/?q=1"}, "page"),
    ({"page": "/" + "a" * 500}, "page"),
    ({"parent": "first"}, "parent"),
    ({"parent": 0}, "parent"),
    ({"parent": 2**40}, "parent"),
    ({"parent": "9" * 5000}, "parent"),
    ({"author": None}, "author"),
    ({"author": "   "}, "author"),
    ({"author": "a" * 101}, "author"),
    ({"author": ["Ada"]}, "author"),
    ({"email": "not-an-address"}, "email"),
    ({"email": "a" * 250 + "@example.org"}, "email"),
    ({"website": "javascript:alert(1)"}, "website"),
    ({"website": "ftp://files.example.org/"}, "website"),
    ({"website": "example.org"}, "website"),
    ({"website": "https://example.org/" + "a" * 500}, "website"),
    ({"body": None}, "body"),
    ({"body": " \n "}, "body"),
    ({"body": "a" * 10_001}, "body"),
])
def test_each_bad_field_is_named(api, overrides, field):
    response = api.post(**overrides)
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == {field}
    assert api.shown() == []


def test_every_problem_is_reported_at_once(api):
    response = api.call("POST", "/api/comments", "/api/comments",
                        json={"page": "nowhere", "email": "x", "website": "ftp://x", "body": ""})
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == {"page", "author", "email", "website", "body"}


def test_optional_fields_may_be_blank(api):
    created = api.create(email="", website="", parent="")
    assert created["website"] is None and created["parent"] is None


@pytest.mark.parametrize("body, kept, removed", [
    ("<script>alert(1)</script>", "&lt;script&gt;", "<script"),
    ("[click](javascript:alert(1))", "click", "javascript:"),
    ('<img src="x" onerror="alert(1)">', "&lt;img", "<img"),
    ("![a chart](https://example.org/chart.png)", "", "<img"),
    ('<a href="https://x.example" onclick="steal()">x</a>', "&lt;a", "<a href"),
    ("<style>body{display:none}</style>", "", "<style"),
    ("<iframe src='https://evil.example'></iframe>", "", "<iframe"),
])
def test_the_body_is_sanitized(api, body, kept, removed):
    html = api.create(body=body)["html"]
    assert kept in html
    assert removed not in html


def test_links_are_kept_with_a_rel_that_denies_them_credit(api):
    html = api.create(body="See [our report](https://example.org/report) and **act**.")["html"]
    assert '<a href="https://example.org/report" rel="nofollow ugc noopener">our report</a>' in html
    assert "<strong>act</strong>" in html


def test_the_queue_holds_comments_until_approved(make_app):
    api = CommentApi(make_app(HERALD_MODERATION="queue").test_client())
    created = api.create()
    assert created["status"] == "pending"
    assert api.shown() == []
    assert api.call("GET", ONE, f"/api/comments/{created['id']}").status_code == 404
    refused = api.post(parent=created["id"])
    assert set(refused.json["error"]["fields"]) == {"parent"}, "nobody replies to what is not published"


def test_an_edit_under_the_queue_waits_for_approval_again(make_app, admin_headers):
    """An approved comment edited into spam must not stay public: under `queue` it goes back to the queue."""
    api = CommentApi(make_app(HERALD_MODERATION="queue").test_client())
    created = api.create(body="Harmless")

    def approve() -> None:
        response = api.call("POST", "/api/admin/comments/{comment_id}/approve",
                            f"/api/admin/comments/{created['id']}/approve", headers=admin_headers)
        assert response.status_code == 200

    approve()
    assert [comment["html"] for comment in api.shown()] == ["<p>Harmless</p>"]
    edited = api.edit(created["id"], created["token"], website="https://spam.example/")
    assert edited.status_code == 200 and edited.json["status"] == "pending"
    assert api.shown() == []
    assert api.call("GET", ONE, f"/api/comments/{created['id']}").status_code == 404
    waiting = api.call("GET", "/api/admin/comments", "/api/admin/comments", headers=admin_headers).json["comments"]
    assert [(comment["id"], comment["website"]) for comment in waiting] == [(created["id"], "https://spam.example/")]
    approve()
    assert [comment["website"] for comment in api.shown()] == ["https://spam.example/"]


def test_replies_wait_out_of_sight_while_their_parent_is_held_again(make_app, admin_headers):
    """A reply is never shown hanging from a comment the page does not show; it returns with its parent."""
    api = CommentApi(make_app(HERALD_MODERATION="queue").test_client())

    def approve(comment_id: int) -> None:
        response = api.call("POST", "/api/admin/comments/{comment_id}/approve",
                            f"/api/admin/comments/{comment_id}/approve", headers=admin_headers)
        assert response.status_code == 200

    parent = api.create(body="Harmless")
    approve(parent["id"])
    reply = api.create(body="A reply", parent=parent["id"])
    approve(reply["id"])
    assert [comment["id"] for comment in api.shown()] == [parent["id"], reply["id"]]

    api.edit(parent["id"], parent["token"], body="Now spam")
    assert api.shown() == []
    approve(parent["id"])
    assert [comment["id"] for comment in api.shown()] == [parent["id"], reply["id"]]


def test_an_edit_under_auto_moderation_keeps_the_status(make_app):
    """Switching from `queue` to `auto` publishes nothing by itself: a held comment edited stays held."""
    held = CommentApi(make_app(HERALD_MODERATION="queue").test_client()).create()
    api = CommentApi(make_app(HERALD_MODERATION="auto").test_client())
    edited = api.edit(held["id"], held["token"], body="Changed")
    assert edited.status_code == 200 and edited.json["status"] == "pending"
    assert api.shown() == []


def test_the_author_edits_with_the_token_and_the_html_follows(api):
    created = api.create()
    response = api.edit(created["id"], created["token"], body="Cleaner *air*.", website="https://ada.example/")
    assert response.status_code == 200
    assert response.json["html"] == "<p>Cleaner <em>air</em>.</p>"
    assert response.json["edited"] and response.json["status"] == "approved"
    [shown] = api.shown()
    assert shown["html"] == "<p>Cleaner <em>air</em>.</p>" and shown["website"] == "https://ada.example/"
    assert api.edit(created["id"], created["token"], website="").json["website"] is None


def test_the_token_may_come_as_a_field(api):
    created = api.create()
    response = api.call("PATCH", ONE, f"/api/comments/{created['id']}",
                        json={"author": "Ada L.", "token": created["token"]})
    assert response.status_code == 200 and response.json["author"] == "Ada L."


def test_an_edit_is_validated(api):
    created = api.create()
    bad = api.edit(created["id"], created["token"], body="", website="mailto:x@example.org")
    assert bad.status_code == 400
    assert set(bad.json["error"]["fields"]) == {"body", "website"}
    assert api.edit(created["id"], created["token"]).status_code == 400, "nothing to change"


def test_the_author_deletes_with_the_token(api):
    created = api.create()
    assert api.delete(created["id"], created["token"]).status_code == 204
    assert api.shown() == []
    assert api.delete(created["id"], created["token"]).status_code == 404


def test_a_deleted_comment_with_replies_stays_as_a_placeholder(api):
    parent = api.create(body="Parent")
    reply = api.create(body="Reply", parent=parent["id"])
    assert api.delete(parent["id"], parent["token"]).status_code == 204
    placeholder, shown_reply = api.shown()
    assert placeholder == {**placeholder, "id": parent["id"], "deleted": True, "author": None, "website": None,
                           "html": ""}
    assert shown_reply["parent"] == parent["id"] and shown_reply["author"] == "Ada"
    assert api.delete(reply["id"], reply["token"]).status_code == 204
    assert api.shown() == [], "the placeholder goes with its last reply"


class SignedSixteenMinutesAgo(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(time.time()) - 16 * 60


def signed_again(app: Flask, token: str, *, key: str | None = None,
                 signer: type[TimestampSigner] = TimestampSigner) -> str:
    """What a real token holds (its comment's id and secret), signed again: under another key, or at another time."""
    granted = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=EDIT_TOKEN_SALT).loads(token)
    return URLSafeTimedSerializer(key or app.config["SECRET_KEY"], salt=EDIT_TOKEN_SALT, signer=signer).dumps(granted)


def test_an_expired_token_is_refused(app, api):
    created = api.create()
    stale = signed_again(app, created["token"], signer=SignedSixteenMinutesAgo)
    for response in (api.edit(created["id"], stale, body="Too late"), api.delete(created["id"], stale)):
        assert response.status_code == 403
        assert response.json["error"]["code"] == "token_expired"


def test_a_token_only_opens_its_own_comment(api):
    mine = api.create()
    theirs = api.create(author="Bea")
    for response in (api.edit(theirs["id"], mine["token"], body="Hijacked"), api.delete(theirs["id"], mine["token"])):
        assert response.status_code == 403
        assert response.json["error"]["code"] == "token_mismatch"
    assert [comment["author"] for comment in api.shown()] == ["Ada", "Bea"]


@pytest.mark.parametrize("token, code", [(None, "token_missing"), ("MQ.forged.token", "token_invalid")])
def test_a_missing_or_forged_token_is_refused(api, token, code):
    created = api.create()
    response = api.edit(created["id"], token, body="x")
    assert response.status_code == 403 and response.json["error"]["code"] == code


def test_a_token_issued_under_another_key_is_refused(app, api):
    created = api.create()
    other_key_token = signed_again(app, created["token"], key="another-key")
    assert api.delete(created["id"], other_key_token).json["error"]["code"] == "token_invalid"


def test_a_signed_token_naming_only_the_id_is_refused(app, api):
    """What tokens held before comments had secrets: signed by the service, but no longer enough."""
    created = api.create()
    id_only = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=EDIT_TOKEN_SALT).dumps(created["id"])
    assert api.edit(created["id"], id_only, body="x").json["error"]["code"] == "token_invalid"


def test_a_comment_that_does_not_exist_is_404(api):
    created = api.create()
    assert api.edit(created["id"] + 1, created["token"], body="x").status_code == 404
    assert api.delete(2**31, created["token"]).status_code == 404, "ids beyond the column's range too"


def test_a_form_post_goes_back_to_the_post_with_a_notice_shown_by_its_fragment(api):
    response = api.call("POST", "/api/comments", "/api/comments", data=comment_fields())
    assert response.status_code == 303
    assert len(api.shown()) == 1
    assert response.headers["Location"] == f"{SITE_ORIGIN}{PAGE}?herald=comment-posted#herald-comment-posted"


def test_a_form_reply_goes_back_to_the_page_it_came_from(api):
    parent = api.create()
    referer = f"{SITE_ORIGIN}{PAGE}?lang=en"
    response = api.call("POST", "/api/comments", "/api/comments", data=comment_fields(parent=str(parent["id"])),
                        headers={"Referer": referer})
    assert response.status_code == 303
    reply = api.shown()[1]
    assert reply["parent"] == parent["id"]
    assert response.headers["Location"] == f"{referer}&herald=comment-posted#herald-comment-posted"


def test_a_second_form_post_replaces_the_first_notice(api):
    referer = f"{SITE_ORIGIN}{PAGE}?herald=comment-pending"
    response = api.call("POST", "/api/comments", "/api/comments", data=comment_fields(),
                        headers={"Referer": referer})
    assert response.headers["Location"] == f"{SITE_ORIGIN}{PAGE}?herald=comment-posted#herald-comment-posted"


def test_a_queued_form_post_says_it_is_pending(make_app):
    api = CommentApi(make_app(HERALD_MODERATION="queue").test_client())
    response = api.call("POST", "/api/comments", "/api/comments", data=comment_fields())
    assert response.headers["Location"] == f"{SITE_ORIGIN}{PAGE}?herald=comment-pending#herald-comment-pending"


def test_the_honeypot_stores_nothing_and_tells_nothing(api):
    sent = []
    with signals.comment_created.connected_to(lambda sender, **data: sent.append(data)):
        as_json = api.post(phone="+1 555 0100")
        as_form = api.call("POST", "/api/comments", "/api/comments", data=comment_fields(phone="+1 555 0100"))
    assert as_json.status_code == 202 and as_json.json == {"status": "received"}
    assert as_form.status_code == 303
    assert as_form.headers["Location"] == f"{SITE_ORIGIN}{PAGE}?herald=comment-posted#herald-comment-posted"
    assert api.shown() == [] and sent == []


def test_a_bots_page_never_turns_the_redirect_into_another_sites(make_app):
    api = CommentApi(make_app(HERALD_SITE_ORIGIN=None).test_client())
    response = api.call("POST", "/api/comments", "/api/comments",
                        data=comment_fields(page="//evil.example/", phone="x"))
    assert response.headers["Location"] == "/?herald=comment-posted#herald-comment-posted"


def test_posting_announces_the_comment(api):
    sent = []
    with signals.comment_created.connected_to(lambda sender, **data: sent.append(data)):
        created = api.create()
    [announcement] = sent
    assert announcement["comment"]["id"] == created["id"]
    assert announcement["comment"]["page"] == PAGE and announcement["comment"]["status"] == "approved"


def test_a_body_over_64_kb_is_413(api):
    response = api.call("POST", "/api/comments", "/api/comments",
                        data='{"body": "' + "a" * 70_000 + '"}', content_type="application/json")
    assert response.status_code == 413
    assert response.json["error"]["code"] == "too_large"


def test_an_unsupported_body_type_is_415(api):
    response = api.call("POST", "/api/comments", "/api/comments", data="<comment/>", content_type="application/xml")
    assert response.status_code == 415
    assert response.json["error"]["code"] == "unsupported_media_type"


def test_malformed_json_is_400(api):
    response = api.call("POST", "/api/comments", "/api/comments", data="{", content_type="application/json")
    assert response.status_code == 400


def test_the_sixth_comment_in_a_minute_is_429(make_app):
    api = CommentApi(make_app(RATELIMIT_ENABLED=True).test_client())
    for number in range(5):
        assert api.post(body=f"Comment {number}").status_code == 201
    refused = api.post(body="One too many")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.json["error"]["code"] == "rate_limited"
    assert len(api.shown()) == 5
    assert api.listing().status_code == 200, "reading is never limited"


def test_comments_over_real_http(live_service):
    document = build_document()
    url = f"{live_service.url}/api/comments"
    created = requests.post(url, json=comment_fields(), timeout=5)
    assert_matches_openapi(document, "POST", "/api/comments", created)
    assert created.status_code == 201
    listed = requests.get(url, params={"page": PAGE}, timeout=5)
    assert_matches_openapi(document, "GET", "/api/comments", listed)
    assert [comment["id"] for comment in listed.json()["comments"]] == [created.json()["id"]]
    deleted = requests.delete(f"{url}/{created.json()['id']}", timeout=5,
                              headers={"Authorization": f"Bearer {created.json()['token']}"})
    assert_matches_openapi(document, "DELETE", ONE, deleted)
    assert deleted.status_code == 204
