"""The board without JavaScript: the service's plain pages, where a visitor starts a thread and replies with the
site's own forms, in the site's look."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def test_a_visitor_without_javascript_starts_a_thread_and_replies(stack, page_without_javascript):
    tab = page_without_javascript
    tab.goto(stack.url("/board/threads/"))
    expect(tab.get_by_role("heading", name="Board", exact=True)).to_be_visible()
    form = tab.locator("form", has=tab.get_by_role("button", name="Start thread"))
    form.get_by_label("Title").fill("Car-free Sundays on the high street?")
    form.get_by_label("Name", exact=True).fill("Farah")
    form.get_by_label("Message").fill("Other cities do it once a month. *Could we?*")
    form.get_by_role("button", name="Start thread").click()

    expect(tab.get_by_role("status")).to_have_text("Thank you, your post is on the board.")
    assert "herald=board-posted" in tab.url
    tab.get_by_role("link", name="Car-free Sundays on the high street?").click()
    expect(tab.locator(".board-posts em")).to_have_text("Could we?")
    screenshot(tab, "board-pages-list-then-thread")

    reply = tab.locator("form", has=tab.get_by_role("button", name="Post reply"))
    reply.get_by_label("Name", exact=True).fill("Gil")
    reply.get_by_label("Message").fill("Yes, and close the side streets too.")
    reply.get_by_role("button", name="Post reply").click()
    expect(tab.get_by_role("status")).to_have_text("Thank you, your post is on the board.")
    expect(tab.locator(".board-posts > li")).to_have_count(2)
    expect(tab.locator(".board-posts > li").last).to_contain_text("close the side streets")
    screenshot(tab, "board-pages-thread")

    tab.goto(stack.url("/board/threads/"))
    expect(tab.locator(".thread-list > li", has_text="Car-free Sundays")).to_contain_text("2 posts")
    screenshot(tab, "board-pages-list")


def test_a_mistake_in_the_form_gets_a_page_that_says_what_to_fix(stack, page_without_javascript):
    tab = page_without_javascript
    tab.goto(stack.url("/board/threads/"))
    form = tab.locator("form", has=tab.get_by_role("button", name="Start thread"))
    form.get_by_label("Title").fill("A title only")
    form.get_by_label("Name", exact=True).fill("Hal")
    form.get_by_label("Message").fill("   ")  # passes the browser's `required`, not the service
    form.get_by_role("button", name="Start thread").click()
    expect(tab.get_by_role("heading", name="Please check what you sent")).to_be_visible()
    expect(tab.locator(".field-problems")).to_contain_text("Message: Required.")
    screenshot(tab, "board-pages-form-error")
    tab.get_by_role("link", name="Back to the page").click()
    expect(tab).to_have_url(stack.url("/board/threads/"))
