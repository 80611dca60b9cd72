"""A process's kept page answers are never stale and never another page's: every write to a page's comments,
from this process, another one or plain SQL, shows in the very next read of that page; and the answers given
in front of Flask are Flask's own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, request_started
from flask import request as flask_request
from sqlalchemy import text

from service.comments.page_cache import PageAnswer, PageAnswers
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
    answers = PageAnswers(size=2)
    answers.put("/a/", 1, PageAnswer.of(b"a1"))
    answers.put("/b/", None, PageAnswer.of(b"b"))
    assert answers.get("/a/") == (1, PageAnswer.of(b"a1"))  # /a/ is now the most recently read
    answers.put("/c/", 7, PageAnswer.of(b"c"))
    assert answers.get("/b/") is None
    assert answers.get("/a/") is not None and answers.get("/c/") == (7, PageAnswer.of(b"c"))


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
