"""Form posts refused with 400, 413 or 429 get an HTML page listing each problem; JSON clients still get JSON."""

from __future__ import annotations

import pytest

from tests.service.conftest import SITE_ORIGIN

BOARD_PAGE = f"{SITE_ORIGIN}/board/"


def test_a_form_post_with_wrong_fields_gets_a_page_with_every_problem(client):
    response = client.post("/api/board/threads", data={"title": "", "author": "Ann", "body": "",
                                                       "email": "not-an-email"}, headers={"Referer": BOARD_PAGE})
    assert response.status_code == 400 and response.mimetype == "text/html"
    html = response.text
    problems = html.split('class="field-problems"')[1].split("</ul>")[0]
    assert "<strong>Title</strong>: Required." in problems and "<strong>Message</strong>: Required." in problems
    assert "<strong>Email</strong>:" in problems and "Name" not in problems  # the name given was fine
    assert f'<a class="button" href="{BOARD_PAGE}">Back to the page</a>' in html
    assert "style-src 'self' " + SITE_ORIGIN in response.headers["Content-Security-Policy"]


def test_without_a_referer_the_way_back_is_the_sites_home(client):
    response = client.post("/api/comments", data={"page": "/x/"})
    assert response.status_code == 400
    assert f'<a class="button" href="{SITE_ORIGIN}/">' in response.text


def test_a_form_post_that_asks_for_json_gets_json(client):
    response = client.post("/api/board/threads", data={"title": ""}, headers={"Accept": "application/json"})
    assert response.status_code == 400 and response.json["error"]["fields"]["title"] == "Required."


def test_json_posts_get_json_errors(client):
    response = client.post("/api/board/threads", json={"title": ""}, headers={"Accept": "text/html"})
    assert response.status_code == 400 and response.json["error"]["code"] == "invalid"


def test_a_form_post_over_64_kb_gets_a_413_page(client):
    response = client.post("/api/contact", data={"message": "a" * 70_000}, headers={"Referer": f"{SITE_ORIGIN}/contact/"})
    assert response.status_code == 413 and response.mimetype == "text/html"
    assert "That was too much to send" in response.text


def test_a_burst_of_form_posts_gets_a_429_page_with_retry_after(make_app):
    client = make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_BOARD="1 per minute").test_client()
    fields = {"title": "Hi", "author": "Ann", "body": "Hello"}
    assert client.post("/api/board/threads", data=fields).status_code == 303
    refused = client.post("/api/board/threads", data=fields)
    assert refused.status_code == 429 and refused.mimetype == "text/html"
    assert "Too many posts in a short time" in refused.text and int(refused.headers["Retry-After"]) > 0


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"}])
def test_other_refusals_of_form_posts_stay_json(client, headers):
    response = client.post("/api/board/threads", data={"title": "x"}, headers=headers)
    assert response.status_code == 403 and response.json["error"]["code"] == "cross_site"
