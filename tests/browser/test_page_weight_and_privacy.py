"""Light and private, measured in Chromium on every kind of page, with the service on the site's origin and on
one of its own.

Light: a post transfers at most 50 KB before images and video (HTML, CSS, JavaScript, fonts and the service's
answers, each response's encoded body and headers as Chromium counts them; the test servers do not compress,
so a CDN's gzip only lowers the figure); nothing blocks rendering but the site's own stylesheets, and any font
comes from the site. Private: no page asks a host other than the site and its service for anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request

from tests.browser.conftest import HeraldStack, start_stack
from tests.browser.page_types import PageType, admin_session, fresh_context, page_types, seed
from tests.browser.quality_figures import record_section

POST_BUDGET = 50 * 1024
SHAPES = {"one origin": False, "two origins": True}
UNCOUNTED_TYPES = {"image", "media"}  # what the budget leaves out: pictures and video, not the page's make-up


@dataclass
class Shape:
    """A running stack in one shape, its seeded thread and an admin session, and what its pages measured."""

    name: str
    stack: HeraldStack
    kinds: list[PageType]
    session: dict
    figures: dict[str, tuple[float, int]] = field(default_factory=dict)


@pytest.fixture(scope="module", params=list(SHAPES))
def shape(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          browser: Browser) -> Iterator[Shape]:
    for stack in start_stack(tmp_path_factory.mktemp("weight"), own_service_origin=SHAPES[request.param]):
        context = browser.new_context()
        thread = seed(stack, context)
        context.close()
        measured = Shape(request.param, stack, page_types(thread), admin_session(browser, stack))
        yield measured
        record_section(f"Page weight and third-party requests ({measured.name})", [
            f"{name:<22} {kb:6.1f} KB  {third_party} third-party requests"
            for name, (kb, third_party) in measured.figures.items()])


@dataclass
class Load:
    """What loading a page asked for and what it cost."""

    requests: list[Request]
    counted_bytes: int

    def third_party(self, stack: HeraldStack) -> list[str]:
        own = {stack.origin, stack.service_origin}
        return [r.url for r in self.requests if urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
                and f"{urlsplit(r.url).scheme}://{urlsplit(r.url).netloc}" not in own]


def load(tab: Page, url: str) -> Load:
    """Open `url` in a fresh tab and wait until the network is quiet (scripts' own requests included)."""
    requests: list[Request] = []
    tab.on("request", lambda request: requests.append(request))
    response = tab.goto(url, wait_until="networkidle")
    assert response is not None
    counted = 0
    for request in requests:
        answer = request.response()
        if answer is None or request.resource_type in UNCOUNTED_TYPES:
            continue
        if answer.header_value("content-type") and answer.header_value("content-type").startswith(
                ("image/", "video/", "audio/")):
            continue  # the site icon, whatever type Chromium files it under
        sizes = request.sizes()
        counted += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return Load(requests, counted)


KIND_NAMES = [kind.name for kind in page_types("/board/threads/1/")]


@pytest.mark.parametrize("kind_name", KIND_NAMES)
def test_every_page_asks_only_the_site_and_its_service_and_blocks_on_nothing_but_own_css(shape, browser, kind_name):
    kind = next(kind for kind in shape.kinds if kind.name == kind_name)
    with fresh_context(browser, kind, shape.session) as context:
        tab = context.new_page()
        loaded = load(tab, kind.url(shape.stack))
        assert tab.url == kind.url(shape.stack)  # not sent to the sign-in page, nor anywhere else
        third_party = loaded.third_party(shape.stack)
        shape.figures[kind.name] = (loaded.counted_bytes / 1024, len(third_party))
        print(f"{shape.name}: {kind.name}: {loaded.counted_bytes / 1024:.1f} KB, {len(third_party)} third-party")
        assert third_party == []

        own = [shape.stack.origin, shape.stack.service_origin]
        blocking = tab.evaluate("""own => [
            ...[...document.head.querySelectorAll('script[src], script:not([src])')]
              .filter(s => !s.defer && !s.async && s.type !== 'module'
                           && (!s.type || /javascript/.test(s.type)))
              .map(s => 'script ' + (s.src || s.textContent.slice(0, 40))),
            ...[...document.querySelectorAll('link[rel~=stylesheet]')]
              .filter(l => !own.includes(new URL(l.href).origin)).map(l => 'stylesheet ' + l.href),
        ]""", own)
        assert blocking == []
        fonts = [r.url for r in loaded.requests if r.resource_type == "font"]
        assert [url for url in fonts if not url.startswith(tuple(own))] == []


def test_a_post_transfers_at_most_50_kb_before_images(shape, browser):
    kind = next(kind for kind in shape.kinds if kind.name == "post with comments")
    with fresh_context(browser, kind, shape.session) as context:
        tab = context.new_page()
        loaded = load(tab, kind.url(shape.stack))
        assert tab.locator(".comment").count() >= 1  # the comment arrived: its request is in the count
        stylesheets = [r for r in loaded.requests if r.resource_type == "stylesheet"]
        assert stylesheets and all(r.response() and r.response().ok for r in stylesheets)
        print(f"{shape.name}: post: {loaded.counted_bytes / 1024:.1f} KB before images")
        assert 0 < loaded.counted_bytes <= POST_BUDGET
