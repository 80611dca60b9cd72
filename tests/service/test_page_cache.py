"""A process's page cache is never stale and never gives another page's answer: every write to a page's
comments, from this process, another one or plain SQL, shows in the very next read of that page; one rule (the
page's version) governs both the view's answers and the whole answers given in front of Flask, which are Flask's
own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, request_started
from flask import request as flask_request
from sqlalchemy import text

from service.comments.page_cache import REPLAYS_PER_PAGE, PageAnswer, PageCache, Replay
from tests.service.conftest import SITE_ORIGIN

PAGE = "/2024/05/03/clean-air/"
OTHER_PAGE = "/about/"


def post(client: Any, page: str = PAGE, body: str = "Hello") -> dict[str, Any]:
    response = client.post("/api/comments", json={"page": page, "author": "Ada", "body": body})
    assert response.status_code == 201, response.json
    return response.json


def shown(client: Any, page: str = PAGE) -> list[str]:
    response = client.get("/api/comments", query_string={"page": page})
    assert response.status_code == 200
    return [comment["html"] for comment in response.json["comments"]]


def test_a_write_by_another_process_shows_in_the_next_read(make_app):
    reader, writer = make_app().test_client(), make_app().test_client()  # two apps: two workers' memories
    post(reader, body="first")
    assert shown(reader) == ["<p>first</p>"]
    post(writer, body="second")
    assert shown(reader) == ["<p>first</p>", "<p>second</p>"]


def test_a_change_made_in_plain_sql_shows_in_the_next_read(app, client):
    created = post(client, body="first")
    assert shown(client) == ["<p>first</p>"]
    with app.extensions["herald_db"].engine.begin() as connection:
        connection.execute(text("UPDATE comments SET html = '<p>edited</p>' WHERE id = :id"), {"id": created["id"]})
    assert shown(client) == ["<p>edited</p>"]
    with app.extensions["herald_db"].engine.begin() as connection:
        connection.execute(text("DELETE FROM comments"))
    assert shown(client) == []


def test_each_page_gets_its_own_answer(client):
    post(client, PAGE, "on the post")
    post(client, OTHER_PAGE, "on the about page")
    for _ in range(2):
        assert shown(client, PAGE) == ["<p>on the post</p>"]
        assert shown(client, OTHER_PAGE) == ["<p>on the about page</p>"]
        assert shown(client, "/never-commented/") == []


def test_a_read_since_a_time_is_not_the_pages_whole_answer(client):
    first = post(client, body="first")
    post(client, body="second")
    assert len(shown(client)) == 2
    newer = client.get("/api/comments", query_string={"page": PAGE, "since": first["created"]})
    assert [comment["html"] for comment in newer.json["comments"]] == ["<p>second</p>"]


def test_the_least_recently_read_page_goes_first():
    cache = PageCache(size=2)
    cache.keep("/a/", 1, PageAnswer.of(b"a1"))
    cache.keep("/b/", None, PageAnswer.of(b"b"))
    assert cache.answer("/a/", 1) == PageAnswer.of(b"a1")  # /a/ is now the most recently read
    cache.keep("/c/", 7, PageAnswer.of(b"c"))
    assert cache.answer("/b/", None) is None
    assert cache.answer("/a/", 1) is not None and cache.answer("/c/", 7) == PageAnswer.of(b"c")


def test_one_rule_for_answers_and_replays_an_entry_answers_only_its_own_version():
    cache = PageCache()
    cache.keep("/a/", 1, PageAnswer.of(b"a1"))
    assert cache.answer("/a/", 2) is None and cache.answer("/a/", None) is None
    cache.keep_replay("/a/", 1, "key", Replay("200 OK", (("ETag", '"a1"'),), b"a1"))
    assert cache.replay("key") == ("/a/", 1, Replay("200 OK", (("ETag", '"a1"'),), b"a1"))
    cache.keep_replay("/a/", 0, "older", Replay("200 OK", (), b"a0"))  # made from an older answer: refused
    assert cache.replay("older") is None
    cache.keep("/a/", 2, PageAnswer.of(b"a2"))  # the page changed: its replays go with its old answer
    assert cache.replay("key") is None and cache.answer("/a/", 1) is None


def test_a_pages_replays_are_bounded_and_share_its_answers_body():
    cache = PageCache()
    body = b"x" * 1000
    cache.keep("/a/", 1, PageAnswer.of(body))
    for number in range(REPLAYS_PER_PAGE + 3):
        cache.keep_replay("/a/", 1, number, Replay("200 OK", (), bytes(bytearray(body))))  # a copy, as Flask's
    kept = [number for number in range(REPLAYS_PER_PAGE + 3) if cache.replay(number) is not None]
    assert kept == list(range(3, REPLAYS_PER_PAGE + 3)), "the oldest replays went first"
    replay = cache.replay(3)
    assert replay is not None and replay[2].body is cache.answer("/a/", 1).body  # type: ignore[union-attr]


@contextmanager
def flask_requests(app: Flask) -> Iterator[list[str]]:
    """The requests Flask itself handled while the block ran (the shortcut's answers never reach it)."""
    handled: list[str] = []
    with request_started.connected_to(lambda sender, **_: handled.append(flask_request.full_path), app):
        yield handled


def test_a_repeated_plain_read_is_answered_in_front_of_flask_with_flasks_own_answer(app, client):
    post(client)
    with flask_requests(app) as handled:
        first = client.get("/api/comments", query_string={"page": PAGE})
        again = client.get("/api/comments", query_string={"page": PAGE})
    assert len(handled) == 1, "the second read did not need Flask"
    assert (again.status, again.data) == (first.status, first.data)
    assert sorted(again.headers.items()) == sorted(first.headers.items())


def test_the_sites_origin_gets_its_cors_headers_and_other_origins_go_to_flask(app, client):
    post(client)
    for _ in range(2):
        own = client.get("/api/comments", query_string={"page": PAGE}, headers={"Origin": SITE_ORIGIN})
        assert own.headers["Access-Control-Allow-Origin"] == SITE_ORIGIN
    with flask_requests(app) as handled:
        for _ in range(2):
            other = client.get("/api/comments", query_string={"page": PAGE}, headers={"Origin": "https://evil.example"})
            assert "Access-Control-Allow-Origin" not in other.headers and other.data == own.data
    assert len(handled) == 2


def test_reads_with_other_parameters_go_to_flask(app, client):
    post(client)
    with flask_requests(app) as handled:
        for _ in range(2):
            assert client.get("/api/comments", query_string={"page": PAGE, "x": "1"}).status_code == 200
    assert len(handled) == 2


def test_a_revalidation_gets_flasks_304_in_front_of_flask_and_a_changed_page_its_new_answer(app, client):
    post(client, body="first")
    etag = client.get("/api/comments", query_string={"page": PAGE}).headers["ETag"]
    with flask_requests(app) as handled:
        first, again = (client.get("/api/comments", query_string={"page": PAGE}, headers={"If-None-Match": etag})
                        for _ in range(2))
    assert len(handled) == 1
    assert (first.status_code, again.status_code) == (304, 304) and again.data == b""
    assert sorted(again.headers.items()) == sorted(first.headers.items())
    post(client, body="second")
    changed = client.get("/api/comments", query_string={"page": PAGE}, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and len(changed.json["comments"]) == 2
