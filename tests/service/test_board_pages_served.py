"""The board as plain HTML pages (/board/threads/): listing, one thread, and forms that work without scripts."""

from __future__ import annotations

import re

from tests.service.conftest import SITE_ORIGIN


def start_thread(client, title="Street trees", body="Plant *more*?"):
    response = client.post("/api/board/threads", json={"title": title, "author": "Ben", "body": body})
    assert response.status_code == 201, response.json
    return response.json


def test_the_list_shows_threads_with_the_new_thread_form(client):
    thread = start_thread(client, title="Trees & <i>shade</i>")
    page = client.get("/board/threads/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.text
    assert f'href="/board/threads/{thread["id"]}/"' in html
    assert "Trees &amp; &lt;i&gt;shade&lt;/i&gt;" in html and "<i>shade" not in html
    assert '<form method="post" action="/api/board/threads">' in html
    assert all(f'name="{name}"' in html for name in ("title", "author", "email", "body"))
    assert 'name="phone" type="text" tabindex="-1" autocomplete="off"' in html
    assert 'class="honeypot" aria-hidden="true"' in html


def test_the_pages_look_like_the_site(client):
    html = client.get("/board/threads/").text
    assert f'<link rel="stylesheet" href="{SITE_ORIGIN}/static/theme.css">' in html
    assert '<link rel="stylesheet" href="/board/threads/service.css">' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    with client.get("/board/threads/service.css") as stylesheet:
        assert stylesheet.mimetype == "text/css" and b".chart-bar" in stylesheet.data


def test_the_site_title_shows_when_configured(make_app):
    html = make_app(HERALD_SITE_TITLE="Clean Air Now").test_client().get("/board/threads/").text
    assert '<a class="site-title" href="https://site.example.org/">Clean Air Now</a>' in html


def test_a_thread_page_shows_its_posts_and_the_reply_form(client):
    thread = start_thread(client)
    client.post(f"/api/board/threads/{thread['id']}/posts", json={"author": "Cy", "body": "<script>x</script>Yes"})
    html = client.get(f"/board/threads/{thread['id']}/").text
    assert "<h1>Street trees</h1>" in html and "<em>more</em>" in html
    assert "<script>x" not in html and "Yes" in html
    assert f'action="/api/board/threads/{thread["id"]}/posts"' in html


def test_a_form_post_comes_back_to_the_page_with_a_notice(client):
    response = client.post("/api/board/threads", data={"title": "Buses", "author": "Di", "body": "More of them"},
                           headers={"Referer": "http://localhost/board/threads/"})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("http://localhost/board/threads/?herald=board-posted")
    html = client.get("/board/threads/?herald=board-posted").text
    assert "Thanks, your post is on the board." in html and "Buses" in html


def test_a_queued_post_says_it_waits(make_app):
    client = make_app(HERALD_MODERATION="queue").test_client()
    html = client.get("/board/threads/?herald=board-queued").text
    assert "once a moderator has read it" in html and "No threads yet" in html


def test_an_unknown_notice_shows_nothing(client):
    assert 'class="notice"' not in client.get("/board/threads/?herald=<b>hi</b>").text


def test_threads_are_paginated(client):
    for number in range(3):
        start_thread(client, title=f"Thread {number}")
    first = client.get("/board/threads/?per_page=2").text
    assert "Page 1 of 2" in first and "Thread 2" in first and "Thread 0" not in first
    second = client.get("/board/threads/?per_page=2&page=2").text
    assert "Thread 0" in second and 'rel="prev"' in second


def test_a_locked_thread_takes_no_replies(client, admin_headers):
    thread = start_thread(client)
    client.post(f"/api/admin/board/threads/{thread['id']}/lock", headers=admin_headers)
    html = client.get(f"/board/threads/{thread['id']}/").text
    assert "locked and takes no new replies" in html and "/posts" not in html


def test_missing_threads_and_bad_pages_are_html_errors(client):
    missing = client.get("/board/threads/999/")
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    assert "There is no thread 999" in missing.text
    bad = client.get("/board/threads/?page=zero")
    assert bad.status_code == 400 and "Use a whole number" in bad.text


def test_board_pages_carry_the_page_policy(client):
    policy = client.get("/board/threads/").headers["Content-Security-Policy"]
    assert re.search(r"form-action 'self' https://site\.example\.org", policy)
    assert "script-src" not in policy and "default-src 'self'" in policy


def test_the_pages_over_real_http(live_service):
    import requests

    assert requests.get(f"{live_service.url}/board/threads/", timeout=5).status_code == 200
