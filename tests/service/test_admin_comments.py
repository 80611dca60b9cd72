"""Comment moderation by the admin: the pending list (or every comment), approve, delete, erase by email."""

from __future__ import annotations

from typing import Any

import pytest
from werkzeug.test import TestResponse

from tests.service.test_comments import PAGE, CommentApi

ONE = "/api/admin/comments/{comment_id}"


class AdminApi(CommentApi):
    """The comment routes plus the admin's, with the admin token."""

    def __init__(self, client: Any, headers: dict[str, str]) -> None:
        super().__init__(client)
        self.headers = headers

    def queue(self, **params: Any) -> TestResponse:
        return self.call("GET", "/api/admin/comments", "/api/admin/comments", query_string=params,
                         headers=self.headers)

    def queued_ids(self, **params: Any) -> list[int]:
        response = self.queue(**params)
        assert response.status_code == 200, response.json
        return [comment["id"] for comment in response.json["comments"]]

    def approve(self, comment_id: int) -> TestResponse:
        return self.call("POST", f"{ONE}/approve", f"/api/admin/comments/{comment_id}/approve", headers=self.headers)

    def remove(self, comment_id: int) -> TestResponse:
        return self.call("DELETE", ONE, f"/api/admin/comments/{comment_id}", headers=self.headers)


@pytest.fixture
def admin(make_app, admin_headers) -> AdminApi:
    return AdminApi(make_app(HERALD_MODERATION="queue").test_client(), admin_headers)


def test_pending_comments_wait_in_the_queue_with_their_email(admin):
    held = admin.create(email="ada@example.org")
    [queued] = admin.queue().json["comments"]
    assert queued == {**queued, "id": held["id"], "status": "pending", "email": "ada@example.org", "page": PAGE,
                      "body": "Clean air **now**."}


def test_approving_publishes_and_empties_the_queue(admin):
    held = admin.create()
    approved = admin.approve(held["id"])
    assert approved.status_code == 200 and approved.json["status"] == "approved"
    assert [comment["id"] for comment in admin.shown()] == [held["id"]]
    assert admin.queued_ids() == []
    assert admin.queued_ids(status="all") == [held["id"]]


def test_the_admin_removes_a_comment(admin):
    held = admin.create()
    assert admin.remove(held["id"]).status_code == 204
    assert admin.queued_ids(status="all") == []
    assert admin.remove(held["id"]).status_code == 404
    assert admin.approve(held["id"]).status_code == 404


def test_the_list_is_newest_first_in_pages(admin):
    ids = [admin.create(body=f"Comment {number}")["id"] for number in range(5)]
    first_page = admin.queued_ids(limit="2")
    assert first_page == ids[:-3:-1]
    assert admin.queued_ids(limit="2", before=str(first_page[-1])) == ids[2:0:-1]


@pytest.mark.parametrize("params, field", [
    ({"status": "approved"}, "status"),
    ({"limit": "0"}, "limit"),
    ({"limit": "many"}, "limit"),
    ({"limit": "9" * 5000}, "limit"),
    ({"before": "-1"}, "before"),
])
def test_bad_list_queries_name_the_field(admin, params, field):
    response = admin.queue(**params)
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == {field}


def test_moderation_needs_the_admin_token(admin):
    held = admin.create()
    admin.headers = {"Authorization": "Bearer wrong"}
    for response in (admin.queue(), admin.approve(held["id"]), admin.remove(held["id"])):
        assert response.status_code == 401
    admin.headers = {}
    assert admin.queue().status_code == 401


def test_moderation_is_closed_when_no_admin_token_is_configured(make_app, admin_headers):
    admin = AdminApi(make_app(HERALD_ADMIN_TOKEN=None).test_client(), admin_headers)
    assert admin.queue().status_code == 403


def test_erasing_an_email_removes_its_comments_in_any_case(admin):
    mine = admin.create(email="Ada@Example.org")
    admin.approve(mine["id"])
    reply = admin.create(author="Bea", email="bea@example.org", parent=mine["id"])
    admin.approve(reply["id"])
    admin.create(email="ada@example.org", body="Second")
    erased = admin.client.post("/api/admin/erase", json={"email": "ADA@example.org"}, headers=admin.headers)
    assert erased.status_code == 200 and erased.json["removed"]["comments"] == 2
    remaining = admin.queue(status="all").json["comments"]
    assert {comment["email"] for comment in remaining} == {"bea@example.org", None}
    placeholder, kept_reply = admin.shown()
    assert placeholder["deleted"] and placeholder["author"] is None
    assert kept_reply["author"] == "Bea"
