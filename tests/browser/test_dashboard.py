"""The admin dashboard in a real browser: sign in, approve a queued comment, see it on the post; the charts."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ADMIN_TOKEN, DESKTOP_USER_AGENT, HeraldStack, screenshot, start_stack

POST = "/2026/03/14/why-we-started/"
LONG_PATH = "/2026/10/28/wood-stoves-and-winter-air/"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeraldStack]:
    """A stack whose comments and board posts wait for the admin's approval."""
    yield from start_stack(tmp_path_factory.mktemp("moderated"), HERALD_MODERATION="queue")


def sign_in(stack: HeraldStack, tab: Page, path: str = "/admin/") -> None:
    tab.goto(stack.url(path))
    expect(tab.get_by_role("heading", name="Dashboard sign-in")).to_be_visible()
    tab.get_by_label("Admin token").fill(ADMIN_TOKEN)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(stack.url(path))


def test_an_admin_approves_a_queued_comment_and_it_shows_on_the_post(stack, page):
    posted = page.request.post(stack.url("/api/comments"), data={
        "page": POST, "author": "Dana <dana>", "email": "dana@example.org",
        "body": "Please publish the **school gate** readings <script>alert(1)</script>"})
    assert posted.status == 201 and posted.json()["status"] == "pending"

    sign_in(stack, page)
    item = page.locator(f"#comment-{posted.json()['id']}")
    expect(item).to_contain_text("Dana <dana>")  # shown as text, not markup
    expect(item.locator(".rendered strong")).to_have_text("school gate")
    expect(item.locator(".rendered script")).to_have_count(0)
    expect(item.get_by_role("link", name=POST)).to_have_attribute("href", stack.url(POST))
    screenshot(page, "dashboard-queue")

    item.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("approved")
    expect(page.get_by_text("No comments waiting.")).to_be_visible()

    comments = page.request.get(stack.url(f"/api/comments?page={POST}")).json()["comments"]
    assert [comment["author"] for comment in comments] == ["Dana <dana>"]
    page.goto(stack.url(POST))
    expect(page.locator(".comment", has_text="school gate readings")).to_be_visible()


def page_view(stack: HeraldStack, tab: Page, path: str) -> None:
    beacon = tab.request.post(stack.url("/api/events"), headers={"Content-Type": "text/plain"},
                              data=json.dumps({"type": "pageview", "path": path}))
    assert beacon.status == 204


def test_the_analytics_charts_draw_what_the_site_reported(stack, page):
    for path in ("/", "/", "/about/", POST):
        page_view(stack, page, path)
    page.request.post(stack.url("/api/events"), headers={"Content-Type": "text/plain"},
                      data=json.dumps({"type": "click", "path": "/", "label": "Donate"}))

    sign_in(stack, page, "/admin/analytics")
    views = page.locator("svg#chart-views")
    expect(views).to_be_visible()
    expect(views.locator("circle")).to_have_count(30)
    expect(page.locator("svg#chart-pages rect.chart-bar")).to_have_count(3)
    expect(page.locator("svg#chart-pages .chart-number").first).to_have_text("2")
    expect(page.locator("svg#chart-buttons .chart-label")).to_have_text(["Donate"])
    box = views.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 200  # drawn at a readable size
    screenshot(page, "dashboard-analytics")


def test_the_outbox_lists_a_contact_message(stack, page):
    sent = page.request.post(stack.url("/api/contact"), data={
        "name": "Eli", "email": "eli@example.org", "subject": "Volunteering", "message": "I can help on Saturdays."})
    assert sent.status == 202
    sign_in(stack, page, "/admin/outbox")
    item = page.locator(f"#message-{sent.json()['id']}")
    expect(item).to_contain_text("I can help on Saturdays.")
    screenshot(page, "dashboard-outbox")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Dashboard sign-in")).to_be_visible()


def box(locator) -> dict[str, float]:  # type: ignore[no-untyped-def]
    found = locator.bounding_box()
    assert found, locator
    return found


def test_on_a_phone_the_charts_text_stays_readable_and_long_labels_keep_their_start(stack, browser):
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, viewport={"width": 360, "height": 800})
    tab = context.new_page()
    for path in (LONG_PATH, LONG_PATH, "/about/"):
        page_view(stack, tab, path)
    sign_in(stack, tab, "/admin/analytics")

    # The size text is drawn at: its font size, times how much its chart is scaled (1 without a viewBox).
    sizes = tab.evaluate("""[...document.querySelectorAll('svg.chart text')]
        .filter(text => text.getBoundingClientRect().width > 0)
        .map(text => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)""")
    assert len(sizes) > 10 and min(sizes) >= 11, sizes

    chart = tab.locator("svg#chart-pages")
    row = chart.locator(".chart-row", has_text="winter-air")
    label, number = row.locator(".chart-label"), row.locator(".chart-number")
    expect(label).to_have_text("/2026/10/28/wood-s…d-winter-air/")  # the start and the end, the middle cut
    assert box(chart)["x"] <= box(label)["x"]
    assert box(label)["x"] + box(label)["width"] < box(number)["x"]  # beside its number, not under it
    assert box(number)["x"] + box(number)["width"] <= box(chart)["x"] + box(chart)["width"] + 1

    day_labels = tab.evaluate("""[...document.querySelectorAll('svg#chart-views text')]
        .filter(text => /^\\d+ [A-Z][a-z]{2}$/.test(text.textContent))
        .map(text => text.getBoundingClientRect()).filter(box => box.width > 0)
        .map(box => [box.left, box.right])""")  # the days under the line that show at this width
    assert len(day_labels) >= 3 and all(left[1] < right[0] for left, right in zip(day_labels, day_labels[1:]))
    screenshot(tab, "dashboard-analytics-360px")
    context.close()
