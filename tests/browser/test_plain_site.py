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


FOOTER_LINE_MIDDLES = """() => {
  const middle = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    return box.top + box.height / 2;
  };
  const list = document.querySelector(".social");
  const email = [...list.children].find((item) => item.querySelector(".email-address"));
  return [middle(email.firstChild), middle(list.querySelector("a[rel=me]"))];
}"""


def test_the_footer_email_sits_on_the_line_of_the_account_links(plain_site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in ("/", "/contact/"):  # the address as text, and made a link by addresses.js
        page.goto(plain_site.url(path))
        email, account = page.evaluate(FOOTER_LINE_MIDDLES)
        assert abs(email - account) < 2, (path, email, account)
