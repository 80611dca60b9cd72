"""`build.py serve`'s live reload in Chromium, on a copy of the sample site: a saved post, a broken one and its
fix, and a theme template, each seen by the open page without anyone reloading it.

Every wait is Playwright's, with a generous timeout: nothing here depends on how fast the machine is."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.live_reload import save_to_reload
from herald_site.build.live_serving import live_site
from tests.browser.conftest import screenshot
from tests.conftest import SAMPLE_CONTENT, free_port, serving

POST = "posts/2026-04-02-reading-the-sensors.md"
POST_URL = "/2026/04/02/reading-the-sensors/"
FIRST_WORDS = "Each of our sensors reports the mass"
GENEROUS_MS = 30_000


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The sample site served as `serve` does, from a copy the test edits: its origin and content folder."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    port = free_port()
    with live_site(content, report=lambda line: None, cache_dir=tmp_path / "cache") as app, serving(app, port):
        yield f"http://127.0.0.1:{port}", content


def test_the_open_page_follows_saves_and_shows_a_broken_one(live, page) -> None:  # type: ignore[no-untyped-def]
    origin, content = live
    post = content / POST
    good = post.read_text(encoding="utf-8")
    page.goto(origin + POST_URL)
    expect(page.get_by_text(FIRST_WORDS)).to_be_visible()

    post.write_text(good.replace(FIRST_WORDS, "Live words: each of our sensors reports the mass"), encoding="utf-8")
    expect(page.get_by_text("Live words: each of our sensors")).to_be_visible(timeout=GENEROUS_MS)

    post.write_text(good.replace("layout: post\n", "layout: post\ndate: someday\n"), encoding="utf-8")
    banner = page.get_by_role("alert")
    expect(banner).to_contain_text("2026-04-02-reading-the-sensors.md:3:", timeout=GENEROUS_MS)
    expect(banner).to_contain_text("someday")
    expect(page.get_by_text("Live words: each of our sensors")).to_be_visible()  # the last good page
    screenshot(page, "live-reload-problem")

    post.write_text(good.replace(FIRST_WORDS, "Fixed words: each of our sensors reports the mass"), encoding="utf-8")
    expect(page.get_by_text("Fixed words: each of our sensors")).to_be_visible(timeout=GENEROUS_MS)
    expect(page.get_by_role("alert")).to_have_count(0)


def test_a_saved_theme_template_reloads_the_page(live, page) -> None:  # type: ignore[no-untyped-def]
    origin, content = live
    page.goto(origin + POST_URL)
    expect(page.get_by_text(FIRST_WORDS)).to_be_visible()

    template = content / "theme" / "templates" / "blog" / "post.html"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text('{% extends "herald/blog/post.html" %}\n'
                        '{% block content %}<p class="themed">A themed line.</p>{{ super() }}{% endblock %}\n',
                        encoding="utf-8")

    expect(page.locator("p.themed")).to_have_text("A themed line.", timeout=GENEROUS_MS)
    expect(page.get_by_text(FIRST_WORDS)).to_be_visible()


def test_the_live_reload_benchmark_sees_every_save(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The benchmark's smoke run (bench/live_reload.py, 30 posts): a reload that never came would time out."""
    assert len(save_to_reload(30, 2, tmp_path, browser)) == 2
