"""The admin dashboard in a real browser: sign in, approve a queued comment, see it on the post; the charts."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ADMIN_TOKEN, HeraldStack, screenshot, start_stack

POST = "/2026/03/14/why-we-started/"


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


def test_the_analytics_charts_draw_what_the_site_reported(stack, page):
    for path in ("/", "/", "/about/", POST):
        beacon = page.request.post(stack.url("/api/events"), headers={"Content-Type": "text/plain"},
                                   data=json.dumps({"type": "pageview", "path": path}))
        assert beacon.status == 204
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
