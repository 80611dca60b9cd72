"""The theme's layout in a real browser: no sideways scrolling on any page, the site's or the service's, the archive's columns, short pages, covers and code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP_USER_AGENT, ServedSite, screenshot, served_site
from tests.browser.page_types import PageType, fresh_context, seeded_kinds
from tests.colours import AA, computed_rgb, contrast
from tests.site.conftest import ContentFolder

WIDTHS = [320, 360, 1280]  # the smallest phones, a common phone, a laptop
CODE_POST = "/2026/04/02/reading-the-sensors/"


def site_pages(site: ServedSite) -> list[str]:
    """Every page of a build, by its URL path; not the redirects, which leave for their page at once
    (tests/browser/test_redirects.py)."""
    return sorted("/" + path.relative_to(site.build_dir).as_posix().removesuffix("index.html")
                  for path in site.build_dir.rglob("*.html") if 'http-equiv="refresh"' not in path.read_text("utf-8"))


@pytest.fixture
def tab_at(browser: Browser) -> Iterator:  # type: ignore[type-arg]
    """Opens tabs of a given size and colour scheme; closes them at the end of the test."""
    contexts = []

    def open_tab(width: int, height: int = 800, scheme: str = "light") -> Page:
        context = browser.new_context(user_agent=DESKTOP_USER_AGENT, viewport={"width": width, "height": height},
                                      color_scheme=scheme)  # type: ignore[arg-type]
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def overflow(tab: Page) -> int | None:
    """How wide the open page is, if wider than the window."""
    width = tab.evaluate("document.documentElement.scrollWidth")
    return width if width > tab.evaluate("innerWidth") else None


def sideways(tab: Page, site: ServedSite) -> dict[str, int]:
    """The pages wider than the window, with their width."""
    wide = {}
    for path in site_pages(site):
        tab.goto(site.url(path))
        if width := overflow(tab):
            wide[path] = width
    return wide


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_with_a_service_scrolls_sideways(stack, tab_at, width):
    assert sideways(tab_at(width), stack) == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_without_a_service_scrolls_sideways(plain_site, tab_at, width):
    assert len(site_pages(plain_site)) > 20
    assert sideways(tab_at(width), plain_site) == {}


@pytest.fixture(scope="module")
def every_kind(stack, browser) -> tuple[list[PageType], dict]:  # type: ignore[no-untyped-def]
    """One page of each kind, the post with a comment and the board with a thread; an admin's session."""
    by_name, session = seeded_kinds(stack, browser)
    return list(by_name.values()), session


@pytest.mark.parametrize("width", WIDTHS)
def test_no_kind_of_page_scrolls_sideways_the_services_with_content_and_signed_in_included(stack, browser,
                                                                                           every_kind, width):
    kinds, session = every_kind
    wide = {}
    for kind in kinds:
        with fresh_context(browser, kind, session, width) as context:
            tab = context.new_page()
            tab.goto(kind.url(stack), wait_until="networkidle")
            assert tab.url == kind.url(stack)
            screenshot(tab, f"{kind.name.replace(' ', '-')}-{width}px")
            if found := overflow(tab):
                wide[kind.name] = found
    assert wide == {}


@pytest.mark.parametrize("width", [1280, 360])
def test_the_archives_titles_line_up_whatever_the_length_of_their_dates(plain_site, tab_at, width):
    tab = tab_at(width)
    tab.goto(plain_site.url("/archive/"))
    lefts = tab.locator(".archive-list a").evaluate_all("links => links.map(a => a.getClientRects()[0].left)")
    assert len(lefts) > 5 and len(set(lefts)) == 1, lefts  # where each title's first line starts


def test_a_short_page_keeps_its_footer_at_the_bottom_and_apart_from_the_content(plain_site, tab_at):
    tab = tab_at(1280, 900)
    tab.goto(plain_site.url("/tags/winter/"))
    footer = tab.locator(".site-footer").bounding_box()
    assert footer is not None and footer["y"] + footer["height"] == pytest.approx(900, abs=1)
    content_bottom = tab.evaluate("document.querySelector('main').lastElementChild.getBoundingClientRect().bottom")
    assert footer["y"] - content_bottom >= 36  # two lines' worth, not the footer's border against the list's


@pytest.fixture(scope="module")
def cover_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    content = ContentFolder(tmp_path_factory.mktemp("covers") / "content")
    content.media("cover.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="960" height="400">'
                               b'<rect width="960" height="400" fill="#0b6e4f"/></svg>')
    for slug, image in (("none", ""), ("missing", "image: missing.svg"), ("present", "image: cover.svg")):
        content.post(f"{slug}.md", f"title: A cover\ndate: 2024-01-02\nsummary: The same lead.\n{image}", "Body.\n")
    with served_site(content.root, content.root.parent / "build") as site:
        yield site


def body_top(tab: Page, site: ServedSite, slug: str) -> float:
    tab.goto(site.url(f"/2024/01/02/{slug}/"))
    return tab.evaluate("document.querySelector('.prose p').getBoundingClientRect().top")


@pytest.mark.parametrize("width", [1280, 360])
def test_a_missing_cover_leaves_no_gap_and_a_cover_spans_the_column(cover_site, tab_at, width):
    tab = tab_at(width)
    without = body_top(tab, cover_site, "none")
    assert body_top(tab, cover_site, "missing") == without
    with_cover = body_top(tab, cover_site, "present")
    cover = tab.locator("img.cover").bounding_box()
    prose = tab.locator(".prose").bounding_box()
    assert cover is not None and prose is not None
    assert cover["width"] == pytest.approx(prose["width"], abs=1) and cover["height"] > 100
    assert with_cover >= without + cover["height"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_token_of_a_code_block_reads_on_its_background(plain_site, tab_at, scheme):
    tab = tab_at(1280, scheme=scheme)
    tab.goto(plain_site.url(CODE_POST))
    background = computed_rgb(tab.locator(".prose .highlight").evaluate("el => getComputedStyle(el).backgroundColor"))
    colours = tab.locator(".prose .highlight pre, .prose .highlight pre span").evaluate_all(
        "nodes => nodes.map(node => [node.className, getComputedStyle(node).color])")
    assert len(colours) > 20
    faint = {name: colour for name, colour in colours if contrast(computed_rgb(colour), background) < AA}
    assert faint == {}


@pytest.fixture(scope="module")
def line_numbers_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """A post with Jekyll's `{% highlight python linenos %}`: twelve lines, one too long for a phone."""
    content = ContentFolder(tmp_path_factory.mktemp("linenos") / "content")
    lines = [f"count_{number} = herons + kingfishers" for number in range(1, 12)]
    lines.append("total = " + " + ".join(f"count_{number}" for number in range(1, 6)))  # 55 characters
    content.post("2024-06-01-river.md", "title: A walk by the river",
                 "We counted:\n\n{% highlight python linenos %}\n" + "\n".join(lines) + "\n{% endhighlight %}\n")
    with served_site(content.root, content.root.parent / "build") as site:
        yield site


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (360, "dark")])
def test_code_with_line_numbers_spans_the_column_in_the_code_s_type(line_numbers_site, tab_at, width, scheme):
    """Pygments writes numbered code as a table; it reads as one code block: as wide as the others, the numbers in
    the code's font and size and on its lines, no table borders inside the block's own, and only the code
    scrolling sideways on a phone."""
    tab = tab_at(width, scheme=scheme)
    tab.goto(line_numbers_site.url("/2024/06/01/river/"))
    block = tab.locator(".prose .highlight")
    assert block.evaluate("el => el.clientWidth") == pytest.approx(tab.locator(".prose").bounding_box()["width"] - 2,
                                                                   abs=1)
    table = tab.locator(".prose .highlighttable")
    inner_right = block.evaluate("el => el.getBoundingClientRect().left + el.clientLeft + el.clientWidth")
    assert tab.locator(".highlighttable td.code").evaluate("el => el.getBoundingClientRect().right") == pytest.approx(
        inner_right, abs=1)
    style = """el => { const s = getComputedStyle(el);
                       return [s.fontFamily, s.fontSize, s.borderTopWidth, s.borderBottomWidth, s.marginTop]; }"""
    number, code = tab.locator(".linenos pre span").last, tab.locator(".highlighttable td.code code")
    assert number.evaluate(style)[:2] == code.evaluate(style)[:2]
    assert number.evaluate("el => el.getBoundingClientRect().bottom") == pytest.approx(
        tab.locator(".highlighttable td.code pre span").last.evaluate("el => el.getBoundingClientRect().bottom"),
        abs=2)
    for cell in (table, tab.locator(".highlighttable td.linenos"), tab.locator(".highlighttable td.code")):
        assert cell.evaluate(style)[2:] == ["0px", "0px", "0px"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    code_box = tab.locator(".highlighttable td.code pre")
    overflowing = code_box.evaluate("el => el.scrollWidth > el.clientWidth")
    assert overflowing == (width < 600)  # the long line scrolls in its box on a phone, and fits a laptop's column
    background = computed_rgb(block.evaluate("el => getComputedStyle(el).backgroundColor"))
    assert contrast(computed_rgb(number.evaluate("el => getComputedStyle(el).color")), background) >= AA
    screenshot(tab, f"code-line-numbers-{width}-{scheme}")
