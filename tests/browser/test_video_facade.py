"""The YouTube post in Chromium: nothing leaves the site until the visitor presses play, and then only a request
to www.youtube-nocookie.com; the button works from the keyboard and hands the focus to the player; without
JavaScript the reader gets the link to the video instead of a button that does nothing."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, Route

from tests.browser.axe import axe_violations, report
from tests.browser.conftest import ServedSite

POST = "/2026/06/10/school-street-film/"
TITLE = "A morning at the Millbrook school gate"
PLAYER_HOST = "www.youtube-nocookie.com"


def open_post(tab: Page, site: ServedSite) -> list[Request]:
    """Load the post recording every request; requests off the site are answered here, not by the network."""
    requests: list[Request] = []
    tab.on("request", lambda request: requests.append(request))
    tab.route(lambda url: not url.startswith(site.origin), _answer_offline)
    tab.goto(site.url(POST), wait_until="networkidle")
    return requests


def _answer_offline(route: Route) -> None:
    if urlsplit(route.request.url).hostname == PLAYER_HOST:
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>player</title>")
    else:
        route.abort()


def hosts_off_the_site(requests: list[Request], site: ServedSite) -> list[str]:
    own = urlsplit(site.origin).netloc
    return [urlsplit(request.url).netloc for request in requests
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != own]


def test_nothing_leaves_the_site_until_play_is_pressed(page: Page, plain_site: ServedSite) -> None:
    requests = open_post(page, plain_site)
    assert hosts_off_the_site(requests, plain_site) == []
    assert any(request.url.endswith(".jpg") and "/video-posters/" in request.url for request in requests)
    before = len(requests)
    page.get_by_role("button", name=f"Play: {TITLE}").click()
    frame = page.locator("figure.video-facade iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == f"https://{PLAYER_HOST}/embed/aqz-KE-bpKQ?autoplay=1"
    page.wait_for_load_state("networkidle")
    after = hosts_off_the_site(requests[before:], plain_site)
    assert after and set(after) == {PLAYER_HOST}


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_the_keyboard_plays_the_video_and_the_focus_goes_to_the_player(
    page: Page, plain_site: ServedSite, key: str
) -> None:
    open_post(page, plain_site)
    button = page.get_by_role("button", name=f"Play: {TITLE}")
    button.focus()
    page.keyboard.press(key)
    page.locator("figure.video-facade iframe").wait_for()
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert page.evaluate("document.activeElement.title") == TITLE
    assert page.get_by_role("button", name=f"Play: {TITLE}").count() == 0


def test_without_javascript_the_reader_gets_the_link(page_without_javascript: Page, plain_site: ServedSite) -> None:
    tab = page_without_javascript
    open_post(tab, plain_site)
    assert tab.get_by_role("button", name=f"Play: {TITLE}").count() == 0  # hidden: it would do nothing
    link = tab.get_by_role("link", name=TITLE)
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    assert link.is_visible()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_button_is_one_short_line_that_leaves_the_poster_seen(page: Page, plain_site: ServedSite, width: int):
    page.set_viewport_size({"width": width, "height": 800})
    open_post(page, plain_site)
    button = page.get_by_role("button", name=f"Play: {TITLE}").bounding_box()
    poster = page.locator("figure.video-facade img.video-poster").bounding_box()
    assert button and poster
    assert button["height"] < 60  # one line at any width
    assert button["width"] * button["height"] < poster["width"] * poster["height"] / 10


@pytest.mark.parametrize("path", [POST, "/fr" + POST, "/2026/06/18/sensor-timelapse/"])
def test_axe_finds_nothing_on_the_video_posts(page: Page, plain_site: ServedSite, axe_script: str, path: str) -> None:
    page.route(lambda url: not url.startswith(plain_site.origin), _answer_offline)
    page.goto(plain_site.url(path), wait_until="networkidle")
    found = axe_violations(page, axe_script)
    assert not found, report(path, found)
