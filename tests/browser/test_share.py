"""Sharing a post in Chromium: the share links ask nothing of another host until one is followed, and the site's
own Mastodon page sends the visitor to the server they name (checked as a host name), remembering it only when
they ask. Every request leaving the site is stopped and recorded, so nothing reaches a real host."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import screenshot

POST = "/2026/05/20/school-streets-results/"
SHARE_WORDS = "A third less fine particles at the school gate: our first term of school streets, measured."


def _record_leaving(page, origin: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every request for another origin, answered here by a blank page instead of the network."""
    left: list[str] = []

    def stop(route) -> None:  # type: ignore[no-untyped-def]
        left.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>elsewhere</title>")

    page.route(lambda url: not url.startswith(origin + "/"), stop)
    return left


def test_a_post_asks_nothing_of_another_host_until_a_link_is_followed(plain_site, page):
    left = _record_leaving(page, plain_site.origin)
    page.goto(plain_site.url(POST))
    expect(page.locator("footer.share a")).to_have_count(7)
    assert left == []
    page.locator("footer.share").get_by_role("link", name="Bluesky").click()
    page.wait_for_url("https://bsky.app/**")
    (request,) = left
    assert parse_qs(urlsplit(request).query) == {"text": [f"{SHARE_WORDS} {plain_site.url(POST)}"]}


def test_the_mastodon_page_sends_the_visitor_to_their_server(plain_site, page):
    left = _record_leaving(page, plain_site.origin)
    page.goto(plain_site.url(POST))
    page.locator("footer.share").get_by_role("link", name="Mastodon").click()
    page.wait_for_url("**/share/mastodon/**")
    text = page.get_by_label("What you will share")
    expect(text).to_have_value(f"{SHARE_WORDS} {plain_site.url(POST)}")
    expect(page.locator("#share-without-script")).to_be_hidden()
    server = page.get_by_label("Your Mastodon server")

    server.fill("not a server")
    page.get_by_role("button", name="Go to my server").click()
    expect(server).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#share-server-error")).to_have_text("“not a server” is not a server name.")
    screenshot(page, "share-mastodon-bad-server")
    assert left == [] and "/share/mastodon/" in page.url

    server.fill("@visitor@Social.Example.net")  # the visitor's own handle: its server is what counts
    page.get_by_role("button", name="Go to my server").click()
    page.wait_for_url("https://social.example.net/**")
    (request,) = left
    parts = urlsplit(request)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "social.example.net", "/share")
    assert parse_qs(parts.query) == {"text": [f"{SHARE_WORDS} {plain_site.url(POST)}"]}
    # A server on its own port is one too.
    page.go_back()
    page.get_by_label("Your Mastodon server").fill("mastodon.social:8443")
    page.get_by_role("button", name="Go to my server").click()
    page.wait_for_url("https://mastodon.social:8443/**")
    assert urlsplit(left[-1]).netloc == "mastodon.social:8443"
    # The box was not ticked: nothing is remembered.
    page.goto(plain_site.url("/share/mastodon/"))
    expect(page.get_by_label("Your Mastodon server")).to_have_value("")
    assert page.evaluate("window.localStorage.length") == 0


def test_the_server_is_remembered_only_when_the_visitor_asks(plain_site, page):
    left = _record_leaving(page, plain_site.origin)
    page.goto(plain_site.url("/share/mastodon/?text=Hello%20%26%20bye"))
    page.get_by_label("Your Mastodon server").fill("https://mastodon.example.org/@someone")
    page.get_by_label("Remember my server on this device").check()
    page.get_by_role("button", name="Go to my server").click()
    page.wait_for_url("https://mastodon.example.org/**")
    assert parse_qs(urlsplit(left[-1]).query) == {"text": ["Hello & bye"]}

    page.goto(plain_site.url("/share/mastodon/?text=Again"))
    expect(page.get_by_label("Your Mastodon server")).to_have_value("mastodon.example.org")
    expect(page.get_by_label("Remember my server on this device")).to_be_checked()
    page.get_by_label("Remember my server on this device").uncheck()
    page.get_by_role("button", name="Go to my server").click()
    page.wait_for_url("https://mastodon.example.org/**")
    page.goto(plain_site.url("/share/mastodon/"))
    expect(page.get_by_label("Your Mastodon server")).to_have_value("")
    assert len(left) == 2


def test_without_javascript_the_page_says_what_to_do_and_nothing_leaves(plain_site, page_without_javascript):
    page = page_without_javascript
    left = _record_leaving(page, plain_site.origin)
    page.goto(plain_site.url("/share/mastodon/?text=Hello"))
    expect(page.get_by_text("This page needs JavaScript to send you to your server.")).to_be_visible()
    page.get_by_label("Your Mastodon server").fill("mastodon.example.org")
    page.get_by_label("What you will share").fill("Hello")
    page.get_by_role("button", name="Go to my server").click()
    page.wait_for_load_state()
    assert left == [] and urlsplit(page.url).path == "/share/mastodon/"
