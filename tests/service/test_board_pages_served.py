"""The board as plain HTML pages (/board/threads/): listing, one thread, and forms that work without scripts."""

from __future__ import annotations

import re

import lxml.html

from service.http.posted_fields import HONEYPOT_FIELD
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
    [form] = lxml.html.fromstring(html).xpath('//form[@id="thread-form"]')
    assert (form.get("method"), form.get("action")) == ("post", "/api/board/threads")
    assert [field.get("name") for field in form.xpath(".//input|.//textarea")] == [
        "title", "body", "author", "email", HONEYPOT_FIELD, "lang"]  # the site's order; the honeypot is the service's
    [honeypot] = form.xpath(f'.//input[@name="{HONEYPOT_FIELD}"]')
    assert honeypot.get("tabindex") == "-1" and honeypot.getparent().get("class") == "honeypot"


def test_the_pages_link_the_services_own_stylesheet_after_the_sites(client):
    page = lxml.html.fromstring(client.get("/board/threads/").text)
    stylesheets = page.xpath('//link[@rel="stylesheet"]/@href')
    assert stylesheets[0].startswith(f"{SITE_ORIGIN}/static/theme.css?v=")
    assert stylesheets[-1] == "/board/threads/service.css"
    with client.get("/board/threads/service.css") as stylesheet:
        assert stylesheet.mimetype == "text/css" and b".chart-bar" in stylesheet.data


def test_without_the_sites_shell_the_pages_show_the_site_title(make_app, tmp_path):
    client = make_app(HERALD_SITE_TITLE="Clean Air Now", HERALD_SITE_SHELL=str(tmp_path / "missing.html")).test_client()
    page = lxml.html.fromstring(client.get("/board/threads/").text)
    assert page.xpath("string(//title)") == "Board · Clean Air Now"
    [title] = page.xpath('//a[@class="site-title"]')
    assert (title.get("href"), title.text) == ("https://site.example.org/", "Clean Air Now")
    assert page.xpath('//body[@class="herald-plain"]')


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
    assert shown_notices(html) == ["Thank you, your post is on the board."] and "Buses" in html
    assert "waits for a moderator" not in html  # the other notice is not even there, should CSS not load


def shown_notices(html: str) -> list[str]:
    return [notice.text_content() for notice in lxml.html.fromstring(html).xpath('//*[contains(@class, "is-shown")]')]


def test_a_queued_post_says_it_waits(make_app):
    client = make_app(HERALD_MODERATION="queue").test_client()
    html = client.get("/board/threads/?herald=board-queued").text
    assert shown_notices(html) == ["Thank you! Your post waits for a moderator and appears once approved."]
    assert "No threads yet" in html


def test_an_unknown_notice_shows_nothing(client):
    html = client.get("/board/threads/?herald=<b>hi</b>").text
    assert shown_notices(html) == [] and "<b>hi" not in html


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
    assert "This thread is locked: it takes no new replies." in html and "/posts" not in html


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
