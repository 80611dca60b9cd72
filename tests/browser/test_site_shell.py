"""The service's pages in the site's look, in Chromium: on an origin of its own, the board loads the site's
stylesheet from the site (the service's policy allows it, and nothing else is refused) and wears its shell."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def test_on_its_own_origin_the_board_wears_the_sites_shell_and_stylesheet(split_stack, page):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    assert split_stack.service_origin != split_stack.origin

    page.goto(f"{split_stack.service_origin}/board/threads/")
    expect(page).to_have_title("Board · Clean Air Now")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link")).to_have_text(
        ["Home", "About", "Board", "Contact"])
    expect(page.get_by_role("link", name="About")).to_have_attribute("href", split_stack.url("/about/"))
    sheets = page.evaluate("[...document.styleSheets].map(sheet => sheet.href)")
    assert sheets[0].startswith(split_stack.url("/static/theme.css?v="))
    assert sheets[-1] == f"{split_stack.service_origin}/board/threads/service.css"
    # The theme's own values, which nothing of the service's sets: the site's stylesheet is in force.
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()") == "#0b6e4f"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(253, 253, 251)"
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"
    assert errors == [] and failed == []  # no Content-Security-Policy refusal, nothing missing
    screenshot(page, "board-service-origin")

    page.goto(split_stack.url("/board/"))  # the site's own board page, to hold the screenshot beside
    screenshot(page, "board-site-page")
