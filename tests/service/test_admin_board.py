"""Moderating the board through the admin routes: the queue, approving, deleting, locking, and who may."""

from __future__ import annotations

import pytest

from tests.service.test_board import THREADS, documented, reply, start_thread

POSTS = "/api/admin/board/posts"
ADMIN_THREADS = "/api/admin/board/threads"
APPROVE = "/api/admin/board/posts/{post_id}/approve"


@pytest.fixture
def queued(make_app):
    """A client of a service that holds every board post for approval."""
    return make_app(HERALD_MODERATION="queue").test_client()


def pending_posts(client, admin_headers) -> list[dict]:
    response = documented("get", POSTS, client.get(POSTS, headers=admin_headers))
    assert response.status_code == 200
    return response.json["posts"]


@pytest.mark.parametrize("method, template", [
    ("get", POSTS), ("post", APPROVE), ("delete", "/api/admin/board/posts/{post_id}"),
    ("post", "/api/admin/board/threads/{thread_id}/lock"), ("post", "/api/admin/board/threads/{thread_id}/unlock"),
    ("delete", "/api/admin/board/threads/{thread_id}"),
])
def test_admin_routes_want_the_token_and_are_closed_without_one(make_app, method, template):
    path = template.format(post_id=1, thread_id=1)
    client = make_app().test_client()
    assert documented(method, template, getattr(client, method)(path)).status_code == 401
    assert getattr(client, method)(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    closed = make_app(HERALD_ADMIN_TOKEN=None).test_client()
    refused = getattr(closed, method)(path, headers={"Authorization": "Bearer anything"})
    assert documented(method, template, refused).status_code == 403


def test_approving_the_opening_post_publishes_the_thread(queued, admin_headers):
    created = start_thread(queued, email="ada@example.org")
    [held] = pending_posts(queued, admin_headers)
    assert (held["thread_id"], held["opening"], held["status"]) == (created["id"], True, "pending")
    assert held["email"] == "ada@example.org"
    assert held["body"] == "PM2.5 spiked at **8am**."
    approved = documented("post", APPROVE, queued.post(f"{POSTS}/{held['id']}/approve", headers=admin_headers))
    assert approved.status_code == 200
    assert approved.json["status"] == "approved"
    assert pending_posts(queued, admin_headers) == []
    listing = queued.get(THREADS).json
    assert [(thread["id"], thread["post_count"]) for thread in listing["threads"]] == [(created["id"], 1)]


def test_an_approved_reply_counts_and_bumps_the_thread_but_a_held_one_does_not(queued, admin_headers):
    first = start_thread(queued, title="First")
    second = start_thread(queued, title="Second")
    for post in pending_posts(queued, admin_headers):
        queued.post(f"{POSTS}/{post['id']}/approve", headers=admin_headers)
    assert [thread["title"] for thread in queued.get(THREADS).json["threads"]] == ["Second", "First"]
    held = reply(queued, first["id"]).json
    assert held["status"] == "pending"
    assert [thread["title"] for thread in queued.get(THREADS).json["threads"]] == ["Second", "First"]
    assert queued.get(f"{THREADS}/{first['id']}").json["thread"]["post_count"] == 1
    queued.post(f"{POSTS}/{held['id']}/approve", headers=admin_headers)
    listed = queued.get(THREADS).json["threads"]
    assert [(thread["title"], thread["post_count"]) for thread in listed] == [("First", 2), ("Second", 1)]
    assert second["id"] != first["id"]


def test_status_all_lists_every_post_and_other_statuses_are_refused(client, admin_headers):
    thread = start_thread(client)
    reply(client, thread["id"])
    assert pending_posts(client, admin_headers) == []
    every = client.get(f"{POSTS}?status=all&per_page=1", headers=admin_headers).json
    assert (every["total"], len(every["posts"])) == (2, 1)
    assert every["posts"][0]["opening"] is False
    refused = documented("get", POSTS, client.get(f"{POSTS}?status=spam", headers=admin_headers))
    assert refused.status_code == 400
    assert set(refused.json["error"]["fields"]) == {"status"}


def test_deleting_a_reply_recounts_the_thread(client, admin_headers):
    thread = start_thread(client)
    replied = reply(client, thread["id"]).json
    assert client.delete(f"{POSTS}/{replied['id']}", headers=admin_headers).status_code == 204
    shown = client.get(f"{THREADS}/{thread['id']}").json["thread"]
    assert (shown["post_count"], len(shown["posts"])) == (1, 1)
    assert shown["last_activity"] == shown["created"]
    assert client.delete(f"{POSTS}/{replied['id']}", headers=admin_headers).status_code == 404


def test_deleting_the_opening_post_deletes_the_thread(client, admin_headers):
    thread = start_thread(client)
    reply(client, thread["id"])
    opening_id = thread["posts"][0]["id"]
    assert client.delete(f"{POSTS}/{opening_id}", headers=admin_headers).status_code == 204
    assert client.get(f"{THREADS}/{thread['id']}").status_code == 404
    assert client.get(f"{POSTS}?status=all", headers=admin_headers).json["total"] == 0


def test_locking_and_unlocking_a_thread(client, admin_headers):
    thread = start_thread(client)
    locked = documented("post", "/api/admin/board/threads/{thread_id}/lock",
                        client.post(f"{ADMIN_THREADS}/{thread['id']}/lock", headers=admin_headers))
    assert (locked.status_code, locked.json["locked"]) == (200, True)
    assert reply(client, thread["id"]).status_code == 409
    unlocked = client.post(f"{ADMIN_THREADS}/{thread['id']}/unlock", headers=admin_headers)
    assert (unlocked.status_code, unlocked.json["locked"]) == (200, False)
    assert reply(client, thread["id"]).status_code == 201


def test_deleting_a_thread_removes_it_and_its_posts(client, admin_headers):
    thread = start_thread(client)
    reply(client, thread["id"])
    assert client.delete(f"{ADMIN_THREADS}/{thread['id']}", headers=admin_headers).status_code == 204
    assert client.get(f"{THREADS}/{thread['id']}").status_code == 404
    assert client.get(f"{POSTS}?status=all", headers=admin_headers).json["total"] == 0
    assert client.delete(f"{ADMIN_THREADS}/{thread['id']}", headers=admin_headers).status_code == 404


@pytest.mark.parametrize("method, path", [
    ("post", f"{POSTS}/999/approve"), ("delete", f"{POSTS}/999"), ("post", f"{ADMIN_THREADS}/999/lock"),
    ("delete", f"{ADMIN_THREADS}/999"),
])
def test_missing_posts_and_threads_are_404(client, admin_headers, method, path):
    response = getattr(client, method)(path, headers=admin_headers)
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_erasing_an_email_over_http_removes_the_threads_it_opened(client, admin_headers):
    theirs = start_thread(client, title="Theirs", email="ada@example.org")
    kept = start_thread(client, title="Kept")
    reply(client, kept["id"], email="Ada@Example.org")
    response = client.post("/api/admin/erase", json={"email": "ada@example.org"}, headers=admin_headers)
    assert response.status_code == 200
    assert response.json["removed"]["board"] == 3
    assert client.get(f"{THREADS}/{theirs['id']}").status_code == 404
    assert client.get(f"{THREADS}/{kept['id']}").json["thread"]["post_count"] == 1
