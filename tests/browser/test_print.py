"""A post on paper (the theme's print styles, in Chromium's print media): the article and its comments in black
on white, none of the page's controls, and outside links' addresses written after their text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP_USER_AGENT, ServedSite, screenshot, served_site
from tests.browser.test_comments import api_comment
from tests.site.conftest import ContentFolder

SENSORS = "/2026/04/02/reading-the-sensors/"  # a post with contents, neighbours, a comment form and sharing
# What paper cannot use: each is on the post on screen and gone in print.
CONTROLS = {
    "main navigation": ".site-header nav",
    "skip link": ".skip-link",
    "contents": "nav.toc",
    "older and newer": ".post-nav",
    "share links": ".share",
    "comment form": "#comment-form",
    "reply button": ".reply-button",
    "footer": ".site-footer",
}
LIGHT_CODE_BACKGROUND = "rgb(255, 255, 255)"  # the light (xcode) style's, which paper takes in any scheme
REPORT = "https://council.example.gov/air-quality/2025-report.pdf"


@pytest.fixture
def dark_tab(browser: Browser) -> Iterator[Page]:
    """A tab whose reader prefers dark colours, which must not reach the paper."""
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, viewport={"width": 1280, "height": 900},
                                  color_scheme="dark")
    yield context.new_page()
    context.close()


def displays(tab: Page) -> dict[str, str]:
    return {name: tab.locator(selector).first.evaluate("el => getComputedStyle(el).display")
            for name, selector in CONTROLS.items()}


def test_a_printed_post_keeps_its_article_and_comments_and_drops_the_controls(stack, dark_tab):
    api_comment(stack, dark_tab, "Our street's sensor agrees.", page=SENSORS)
    dark_tab.goto(stack.url(SENSORS), wait_until="networkidle")
    assert "none" not in displays(dark_tab).values()  # each control is there on screen

    dark_tab.emulate_media(media="print")
    assert displays(dark_tab) == {name: "none" for name in CONTROLS}
    for kept in (".post h1", ".prose", ".comment-body"):
        assert dark_tab.locator(kept).first.evaluate("el => getComputedStyle(el).display") != "none", kept
    colours = dark_tab.evaluate("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    code = dark_tab.locator(".prose .highlight").first
    assert code.evaluate("el => getComputedStyle(el).backgroundColor") == LIGHT_CODE_BACKGROUND, "light code on paper"
    screenshot(dark_tab, "post-print")


@pytest.fixture(scope="module")
def linking_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    content = ContentFolder(tmp_path_factory.mktemp("print") / "content")
    content.post("links.md", "title: Links\ndate: 2024-01-02\nsummary: A post that links out and in.",
                 f"Read [the council's report]({REPORT}) and [our archive](/archive/).\n")
    with served_site(content.root, content.root.parent / "build") as site:
        yield site


def after(tab: Page, href: str) -> str:
    return tab.locator(f'.prose a[href="{href}"]').evaluate("a => getComputedStyle(a, '::after').content")


def test_a_printed_post_gives_each_outside_link_its_address(linking_site, page):
    page.goto(linking_site.url("/2024/01/02/links/"))
    assert after(page, REPORT) == "none"  # not on screen

    page.emulate_media(media="print")
    assert after(page, REPORT) == f'" ({REPORT})"'
    assert after(page, "/archive/") == "none"  # the site's own pages: an address on paper would be half of one
