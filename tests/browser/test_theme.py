"""A site's `theme:` colours and fonts as Chromium shows them: on screen in each colour scheme, and not on paper."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP_USER_AGENT, ServedSite, screenshot, served_site
from tests.colours import computed_rgb
from tests.conftest import SAMPLE_CONTENT

THEME = """
theme:
  colors: {accent: "#b5361d", background: "#fffdf8"}
  dark: {accent: "#ff9a85"}
  fonts: {body: 'Georgia, "Times New Roman", serif', code: "Menlo, monospace"}
"""
POST = "/2026/04/02/reading-the-sensors/"  # has links and code


@pytest.fixture(scope="module")
def themed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("themed")
    content = shutil.copytree(SAMPLE_CONTENT, root / "content")
    with (content / "site.yml").open("a", encoding="utf-8") as site_yml:
        site_yml.write(THEME)
    with served_site(content, root / "build") as site:
        yield site


def styles(browser: Browser, site: ServedSite, *, scheme: str, media: str = "screen") -> dict[str, str]:
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, color_scheme=scheme)  # type: ignore[arg-type]
    try:
        tab: Page = context.new_page()
        tab.emulate_media(media=media)  # type: ignore[arg-type]
        tab.goto(site.url(POST), wait_until="load")
        screenshot(tab, f"theme-{scheme}-{media}")
        return tab.evaluate("""() => {
            const style = (selector) => getComputedStyle(document.querySelector(selector));
            return {link: style('.prose a').color, background: style('body').backgroundColor,
                    text: style('body').color, body: style('body').fontFamily, heading: style('h1').fontFamily,
                    code: style('.prose code').fontFamily};
        }""")
    finally:
        context.close()


def test_the_sites_colours_and_fonts_show_on_screen_in_the_light_scheme(browser, themed_site):
    shown = styles(browser, themed_site, scheme="light")

    assert (shown["link"], shown["background"]) == ("rgb(181, 54, 29)", "rgb(255, 253, 248)")
    assert shown["text"] == "rgb(29, 33, 37)"  # not given: Herald's
    assert shown["body"] == shown["heading"] == 'Georgia, "Times New Roman", serif'
    assert shown["code"] == "Menlo, monospace"


def test_the_dark_scheme_takes_the_dark_colours_and_keeps_herald_s_for_the_others(browser, themed_site):
    shown = styles(browser, themed_site, scheme="dark")

    assert (shown["link"], shown["background"]) == ("rgb(255, 154, 133)", "rgb(21, 24, 26)")


def test_paper_stays_black_on_white(browser, themed_site):
    shown = styles(browser, themed_site, scheme="light", media="print")

    assert (shown["link"], shown["text"], shown["background"]) == ("rgb(0, 0, 0)", "rgb(0, 0, 0)", "rgb(255, 255, 255)")
    assert shown["body"] == 'Georgia, "Times New Roman", serif'  # the fonts hold on paper too


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_tint_behind_the_mission_follows_the_sites_accent(browser, themed_site, scheme):
    """A red accent gets a reddish tint behind the mission (and the calls to action), not Herald's green one."""
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, color_scheme=scheme)  # type: ignore[arg-type]
    try:
        tab = context.new_page()
        tab.goto(themed_site.url("/"), wait_until="load")
        red, green, blue = computed_rgb(tab.evaluate("getComputedStyle(document.querySelector('.hero')).backgroundColor"))
    finally:
        context.close()

    assert red > green and red > blue, (scheme, red, green, blue)
