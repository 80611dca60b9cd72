"""Analytics from a real browser: a page view and a tracked button press reach the service; nothing else leaves."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from playwright.sync_api import Page

from tests.browser.conftest import ADMIN_TOKEN, DESKTOP_USER_AGENT, HeraldStack

ABOUT = "/about/"
DONATE_PAGE = "https://donate.example.org/cleanairnow"


def analytics(stack: HeraldStack, tab: Page, report: str) -> dict:
    answer = tab.request.get(stack.url(f"/api/analytics/{report}"), headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert answer.status == 200, answer.text()
    return answer.json()


def eventually(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Beacons are sent in the background: poll until `check` holds or the time is up."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def counts(stack: HeraldStack, tab: Page, report: str, key: str) -> dict[str, int]:
    return {row[key]: row["count"] for row in analytics(stack, tab, report)[f"by_{key}"]}


def test_a_page_view_and_a_donate_press_reach_the_analytics(stack, page):
    page.route(f"{DONATE_PAGE}*", lambda route: route.fulfill(body="Thank you for giving", content_type="text/plain"))
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(stack.url(ABOUT))
    assert eventually(lambda: counts(stack, page, "page_views", "path").get(ABOUT) == 1)

    hosts.clear()
    page.get_by_role("link", name="Donate to Clean Air Now").click()
    page.wait_for_url(DONATE_PAGE)
    assert eventually(lambda: counts(stack, page, "button_press", "label").get("donate") == 1)
    assert page.context.cookies() == []
    assert hosts <= {urlsplit(stack.origin).netloc, "donate.example.org"}  # the beacon went to our own service


def test_every_request_stays_on_the_site_and_its_service(stack, page):
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    for path in ("/", "/2026/03/14/why-we-started/", "/board/", "/contact/"):
        page.goto(stack.url(path))
        page.wait_for_load_state("networkidle")
    assert hosts == {urlsplit(stack.origin).netloc}
    assert page.context.cookies() == []


def test_global_privacy_control_and_do_not_track_send_nothing(stack, browser):
    for flag in ("globalPrivacyControl", "doNotTrack"):
        context = browser.new_context(user_agent=DESKTOP_USER_AGENT)
        value = "true" if flag == "globalPrivacyControl" else '"1"'
        context.add_init_script(f"Object.defineProperty(Navigator.prototype, '{flag}', {{get: () => {value}}});")
        tab = context.new_page()
        beacons: list[str] = []
        tab.on("request", lambda request: beacons.append(request.url) if "/api/events" in request.url else None)
        tab.goto(stack.url("/2026/03/14/why-we-started/"))
        tab.evaluate("document.addEventListener('click', event => event.preventDefault())")  # stay on the page
        tab.locator('[data-track="share-email"]').click()
        tab.wait_for_load_state("networkidle")
        assert beacons == [], flag
        context.close()
