"""What a screen reader needs beyond the pixels: every form field has a label, errors and thanks land in live
regions (an alert for errors, a polite status for notices) on the comments, contact and board forms, and the
dashboard's charts have a text alternative with their numbers beside them."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.page_types import PageType, admin_session, fresh_context, page_types, seed

FORMS_ON = ["post with comments", "contact", "board page", "board", "board thread", "dashboard sign-in",
            "dashboard analytics"]

# Each field a visitor can fill in (not the hidden ones), with the text that names it: its <label>s', else its
# aria-label or the element aria-labelledby points at.
FIELD_NAMES = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].map(field => {
  const labelled = (field.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
    .map(id => document.getElementById(id)?.textContent || '');
  const names = [...field.labels].map(label => label.textContent).concat(field.getAttribute('aria-label') || '', labelled);
  return [field.outerHTML.slice(0, 100), names.join(' ').trim()];
})"""


@pytest.fixture(scope="module")
def kinds(stack, browser) -> tuple[dict[str, PageType], dict]:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    thread = seed(stack, context)
    context.close()
    return {kind.name: kind for kind in page_types(thread)}, admin_session(browser, stack)


@pytest.mark.parametrize("kind_name", FORMS_ON)
def test_every_field_of_every_form_has_a_label(stack, browser, kinds, kind_name):
    by_name, session = kinds
    kind = by_name[kind_name]
    with fresh_context(browser, kind, session) as context:
        tab = context.new_page()
        tab.goto(kind.url(stack), wait_until="networkidle")
        fields = tab.evaluate(FIELD_NAMES)
    assert fields, f"{kind.name} has no form field"
    assert [html for html, name in fields if not name] == []


def alert_of(form: Locator) -> Locator:
    """The form's error region: an alert (assertive), there from the start so a screen reader hears what lands in it."""
    alert = form.locator("[data-form-error]")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_be_attached()
    return alert


def expect_notice(tab: Page, code: str, text: str) -> None:
    """The notice `code` is shown with `text`, in a polite live region."""
    notice = tab.locator(f"#herald-{code}")
    expect(notice).to_have_attribute("role", "status")
    expect(notice).to_have_attribute("aria-live", "polite")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(text)


def test_comment_errors_are_alerted_and_the_thanks_is_a_polite_status(stack, page):
    page.goto(stack.url("/2026/03/14/why-we-started/"))
    form = page.locator("#comment-form")
    alert = alert_of(form)
    expect(page.locator("#herald-comment-posted")).to_be_hidden()
    form.get_by_role("button", name="Post comment").click()
    expect(alert).to_have_text("Please correct the 2 fields marked above.")
    expect(form.get_by_label("Comment")).to_be_focused()

    form.get_by_label("Comment").fill("Heard, loud and clear.")
    form.get_by_label("Name", exact=True).fill("Lou")
    form.get_by_role("button", name="Post comment").click()
    expect_notice(page, "comment-posted", "Thank you, your comment is published.")
    expect(alert).to_be_empty()
    expect(page.locator(".comment", has_text="Heard, loud and clear.")).to_be_focused()


def test_contact_errors_are_alerted_and_the_thanks_is_a_polite_status(stack, page):
    page.goto(stack.url("/contact/"))
    form = page.locator("#contact-form")
    alert = alert_of(form)
    form.get_by_label("Your email").fill("no address")
    form.get_by_role("button", name="Send message").click()
    expect(alert).to_have_text("Please correct the 3 fields marked above.")

    form.get_by_label("Your name").fill("Lou")
    form.get_by_label("Your email").fill("lou@example.net")
    form.get_by_label("Message").fill("Count me in for Saturday.")
    form.get_by_role("button", name="Send message").click()
    expect_notice(page, "contact-sent", "Thank you, your message is on its way.")
    expect(page.locator("#herald-contact-sent")).to_be_focused()
    expect(alert).to_be_empty()


def test_board_errors_are_alerted_and_the_thanks_is_a_polite_status(stack, page):
    page.goto(stack.url("/board/"))
    form = page.locator("#thread-form")
    alert = alert_of(form)
    form.get_by_label("Title").fill("Bike racks by the school?")
    form.get_by_role("button", name="Start thread").click()
    expect(alert).to_have_text("Please correct the 2 fields marked above.")

    form.get_by_label("Message").fill("Fewer cars at the gate if children can cycle.")
    form.get_by_label("Name", exact=True).fill("Lou")
    form.get_by_role("button", name="Start thread").click()
    expect_notice(page, "board-posted", "Thank you, your post is on the board.")
    expect(page.locator("[data-thread-title]")).to_be_focused()  # the new thread, opened

    reply = page.locator("#reply-form")
    reply.get_by_role("button", name="Post reply").click()
    expect(alert_of(reply)).to_have_text("Please correct the 2 fields marked above.")
    reply.get_by_label("Message").fill("Yes, covered ones.")
    reply.get_by_label("Name", exact=True).fill("Mo")
    reply.get_by_role("button", name="Post reply").click()
    expect(page.locator(".board-post", has_text="covered ones")).to_be_visible()
    expect_notice(page, "board-posted", "Thank you, your post is on the board.")


def test_each_chart_has_a_text_alternative_and_its_numbers_beside_it(stack, browser, kinds):
    by_name, session = kinds
    kind = by_name["dashboard analytics"]
    with fresh_context(browser, kind, session) as context:
        tab = context.new_page()
        for path in ("/", "/", "/about/"):
            beacon = tab.request.post(stack.url("/api/events"), headers={"Content-Type": "text/plain"},
                                      data=json.dumps({"type": "pageview", "path": path}))
            assert beacon.status == 204
        tab.goto(kind.url(stack))
        expect(tab.locator("svg.chart")).to_have_count(len(CHARTS))
        for chart_id, (name, description) in CHARTS.items():
            chart = tab.locator(f"svg#{chart_id}")
            expect(chart).to_have_attribute("role", "img")
            expect(chart).to_have_accessible_name(re.compile(rf"^{name}, \d+ \w+ to \d+ \w+$"))
            expect(chart).to_have_accessible_description(description)
            expect(tab.locator(f".chart-panel:has(#{chart_id}) .chart-data table caption")).not_to_be_empty()


# Each chart's accessible name (its title; the range of days follows) and description: what it shows, in numbers
# (the tests before this one visited pages too, each a page view).
CHARTS = {
    "chart-views": ("Page views per day", re.compile(r"^\d+ page views in all over 30 entries; the most, \d+, for \d+ \w+\.$")),
    "chart-pages": ("Most viewed pages", re.compile(r"^\d+ page views in all over \d+ entries; the most, \d+, for /\S*\.$")),
    "chart-buttons": ("Most pressed buttons", re.compile(r"^No presses in this range\.$|^\d+ presses in all")),
}
