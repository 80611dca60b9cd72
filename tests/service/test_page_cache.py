"""A process's kept page answers are never stale and never another page's: every write to a page's comments,
from this process, another one or plain SQL, shows in the very next read of that page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from service.comments.page_cache import PageAnswer, PageAnswers

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


def test_an_answer_holds_for_its_version_only_and_the_least_recently_read_page_goes_first():
    answers = PageAnswers(size=2)
    answers.put("/a/", 1, PageAnswer.of(b"a1"))
    answers.put("/b/", None, PageAnswer.of(b"b"))
    assert answers.get("/a/", 2) is None and answers.get("/b/", 1) is None
    assert answers.get("/a/", 1) == PageAnswer.of(b"a1")  # /a/ is now the most recently read
    answers.put("/c/", 7, PageAnswer.of(b"c"))
    assert answers.get("/b/", None) is None
    assert answers.get("/a/", 1) is not None and answers.get("/c/", 7) is not None
