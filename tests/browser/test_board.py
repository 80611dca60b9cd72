"""The board page in a real browser: threads live from the API with JavaScript, plain forms and links without."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot

BOARD = "/board/"


def fill_thread(form, title: str, body: str, name: str = "Dina") -> None:  # type: ignore[no-untyped-def]
    form.get_by_label("Title").fill(title)
    form.get_by_label("Message").fill(body)
    form.get_by_label("Name", exact=True).fill(name)


def test_a_visitor_starts_a_thread_and_replies(stack, page):
    page.goto(stack.url(BOARD))
    expect(page.locator("[data-board-status]")).to_contain_text("No threads yet")
    expect(page.locator("[data-board-fallback]")).to_be_hidden()
    new = page.locator("#thread-form")
    fill_thread(new, "Sensor on Oak Road reads zero", "Since Tuesday the Oak Road sensor shows **0**. Battery?")
    new.get_by_role("button", name="Start thread").click()

    expect(page.locator("[data-thread-title]")).to_have_text("Sensor on Oak Road reads zero")
    expect(page).to_have_url(re.compile(r"/board/#thread-\d+$"))
    expect(page.locator(".board-post strong")).to_have_text("0")
    reply = page.locator("#reply-form")
    reply.get_by_label("Message").fill("I swapped the battery this morning; it reads again.")
    reply.get_by_label("Name", exact=True).fill("Emil")
    reply.get_by_role("button", name="Post reply").click()
    expect(page.locator(".board-post", has_text="swapped the battery")).to_be_visible()
    screenshot(page, "board-thread")

    page.get_by_role("link", name="All threads").click()
    listed = page.locator(".thread", has_text="Sensor on Oak Road reads zero")
    expect(listed).to_contain_text("2 posts")
    screenshot(page, "board")


def test_errors_show_next_to_the_fields(stack, page):
    page.goto(stack.url(BOARD))
    new = page.locator("#thread-form")
    fill_thread(new, "", "Body without a title")
    new.get_by_role("button", name="Start thread").click()
    expect(page.locator("#thread-title-error")).not_to_be_empty()
    expect(page.locator("#thread-body-error")).to_be_empty()


def test_threads_come_a_page_at_a_time(stack, page):
    for number in range(12):
        answer = page.request.post(stack.url("/api/board/threads"),
                                   data={"title": f"Rota week {number}", "author": "Fay", "body": "Who can help?"})
        assert answer.status == 201, answer.text()
    page.goto(stack.url(BOARD))
    expect(page.locator("[data-board-page-label]")).to_have_text("Page 1 of 2")
    expect(page.locator(".thread").first).to_contain_text("Rota week 11")
    page.get_by_role("button", name="Older threads →").click()
    expect(page.locator("[data-board-page-label]")).to_have_text("Page 2 of 2")
    expect(page.get_by_role("button", name="Older threads →")).to_be_disabled()


def test_without_javascript_a_new_thread_posts_and_the_threads_are_linked(stack, page_without_javascript):
    tab = page_without_javascript
    tab.goto(stack.url(BOARD))
    expect(tab.get_by_role("link", name="Read the threads")).to_have_attribute("href", stack.url("/board/threads/?lang=en"))
    fill_thread(tab.locator("#thread-form"), "Leaflets for Saturday", "Who has the box of leaflets?")
    tab.locator("#thread-form").get_by_role("button", name="Start thread").click()
    expect(tab).to_have_url(stack.url(BOARD) + "?herald=board-posted#herald-board-posted")
    expect(tab.locator("#herald-board-posted")).to_be_visible()
    threads = tab.request.get(stack.url("/api/board/threads?per_page=50")).json()["threads"]
    assert "Leaflets for Saturday" in [thread["title"] for thread in threads]


def test_the_french_board_page_s_script_writes_french(stack, page):
    answer = page.request.post(stack.url("/api/board/threads"),
                               data={"title": "Capteur de la rue des Chênes", "author": "Inès", "body": "Il lit zéro."})
    assert answer.status == 201, answer.text()
    page.goto(stack.url(f"/fr{BOARD}"))
    listed = page.locator(".thread", has_text="Capteur de la rue des Chênes")
    expect(listed.locator(".meta")).to_contain_text(
        re.compile(r"^par Inès · 1 message · dernier message \d+ \S+ \d{4}"))  # the date as the build writes it
    listed.get_by_role("link").click()
    expect(page.locator("[data-thread-meta]")).to_contain_text(re.compile(r"^Lancée par Inès · .* · 1 message$"))
