"""An Arabic page in a real browser (issue 15, item 3): `dir="rtl"`, the layout mirrored by the theme's logical
CSS properties (the site's title at the right of the header, the accent borders of the call to action, quotes
and lists at the right), Arabic glyphs drawn by a system font, and no sideways scrolling; screenshots saved for
people to look at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP_USER_AGENT, ServedSite, screenshot, served_site
from tests.site.conftest import MINIMAL_SITE_YML, ContentFolder

ARABIC_POST = "/ar/2024/05/03/air/"
BODY = """\
يتنفس سكان المدينة هواءً ملوثًا كل يوم، وهذه المقالة تشرح ما يمكننا فعله معًا.

## ما نقيسه

- الجسيمات الدقيقة
- ثاني أكسيد النيتروجين

> الهواء النظيف حق للجميع.

## ما نطلبه

شوارع مدرسية بلا سيارات.

## كيف تشارك

وقّع العريضة.
"""


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    content = ContentFolder(tmp_path_factory.mktemp("rtl") / "content")
    content.site_yml(MINIMAL_SITE_YML + """\
languages:
  - {code: en, name: English, default: true}
  - code: ar
    name: العربية
    figures:
      - {value: "−37%", label: من الجسيمات الدقيقة}
      - {value: "٣ من ٤", label: مدارس}
nav:
  - {title: About, url: /about/}
post_call_to_action: {heading: Act, text: Sign the petition., label: Sign, url: /about/}
""")
    content.page("about.md", "title: About")
    content.post("2024-05-03-air.md", "title: Clean air\ntags: [air]", "Clean air for all.\n")
    content.post("2024-05-03-air.ar.md", "title: هواء نظيف لمدينتنا\ntags: [air]\ncall_to_action: {heading: شارك معنا, "
                 "text: كل توقيع يقرّبنا من شوارع أنظف., label: وقّع العريضة, url: /about/}", BODY)
    with served_site(content.root, content.root.parent / "build") as site:
        yield site


@pytest.fixture(params=[360, 1280])
def tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, viewport={"width": request.param, "height": 900})
    yield context.new_page()
    context.close()


def box(tab: Page, selector: str) -> dict[str, float]:
    found = tab.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def style(tab: Page, selector: str, name: str) -> str:
    return tab.locator(selector).first.evaluate(f"element => getComputedStyle(element)['{name}']")


def test_an_arabic_post_reads_right_to_left_with_its_layout_mirrored(arabic_site: ServedSite, tab: Page) -> None:
    tab.goto(arabic_site.url(ARABIC_POST))
    width = tab.evaluate("innerWidth")
    screenshot(tab, f"rtl-arabic-post-{width}")
    assert tab.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width

    # the header starts at the right: the site's title there, the menu to its left or under it, at the right
    wrap, title, menu = box(tab, ".site-header .wrap"), box(tab, ".site-title"), box(tab, ".site-header nav")
    assert title["x"] + title["width"] == pytest.approx(wrap["x"] + wrap["width"] - 20, abs=1)  # its padding
    assert menu["x"] + menu["width"] <= title["x"] or menu["y"] >= title["y"] + title["height"]
    # the accent borders on the right: the call to action's, the quote's
    for selector, border in ((".call-to-action", "5px"), (".prose blockquote", "4px")):
        assert (style(tab, selector, "borderRightWidth"), style(tab, selector, "borderLeftWidth")) == (border, "0px")
    # list items and the table of contents indented from the right, their bullets there too
    items, item = box(tab, ".prose ul"), box(tab, ".prose ul li")
    assert item["x"] + item["width"] < items["x"] + items["width"] - 10 and item["x"] == pytest.approx(items["x"])
    assert style(tab, ".toc ul", "paddingRight") != "0px" and style(tab, ".toc ul", "paddingLeft") == "0px"
    # the post's navigation: the previous (older) post is none here; the meta line speaks Arabic
    assert "تُقرأ في دقيقة واحدة" in tab.locator(".post .meta").first.inner_text()


def test_arabic_letters_are_drawn_by_a_font_that_has_them(arabic_site: ServedSite, tab: Page) -> None:
    """Without a system font covering Arabic, each letter is the same empty box: as wide as any unassigned
    character's. With one, letters take their own widths and join."""
    tab.goto(arabic_site.url(ARABIC_POST))
    widths = tab.evaluate("""() => {
        const context = document.createElement('canvas').getContext('2d');
        context.font = getComputedStyle(document.querySelector('h1')).font;
        return ['هواء نظيف لمدينتنا', '\\u0378'.repeat(18)].map(text => context.measureText(text).width);
    }""")
    assert widths[0] != pytest.approx(widths[1], rel=0.05)


def test_the_arabic_home_and_its_cards_mirror_too(arabic_site: ServedSite, tab: Page) -> None:
    tab.goto(arabic_site.url("/ar/"))
    width = tab.evaluate("innerWidth")
    screenshot(tab, f"rtl-arabic-home-{width}")
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    title, card = box(tab, ".site-title"), box(tab, ".card-title")
    assert title["x"] + title["width"] > width / 2 and card["x"] + card["width"] > width / 2


def test_a_figure_keeps_its_sign_before_its_number_at_the_start_of_the_card(arabic_site: ServedSite,
                                                                          tab: Page) -> None:
    """A value of digits and signs alone reads left to right (−37%, not 37%−), one with Arabic words right to
    left, each standing at the card's start (the right)."""
    tab.goto(arabic_site.url("/ar/"))
    screenshot(tab, f"rtl-arabic-figures-{tab.evaluate('innerWidth')}")
    edges = tab.evaluate("""() => [...document.querySelectorAll('.figure-value')].map(value => {
        const text = value.firstChild, range = document.createRange(), at = index => {
            range.setStart(text, index); range.setEnd(text, index + 1); return range.getBoundingClientRect().x; };
        const card = value.closest('li').getBoundingClientRect(), first = at(0), last = at(text.length - 1);
        range.setStart(text, 0);
        return {first, last, right: range.getBoundingClientRect().right, cardRight: card.right};
    })""")
    signed, worded = edges
    assert signed["first"] < signed["last"]  # the minus sign at the left of the digits
    assert worded["first"] > worded["last"]  # Arabic words still right to left
    for value in edges:
        assert value["right"] == pytest.approx(value["cardRight"], abs=1)
