"""The pages from the keyboard alone, with real key presses in Chromium: a skip link first, a focus ring that shows
on every link, button and field, a tab order that follows the page down, a reply form that takes the focus and
gives it back, and a form that keeps it when sending fails."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.page_types import PageType, opened, seeded_kinds
from tests.browser.test_contact import CONTACT
from tests.browser.test_forms import answer_with
from tests.colours import computed_rgb, contrast

NON_TEXT_CONTRAST = 3.0  # WCAG 1.4.11: what a focus ring needs against what is around it

# What the focused element is and how it shows: where it starts and ends on the page (its first and last line
# box: a link may wrap), its outline, and the colour behind that outline (the first ancestor with a background
# of its own; the page is white where none has one).
DESCRIBE_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const boxes = el.getClientRects(), style = getComputedStyle(el);
  const line = box => ({top: box.top + scrollY, bottom: box.bottom + scrollY, left: box.left});
  let behind = 'rgba(0, 0, 0, 0)';
  for (let node = el.parentElement; node && behind === 'rgba(0, 0, 0, 0)'; node = node.parentElement) {
    behind = getComputedStyle(node).backgroundColor;
  }
  return {
    html: el.outerHTML.slice(0, 100), tag: el.tagName.toLowerCase(),
    start: line(boxes[0]), end: line(boxes[boxes.length - 1]),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth), outlineColor: style.outlineColor,
    behind: behind === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : behind,
  };
}"""


@pytest.fixture(scope="module")
def kinds(stack, browser) -> tuple[dict[str, PageType], dict]:  # type: ignore[no-untyped-def]
    """Each kind of page by its name (the post with a comment, the board with a thread), and an admin's session."""
    return seeded_kinds(stack, browser)


def tab_stops(tab: Page, limit: int = 120) -> list[dict]:
    """Press Tab from the top of the page until the focus leaves it; each element the focus stopped at."""
    stops: list[dict] = []
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(DESCRIBE_FOCUSED)
        if focused is None or (stops and focused["html"] == stops[0]["html"]):
            return stops
        stops.append(focused)
    raise AssertionError(f"still tabbing after {limit} stops: {[stop['html'] for stop in stops[-5:]]}")


@pytest.mark.parametrize("kind_name", ["home", "post with comments", "board thread", "dashboard analytics"])
def test_the_skip_link_is_the_first_tab_stop_and_puts_the_focus_on_the_content(stack, browser, kinds, kind_name):
    by_name, session = kinds
    with opened(browser, stack, by_name[kind_name], session) as tab:
        tab.keyboard.press("Tab")
        skip = tab.get_by_role("link", name="Skip to content")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()  # off-screen until it has the focus
        tab.keyboard.press("Enter")
        expect(tab.locator("main#content")).to_be_focused()
        tab.keyboard.press("Tab")  # and the next stop is inside it, not the header's links again
        assert tab.evaluate("document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("kind_name", ["post with comments", "contact", "dashboard queue"])
def test_every_link_button_and_field_shows_a_focus_ring_that_stands_out_light_and_dark(stack, browser, kinds,
                                                                                       kind_name):
    by_name, session = kinds
    faint = []
    with opened(browser, stack, by_name[kind_name], session) as tab:
        for scheme in ("light", "dark"):
            tab.emulate_media(color_scheme=scheme)
            stops = tab_stops(tab)  # from the top each time: the last pass left the focus out of the page
            assert "Skip to content" in stops[0]["html"] and {"a", "button"} <= {stop["tag"] for stop in stops}
            faint += [f"{scheme}: {stop['html']}: {stop['outlineStyle']} {stop['outlineWidth']}px "
                      f"{stop['outlineColor']} on {stop['behind']}" for stop in stops
                      if stop["outlineStyle"] in ("none", "hidden") or stop["outlineWidth"] < 2
                      or contrast(computed_rgb(stop["outlineColor"]), computed_rgb(stop["behind"])) < NON_TEXT_CONTRAST]
    assert faint == []


def test_the_tab_order_on_a_post_follows_the_page_down_and_each_line_left_to_right(stack, browser, kinds):
    by_name, session = kinds
    with opened(browser, stack, by_name["post with comments"], session) as tab:
        expect(tab.get_by_role("button", name="Reply").first).to_be_visible()  # the comments are in
        stops = tab_stops(tab)
    assert len(stops) > 15 and "Skip to content" in stops[0]["html"]
    out_of_order = []
    for before, after in zip(stops, stops[1:]):
        ended, starts = before["end"], after["start"]
        same_line = starts["top"] < ended["bottom"] and ended["top"] < starts["bottom"]
        if (same_line and starts["left"] <= ended["left"]) or (not same_line and starts["top"] < ended["top"]):
            out_of_order.append(f"{before['html']} -> {after['html']}")
    assert out_of_order == []


def test_reply_takes_the_focus_into_the_form_and_cancel_and_posting_put_it_back(stack, browser, kinds):
    by_name, session = kinds
    with opened(browser, stack, by_name["post with comments"], session) as tab:
        comment = tab.locator(".comment").first
        reply = comment.get_by_role("button", name="Reply")
        reply.focus()
        tab.keyboard.press("Enter")
        expect(tab.locator("#comment-body")).to_be_focused()  # the form's first field, under the comment
        expect(comment.locator("#comment-form")).to_be_visible()

        tab.keyboard.press("Shift+Tab")
        expect(tab.get_by_role("button", name="Cancel")).to_be_focused()
        tab.keyboard.press("Enter")
        expect(reply).to_be_focused()  # back where the reply began
        expect(comment.locator("#comment-form")).to_have_count(0)

        tab.keyboard.press("Enter")
        tab.keyboard.type("Keyboard only, all the way.")
        tab.keyboard.press("Tab")
        expect(tab.locator("#comment-author")).to_be_focused()
        tab.keyboard.type("Kim")
        for field in ("#comment-email", "#comment-website"):
            tab.keyboard.press("Tab")
            expect(tab.locator(field)).to_be_focused()
        tab.keyboard.press("Tab")
        expect(tab.get_by_role("button", name="Post comment")).to_be_focused()
        tab.keyboard.press("Enter")
        mine = comment.locator(".comment-replies > .comment", has_text="Keyboard only")
        expect(mine).to_be_focused()  # the new reply, where it now stands
        expect(tab.locator("#herald-comment-posted")).to_be_visible()


def test_a_refusal_naming_no_field_leaves_the_focus_on_the_button_pressed(stack, page):
    page.route("**/api/contact", lambda route: answer_with(
        route, 429, {"code": "rate_limited", "message": "Too many requests."}, {"Retry-After": "30"}))
    page.goto(stack.url(CONTACT))
    form = page.locator("#contact-form")
    for label, value in (("Your name", "Kim"), ("Your email", "kim@example.net"), ("Message", "Hello")):
        form.get_by_label(label).fill(value)
    send = form.get_by_role("button", name="Send message")
    send.press("Enter")
    expect(form.get_by_role("alert")).to_contain_text("wait 30 seconds")
    expect(send).to_be_focused()  # not lost to the page when the button was disabled while sending
