"""What a screen reader needs beyond the pixels: every form field has a label, errors and thanks land in live
regions (an alert for errors, a polite status for notices) on the comments, contact and board forms, and the
dashboard's charts have a text alternative with their numbers beside them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, expect

from tests.browser.page_types import PageType, opened, seeded_kinds

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
    return seeded_kinds(stack, browser)


@pytest.mark.parametrize("kind_name", FORMS_ON)
def test_every_field_of_every_form_has_a_label(stack, browser, kinds, kind_name):
    by_name, session = kinds
    with opened(browser, stack, by_name[kind_name], session) as tab:
        fields = tab.evaluate(FIELD_NAMES)
    assert fields, f"{kind_name} has no form field"
    assert [html for html, name in fields if not name] == []


@dataclass(frozen=True)
class VisitorForm:
    """A form a visitor sends: where, what is in it on a refused try and on a good one, and what thanks for it."""

    path: str
    form: str
    button: str
    refused: dict[str, str]  # fields by their label, filled for a try the service refuses
    fields_to_correct: int
    accepted: dict[str, str]  # then these, for a try it takes
    notice: str
    thanks: str
    focused_after: str  # where the focus is then


VISITOR_FORMS = {
    "comment": VisitorForm("/2026/03/14/why-we-started/", "#comment-form", "Post comment", {}, 2,
                           {"Comment": "Heard, loud and clear.", "Name": "Lou"}, "comment-posted",
                           "Thank you, your comment is published.", ".comment:has-text('Heard, loud and clear.')"),
    "contact": VisitorForm("/contact/", "#contact-form", "Send message", {"Your email": "no address"}, 3,
                           {"Your name": "Lou", "Your email": "lou@example.net", "Message": "Count me in."},
                           "contact-sent", "Thank you, your message is on its way.", "#herald-contact-sent"),
    "board": VisitorForm("/board/", "#thread-form", "Start thread", {"Title": "Bike racks by the school?"}, 2,
                         {"Message": "Fewer cars at the gate.", "Name": "Lou"}, "board-posted",
                         "Thank you, your post is on the board.", "[data-thread-title]"),  # the new thread, opened
    "board reply": VisitorForm("/board/#thread-1", "#reply-form", "Post reply", {}, 2,  # the seeded thread
                               {"Message": "Yes, covered ones.", "Name": "Mo"}, "board-posted",
                               "Thank you, your post is on the board.", "#reply-form [type=submit]"),
}


@pytest.mark.parametrize("name", list(VISITOR_FORMS))
def test_errors_are_alerted_and_the_thanks_is_a_polite_status(stack, kinds, page, name):
    visitor = VISITOR_FORMS[name]
    page.goto(stack.url(visitor.path))
    form = page.locator(visitor.form)
    notice = page.locator(f"#herald-{visitor.notice}")
    expect(notice).to_be_hidden()
    alert = send(form, visitor.button, visitor.refused)
    expect(alert).to_have_text(f"Please correct the {visitor.fields_to_correct} fields marked above.")
    expect(form.locator('[aria-invalid="true"]').first).to_be_focused()

    send(form, visitor.button, visitor.accepted)
    expect(notice).to_have_attribute("role", "status")
    expect(notice).to_have_attribute("aria-live", "polite")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(visitor.thanks)
    expect(alert).to_be_empty()
    expect(page.locator(visitor.focused_after)).to_be_focused()


def send(form: Locator, button: str, fields: dict[str, str]) -> Locator:
    """Fill `fields` by their labels and press `button`; the form's error region: an alert, there from the start
    (not only once it has text), so that a screen reader hears what lands in it."""
    alert = form.locator("[data-form-error]")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_be_attached()
    for label, value in fields.items():
        form.get_by_label(label, exact=True).fill(value)
    form.get_by_role("button", name=button).click()
    return alert


def test_each_chart_has_a_text_alternative_and_its_numbers_beside_it(stack, browser, kinds, page):
    for path in ("/", "/", "/about/"):
        beacon = page.request.post(stack.url("/api/events"), headers={"Content-Type": "text/plain"},
                                   data=json.dumps({"type": "pageview", "path": path}))
        assert beacon.status == 204
    by_name, session = kinds
    with opened(browser, stack, by_name["dashboard analytics"], session) as tab:
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
