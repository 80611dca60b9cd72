"""What every visitor form does with the service's answers: focus on the first wrong field, no stale notice."""

from __future__ import annotations

import json

from playwright.sync_api import Page, Route, expect

from tests.browser.test_contact import CONTACT, fill_message


def answer_with(route: Route, status: int, error: dict, headers: dict | None = None) -> None:
    route.fulfill(status=status, content_type="application/json", headers=headers or {},
                  body=json.dumps({"error": error}))


def focused_id(tab: Page) -> str:
    return tab.evaluate("document.activeElement.id")


def test_focus_goes_to_the_first_wrong_field_in_the_forms_order(stack, page):
    fields = {"message": "Write a message.", "email": "Give an email address.", "name": "Give your name."}
    page.route("**/api/contact", lambda route: answer_with(route, 400, {
        "code": "invalid", "message": "Some fields need a look.", "fields": fields}))
    page.goto(stack.url(CONTACT))
    fill_message(page)
    expect(page.locator("#contact-message-error")).to_have_text("Write a message.")
    expect(page.locator("#contact-name")).to_be_focused()  # the answer named it last; the form shows it first
    assert page.locator('[aria-invalid="true"]').evaluate_all("fields => fields.map(f => f.id)") == [
        "contact-name", "contact-email", "contact-message"]


def test_a_refused_second_try_takes_the_first_tries_thank_you_away(stack, page):
    page.goto(stack.url(CONTACT))
    fill_message(page)
    sent = page.locator("#herald-contact-sent")
    expect(sent).to_be_visible()

    page.route("**/api/contact", lambda route: answer_with(
        route, 429, {"code": "rate_limited", "message": "Too many requests."}, {"Retry-After": "30"}))
    fill_message(page)
    expect(page.locator("#contact-form [data-form-error]")).to_contain_text("wait 30 seconds")
    expect(sent).to_be_hidden()

    page.unroute("**/api/contact")
    fill_message(page)
    expect(sent).to_be_visible()  # the next success shows it again
    expect(page.locator("#contact-form [data-form-error]")).to_be_empty()


def test_a_notice_from_a_post_without_javascript_goes_too(stack, page):
    page.route("**/api/contact", lambda route: answer_with(
        route, 429, {"code": "rate_limited", "message": "Too many requests."}, {"Retry-After": "5"}))
    page.goto(stack.url(CONTACT) + "?herald=contact-sent#herald-contact-sent")  # shown by :target, too
    sent = page.locator("#herald-contact-sent")
    expect(sent).to_be_visible()
    fill_message(page)
    expect(page.locator("#contact-form [data-form-error]")).to_contain_text("wait 5 seconds")
    expect(sent).to_be_hidden()
