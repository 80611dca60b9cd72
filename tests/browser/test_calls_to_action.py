"""The buttons that ask visitors to act, and the cards, in a real browser: easy to tap, readable in both colour
schemes, off paper, and covers that keep their room before they arrive."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.test_layout import tab_at  # the fixture: tabs of a given size and colour scheme
from tests.colours import AA, computed_rgb, contrast

HOME = "/"
POST = "/2026/05/20/school-streets-results/"  # ends with the site's call to action, has a cover
TAP = 44  # CSS pixels: the height of a thumb's touch


def buttons(tab: Page) -> list[dict]:
    """Each button in the page's content (the share links under a post look like buttons too): its text, height,
    colour and the colour behind it."""
    return tab.locator("main :is(.button, .share a)").evaluate_all("""buttons => buttons.map(button => {
        let behind = button, background = 'rgba(0, 0, 0, 0)';
        while (behind && (background = getComputedStyle(behind).backgroundColor) === 'rgba(0, 0, 0, 0)') {
            behind = behind.parentElement;
        }
        return {text: button.textContent.trim(), height: button.getBoundingClientRect().height,
                colour: getComputedStyle(button).color, background};
    })""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_every_call_to_action_is_easy_to_tap_and_reads_on_its_background(plain_site, tab_at, scheme, width):
    tab = tab_at(width, scheme=scheme)
    found = []
    for path in (HOME, POST):
        tab.goto(plain_site.url(path))
        found += buttons(tab)
    assert [button["text"] for button in found] == [
        "Donate", "Host a sensor", "Write to the council", "Donate",
        "Mastodon", "Bluesky", "LinkedIn", "Facebook", "WhatsApp", "Telegram", "Email"]
    assert [button["text"] for button in found if button["height"] < TAP] == []
    faint = {button["text"]: round(contrast(computed_rgb(button["colour"]), computed_rgb(button["background"])), 2)
             for button in found}
    assert {text: ratio for text, ratio in faint.items() if ratio < AA} == {}


@pytest.mark.parametrize("path", [HOME, POST])
def test_covers_keep_their_room_before_they_arrive(plain_site, tab_at, path):
    tab = tab_at(1280)
    tab.route("**/media/**", lambda route: None)  # the pictures never arrive
    tab.goto(plain_site.url(path), wait_until="domcontentloaded")
    boxes = tab.locator("main img").evaluate_all(
        "images => images.map(image => [image.complete, image.getBoundingClientRect().width, "
        "image.getBoundingClientRect().height])")
    assert boxes and all(not complete for complete, _, _ in boxes)
    assert [(width, height) for _, width, height in boxes if height < width / 3.2] == []


def test_the_call_to_action_ending_a_post_stays_off_paper(plain_site, tab_at):
    tab = tab_at(1280, scheme="dark")
    tab.goto(plain_site.url(POST))
    block = tab.locator(".call-to-action")
    assert block.evaluate("el => getComputedStyle(el).display") == "block"
    tab.emulate_media(media="print")
    assert block.evaluate("el => getComputedStyle(el).display") == "none"  # a button paper cannot press
