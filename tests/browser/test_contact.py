"""The contact page in a real browser: addresses people can use, a form routed by topic, errors and a confirmation."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot

CONTACT = "/contact/"


def fill_message(tab, topic: str = "Press and media", email: str = "gita@example.net") -> None:  # type: ignore[no-untyped-def]
    form = tab.locator("#contact-form")
    form.get_by_label("Topic").select_option(label=topic)
    form.get_by_label("Your name").fill("Gita")
    form.get_by_label("Your email").fill(email)
    form.get_by_label("Subject").fill("Interview about the school streets")
    form.get_by_label("Message").fill("Could someone talk to our radio show on Friday?")
    form.get_by_role("button", name="Send message").click()


def test_addresses_are_links_for_people_but_not_in_the_html(stack, page):
    page.goto(stack.url(CONTACT))
    expect(page.locator('a[href="mailto:press@cleanair.example.org"]')).to_have_text("press@cleanair.example.org")
    html = page.request.get(stack.url(CONTACT)).text()
    assert "@cleanair.example.org" not in html and "press [at] cleanair.example.org" in html


def test_a_message_reaches_the_topics_address(stack, page):
    page.goto(stack.url(CONTACT))
    fill_message(page)
    expect(page.locator("#herald-contact-sent")).to_be_visible()
    expect(page.locator("#contact-message")).to_have_value("")
    [received] = stack.smtp.wait_for(1)
    assert received.rcpt_tos == ["press@cleanair.example.org"]
    assert "radio show" in received.mail.get_body(preferencelist=("plain",)).get_content()
    screenshot(page, "contact")


def test_errors_show_next_to_the_fields(stack, page):
    page.goto(stack.url(CONTACT))
    fill_message(page, email="not an address")
    expect(page.locator("#contact-email-error")).not_to_be_empty()
    expect(page.locator("#contact-email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#herald-contact-sent")).to_be_hidden()
    screenshot(page, "contact-errors")


def test_without_javascript_the_form_sends_and_confirms(stack, page_without_javascript):
    tab = page_without_javascript
    tab.goto(stack.url(CONTACT))
    expect(tab.get_by_text("volunteers [at] cleanair.example.org")).to_be_visible()
    before = len(stack.smtp.received)
    fill_message(tab, topic="Volunteering")
    expect(tab).to_have_url(stack.url(CONTACT) + "?herald=contact-sent#herald-contact-sent")
    expect(tab.locator("#herald-contact-sent")).to_be_visible()
    received = stack.smtp.wait_for(before + 1)
    assert received[-1].rcpt_tos == ["volunteers@cleanair.example.org"]
