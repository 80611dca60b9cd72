"""The sample site built without a service, as the Netlify example publishes it, in a real browser."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def test_contact_addresses_become_links_without_the_service_script(plain_site, page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(plain_site.url("/contact/"))
    for user in ("hello", "press", "volunteers"):
        address = f"{user}@cleanair.example.org"
        expect(page.locator(f'#contact a.email-address[href="mailto:{address}"]')).to_have_text(address)
    # The footer's address (site.yml's email account) is written the same way, and becomes a link here too.
    expect(page.locator('.social a.email-address[href="mailto:hello@cleanair.example.org"]')).to_have_count(1)
    expect(page.get_by_text("[at]")).to_have_count(0)
    assert "/static/addresses.js" in requested
    assert "/static/herald.js" not in requested and page.evaluate("window.Herald") is None
    screenshot(page, "contact-without-service")
