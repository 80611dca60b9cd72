"""Comments under a post in a real browser: posting, replying, errors next to fields, moderation, no JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import HeraldStack, screenshot, start_stack

POST = "/2026/03/14/why-we-started/"


def write_comment(tab: Page, body: str, name: str = "Asha", website: str = "") -> None:
    form = tab.locator("#comment-form")
    form.get_by_label("Comment").fill(body)
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("Website").fill(website)
    form.get_by_role("button", name="Post comment").click()


def api_comment(stack: HeraldStack, tab: Page, body: str, **fields: object) -> dict:
    answer = tab.request.post(stack.url("/api/comments"), data={"page": POST, "author": "Ben", "body": body, **fields})
    assert answer.status == 201, answer.text()
    return answer.json()


def test_a_visitor_posts_a_comment_and_sees_it_appear(stack, page):
    page.goto(stack.url(POST))
    expect(page.locator("[data-comments-empty]")).to_be_visible()
    write_comment(page, "The sensor by the school gate reads *high* again.", website="https://asha.example.net")

    comment = page.locator(".comment", has_text="reads high again")
    expect(comment).to_be_visible()
    expect(comment.locator(".comment-body em")).to_have_text("high")
    expect(comment.locator("a.comment-author")).to_have_attribute("rel", "nofollow ugc noopener")
    expect(page.locator("[data-comment-count]")).to_have_text(["1", "1"])  # in the post's header and above the list
    expect(page.locator("[data-comments-empty]")).to_be_hidden()
    expect(page.locator("#comment-body")).to_have_value("")

    page.reload()  # a later visitor gets it from the service
    expect(page.locator(".comment", has_text="reads high again")).to_have_count(1)


def test_a_visitor_replies_to_a_comment(stack, page):
    parent = api_comment(stack, page, "Does anyone have the readings for March?")
    page.goto(stack.url(POST))
    thread = page.locator(f"#comment-{parent['id']}")
    thread.get_by_role("button", name="Reply").click()
    expect(page.locator("[data-replying]")).to_contain_text("Replying to Ben")
    expect(thread.locator("#comment-form")).to_be_visible()  # the form moved under the comment
    write_comment(page, "Yes: they are on the sensor map.", name="Carla")

    reply = thread.locator(".comment-replies > .comment", has_text="on the sensor map")
    expect(reply).to_be_visible()
    expect(page.locator("#comment-form input[name=parent]")).to_have_value("")
    page.reload()
    expect(page.locator(f"#comment-{parent['id']} .comment-replies .comment", has_text="sensor map")).to_be_visible()
    screenshot(page, "post-with-comments")


def test_errors_show_next_to_the_fields(stack, page):
    page.goto(stack.url(POST))
    write_comment(page, "", name="")
    body_error = page.locator("#comment-body-error")
    expect(body_error).to_have_text("Write your comment.")
    expect(page.locator("#comment-author-error")).not_to_be_empty()
    expect(page.locator("#comment-body")).to_have_attribute("aria-invalid", "true")

    write_comment(page, "Now with words.", website="not a web address")
    expect(page.locator("#comment-website-error")).not_to_be_empty()
    expect(body_error).to_be_empty()
    screenshot(page, "post-comment-errors")


def test_without_javascript_the_form_posts_and_comes_back_with_the_notice(stack, page_without_javascript):
    tab = page_without_javascript
    tab.goto(stack.url(POST))
    expect(tab.locator("#herald-comment-posted")).to_be_hidden()
    write_comment(tab, "Posted from a browser without scripts.")
    expect(tab).to_have_url(stack.url(POST) + "?herald=comment-posted#herald-comment-posted")
    expect(tab.locator("#herald-comment-posted")).to_be_visible()
    screenshot(tab, "post-without-javascript")
    comments = tab.request.get(stack.url(f"/api/comments?page={POST}")).json()["comments"]
    assert any("without scripts" in comment["html"] for comment in comments)


@pytest.fixture
def moderated_stack(tmp_path: Path) -> Iterator[HeraldStack]:
    yield from start_stack(tmp_path, HERALD_MODERATION="queue")


def test_a_comment_waiting_for_moderation_is_shown_to_its_author_marked(moderated_stack, page):
    page.goto(moderated_stack.url(POST))
    write_comment(page, "Please check the reading on Elm Street.")
    mine = page.locator(".comment", has_text="Elm Street")
    expect(mine.locator(".comment-status")).to_have_text("awaiting moderation")
    expect(page.locator("[data-comment-count]")).to_have_text(["0", "0"])
    page.reload()  # not published: nobody else sees it
    expect(page.locator(".comment", has_text="Elm Street")).to_have_count(0)


@pytest.fixture
def baked_stack(tmp_path: Path) -> Iterator[HeraldStack]:
    yield from start_stack(tmp_path, bake_comments=True)


def test_both_counts_follow_the_comments_that_came_after_the_build(baked_stack, page):
    counts = page.locator("[data-comment-count]")
    page.goto(baked_stack.url(POST))
    expect(counts).to_have_text(["0", "0"])  # the build reached the service before anyone commented
    api_comment(baked_stack, page, "First after the build.")
    api_comment(baked_stack, page, "Second after the build.")

    page.goto(baked_stack.url(POST))
    expect(page.locator(".comment")).to_have_count(2)
    expect(counts).to_have_text(["2", "2"])
    expect(page.locator(".post header a[href='#comments']")).to_have_text("Comments 2")
    write_comment(page, "A third, from this page.")
    expect(counts).to_have_text(["3", "3"])


def test_a_french_post_s_script_writes_french(stack, page):
    """comments.js and herald.js take their words from the page (issue 15, item 4): none is English here."""
    parent = api_comment(stack, page, "Qui a les relevés de mars ?", page=f"/fr{POST}")
    page.goto(stack.url(f"/fr{POST}"))
    thread = page.locator(f"#comment-{parent['id']}")
    thread.get_by_role("button", name="Répondre").click()
    expect(page.locator("[data-form-title]")).to_have_text("Répondre")
    page.locator("[data-cancel-reply]").click()
    expect(page.locator("[data-form-title]")).to_have_text("Laisser un commentaire")

    form = page.locator("#comment-form")
    form.get_by_role("button", name="Publier le commentaire").click()
    expect(page.locator("#comment-body-error")).to_have_text("Écrivez votre commentaire.")  # the service's, in French
    expect(form.locator("[data-form-error]")).to_have_text("Corrigez les 2 champs signalés ci-dessus.")
