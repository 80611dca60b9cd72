"""The board's public routes over the test client: threads, replies, validation, sanitizing, moderation, abuse."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import requests

from service import signals
from service.openapi import build_document
from tests.service.conftest import SITE_ORIGIN
from tests.service.openapi_check import assert_matches_openapi

THREADS = "/api/board/threads"
THREAD = "/api/board/threads/{thread_id}"
REPLIES = "/api/board/threads/{thread_id}/posts"
DOCUMENT = build_document()


def documented(method: str, path_template: str, response):
    """The response, after checking that the OpenAPI document describes it."""
    assert_matches_openapi(DOCUMENT, method, path_template, response)
    return response


def thread_fields(**overrides: Any) -> dict[str, Any]:
    return {"title": "Odd readings on Mill Road", "author": "Ada", "body": "PM2.5 spiked at **8am**.",
            **overrides}


def start_thread(client, **overrides: Any) -> dict[str, Any]:
    response = client.post(THREADS, json=thread_fields(**overrides))
    assert response.status_code == 201, response.json
    return response.json


def reply(client, thread_id: int, **overrides: Any):
    return client.post(f"{THREADS}/{thread_id}/posts", json={"author": "Ben", "body": "Same here.", **overrides})


def listed_titles(client, query: str = "") -> list[str]:
    return [thread["title"] for thread in client.get(f"{THREADS}{query}").json["threads"]]


def test_a_new_thread_answers_201_with_its_id_location_and_opening_post(client):
    response = documented("post", THREADS, client.post(THREADS, json=thread_fields(email="ada@example.org")))
    assert response.status_code == 201
    created = response.json
    assert response.headers["Location"].endswith(f"{THREADS}/{created['id']}")
    assert created["title"] == "Odd readings on Mill Road"
    assert created["status"] == "approved"
    assert created["post_count"] == 1
    assert created["locked"] is False
    [opening] = created["posts"]
    assert opening["author"] == "Ada"
    assert opening["html"] == "<p>PM2.5 spiked at <strong>8am</strong>.</p>"


def test_a_thread_shows_its_posts_oldest_first_and_never_an_email(client):
    thread = start_thread(client, email="ada@example.org")
    assert reply(client, thread["id"], body="First reply", email="ben@example.org").status_code == 201
    assert reply(client, thread["id"], body="Second reply").status_code == 201
    response = documented("get", THREAD, client.get(f"{THREADS}/{thread['id']}"))
    assert response.status_code == 200
    shown = response.json["thread"]
    assert [post["html"] for post in shown["posts"]] == [
        "<p>PM2.5 spiked at <strong>8am</strong>.</p>", "<p>First reply</p>", "<p>Second reply</p>"]
    assert shown["post_count"] == 3
    assert set(shown["posts"][1]) == {"id", "author", "html", "created"}
    assert "example.org" not in response.get_data(as_text=True)


def test_threads_are_listed_by_newest_activity_with_an_excerpt(client):
    older = start_thread(client, title="Older", body="Started *first*, with <b>tags</b> typed.")
    start_thread(client, title="Newer")
    assert listed_titles(client) == ["Newer", "Older"]
    reply(client, older["id"])
    listing = documented("get", THREADS, client.get(THREADS)).json
    assert [thread["title"] for thread in listing["threads"]] == ["Older", "Newer"]
    bumped = listing["threads"][0]
    assert datetime.fromisoformat(bumped["last_activity"]) > datetime.fromisoformat(bumped["created"])
    assert listing["threads"][0]["excerpt"] == "Started first, with <b>tags</b> typed."
    assert listing["threads"][0]["post_count"] == 2


def test_threads_come_in_pages(client):
    for number in range(5):
        start_thread(client, title=f"Thread {number}")
    first = client.get(f"{THREADS}?per_page=2").json
    assert (first["page"], first["per_page"], first["total"]) == (1, 2, 5)
    assert [thread["title"] for thread in first["threads"]] == ["Thread 4", "Thread 3"]
    assert listed_titles(client, "?per_page=2&page=3") == ["Thread 0"]
    assert listed_titles(client, "?per_page=2&page=4") == []
    assert client.get(THREADS).json["per_page"] == 20


@pytest.mark.parametrize("query, fields", [
    ("?page=0", {"page"}),
    ("?page=abc&per_page=101", {"page", "per_page"}),
    ("?per_page=-1", {"per_page"}),
    ("?page=" + "9" * 5000, {"page"}),
])
def test_bad_pagination_is_a_400_naming_the_parameter(client, query, fields):
    response = documented("get", THREADS, client.get(f"{THREADS}{query}"))
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == fields


def test_every_thread_problem_is_named_at_once(client):
    response = documented("post", THREADS, client.post(THREADS, json={
        "title": "x" * 201, "author": "  ", "body": "y" * 20_001, "email": "not-an-address"}))
    assert response.status_code == 400
    fields = response.json["error"]["fields"]
    assert set(fields) == {"title", "author", "body", "email"}
    assert "200 characters" in fields["title"] and "20,000 characters" in fields["body"]
    assert client.get(THREADS).json["total"] == 0


def test_reply_problems_are_named_and_the_limits_are_inclusive(client):
    thread = start_thread(client)
    response = documented("post", REPLIES, reply(client, thread["id"], author="", body=""))
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == {"author", "body"}
    longest = documented("post", REPLIES, reply(client, thread["id"], author="a" * 100, body="b" * 20_000))
    assert longest.status_code == 201


def test_nul_characters_are_refused_not_stored(client):
    response = client.post(THREADS, json=thread_fields(title="bad\x00title"))
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == {"title"}


def test_bodies_are_sanitized_and_titles_and_names_come_back_as_plain_text(client):
    created = start_thread(
        client,
        title="<script>alert(1)</script> & friends",
        author="<img src=x onerror=alert(1)>",
        body='<script>alert(1)</script> [ok](https://example.org) [bad](javascript:alert(1)) ![i](https://x/i.png)',
    )
    shown = client.get(f"{THREADS}/{created['id']}")
    assert shown.mimetype == "application/json"
    thread = shown.json["thread"]
    assert thread["title"] == "<script>alert(1)</script> & friends"
    assert thread["author"] == "<img src=x onerror=alert(1)>"
    html = thread["posts"][0]["html"]
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert '<a href="https://example.org" rel="nofollow ugc noopener">ok</a>' in html


def test_replies_to_missing_threads_are_404(client):
    assert documented("post", REPLIES, reply(client, 12345)).status_code == 404
    assert documented("get", THREAD, client.get(f"{THREADS}/12345")).json["error"]["code"] == "not_found"
    assert client.get(f"{THREADS}/{10**30}").status_code == 404


def test_a_locked_thread_refuses_replies_with_409(client, admin_headers):
    thread = start_thread(client)
    client.post(f"/api/admin/board/threads/{thread['id']}/lock", headers=admin_headers)
    response = documented("post", REPLIES, reply(client, thread["id"]))
    assert response.status_code == 409
    assert response.json["error"]["code"] == "locked"
    assert client.get(f"{THREADS}/{thread['id']}").json["thread"]["locked"] is True


def test_form_posts_are_stored_and_answered_with_303_back_to_the_page(client):
    page = f"{SITE_ORIGIN}/board/"
    response = documented("post", THREADS, client.post(THREADS, data=thread_fields(), headers={"Referer": page}))
    assert response.status_code == 303
    assert response.headers["Location"] == f"{page}?herald=board-posted#herald-board-posted"
    [thread] = client.get(THREADS).json["threads"]
    response = client.post(f"{THREADS}/{thread['id']}/posts", data={"author": "Ben", "body": "Form reply"},
                           headers={"Referer": page})
    assert response.status_code == 303
    assert client.get(f"{THREADS}/{thread['id']}").json["thread"]["post_count"] == 2


def test_the_honeypot_stores_nothing_and_answers_as_if_accepted(client):
    bot = documented("post", THREADS, client.post(THREADS, json=thread_fields(phone="555-0100")))
    assert (bot.status_code, bot.json) == (202, {"status": "received"})
    form_bot = client.post(THREADS, data=thread_fields(phone="555-0100"), headers={"Referer": f"{SITE_ORIGIN}/board/"})
    assert form_bot.status_code == 303
    assert "herald=board-posted" in form_bot.headers["Location"]
    thread = start_thread(client)
    assert reply(client, thread["id"], phone="555-0100").status_code == 202
    assert client.get(f"{THREADS}/{thread['id']}").json["thread"]["post_count"] == 1
    assert client.get(THREADS).json["total"] == 1


def test_queued_threads_and_replies_stay_hidden_until_approved(make_app):
    client = make_app(HERALD_MODERATION="queue").test_client()
    created = start_thread(client)
    assert created["status"] == "pending"
    assert created["post_count"] == 0
    assert client.get(THREADS).json["total"] == 0
    assert client.get(f"{THREADS}/{created['id']}").status_code == 404
    assert reply(client, created["id"]).status_code == 404
    form = client.post(THREADS, data=thread_fields(), headers={"Referer": f"{SITE_ORIGIN}/board/"})
    assert "herald=board-queued" in form.headers["Location"]


def test_a_burst_of_posts_is_limited_with_429_and_retry_after(make_app):
    client = make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_BOARD="2 per minute").test_client()
    assert [client.post(THREADS, json=thread_fields()).status_code for _ in range(3)] == [201, 201, 429]
    limited = documented("post", THREADS, client.post(THREADS, json=thread_fields()))
    assert limited.json["error"]["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0
    assert client.get(THREADS).status_code == 200


def test_new_threads_and_replies_are_announced_after_they_are_stored(client):
    heard: list[tuple[str, dict[str, Any]]] = []

    def listen(name: str):
        return lambda _app, **data: heard.append((name, data))

    on_thread, on_post = listen("thread"), listen("post")
    with signals.thread_created.connected_to(on_thread), signals.board_post_created.connected_to(on_post):
        thread = start_thread(client, email="ada@example.org")
        reply(client, thread["id"])
        client.post(THREADS, json=thread_fields(phone="bot"))
    assert [name for name, _ in heard] == ["thread", "post"]
    assert heard[0][1]["thread"]["id"] == thread["id"]
    assert heard[0][1]["post"]["email"] == "ada@example.org"
    assert heard[1][1]["post"]["opening"] is False


def test_other_sites_cannot_post_forms_to_the_board(client):
    response = documented("post", THREADS, client.post(THREADS, data=thread_fields(),
                                                       headers={"Origin": "https://evil.example"}))
    assert response.status_code == 403
    assert client.get(THREADS).json["total"] == 0


def test_the_board_over_real_http(live_service):
    created = requests.post(f"{live_service.url}{THREADS}", json=thread_fields(), timeout=5)
    assert created.status_code == 201
    thread_id = created.json()["id"]
    replied = requests.post(f"{live_service.url}{THREADS}/{thread_id}/posts",
                            json={"author": "Ben", "body": "Over the wire"}, timeout=5)
    assert documented("post", REPLIES, replied).status_code == 201
    listing = documented("get", THREADS, requests.get(f"{live_service.url}{THREADS}", timeout=5)).json()
    assert [(thread["id"], thread["post_count"]) for thread in listing["threads"]] == [(thread_id, 2)]
