"""Incremental builds equal clean builds, byte for byte, through a series of edits; a bad cache is only rebuilt.

Each step edits the content, rebuilds into the same output with the build cache, and compares the output tree
with a clean build (fresh cache, fresh folder) of the same content.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.corpus import generate_posts, media_files
from bench.trees import write_herald
from herald_site import markdown
from herald_site.build import freeze, pipeline
from herald_site.build.pipeline import build_site
from herald_site.build.report import BuildSummary
from herald_site.speed import cached_loading
from herald_site.speed.cache import CACHE_FILE
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import snapshot

Edit = Callable[[Path], None]
SERVICE_URL = "https://comments.example.org"  # so that the builds bake comments, from `Builds.fetch`


class Builds:
    """Incremental builds of one content folder, each checked against a clean build."""

    def __init__(self, root: Path, content: Path, jobs: int = 1) -> None:
        self.root, self.content, self.jobs = root, content, jobs
        self.out, self.cache = root / "out", root / "cache"
        self.comments: dict[str, list[dict[str, Any]]] = {}
        self.clean_builds = 0

    def fetch(self, page: str) -> dict[str, Any]:
        return {"comments": self.comments.get(page, [])}

    def build(self, out: Path, cache: Path) -> BuildSummary:
        summary, _ = build_site(self.content, out, cache_dir=cache, jobs=self.jobs, comments=self.fetch,
                                service_url=SERVICE_URL)
        return summary

    def rebuild_and_compare(self) -> BuildSummary:
        summary = self.build(self.out, self.cache)
        self.clean_builds += 1
        clean = self.root / f"clean-{self.clean_builds}"
        self.build(clean / "out", clean / "cache")
        assert_same_tree(self.out, clean / "out")
        shutil.rmtree(clean)
        return summary


def assert_same_tree(built: Path, expected: Path) -> None:
    ours, theirs = snapshot(built), snapshot(expected)
    assert sorted(ours) == sorted(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert not differing, f"incremental output differs from a clean build in {differing[:10]}"


def replace_in(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, f"{pattern!r} not found in {path}"
    path.write_text(changed, encoding="utf-8")


@pytest.fixture
def sample(tmp_path: Path) -> Builds:
    content = Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content"))
    return Builds(tmp_path, content)


def test_nothing_changed_keeps_every_file(sample: Builds) -> None:
    first = sample.rebuild_and_compare()
    before = {path: path.stat().st_mtime_ns for path in sample.out.rglob("*") if path.is_file()}

    again = sample.rebuild_and_compare()

    assert first.kept == 0 and again.kept == again.files == first.files
    assert {path: path.stat().st_mtime_ns for path in sample.out.rglob("*") if path.is_file()} == before


SAMPLE_EDITS: list[tuple[str, Edit]] = [
    ("a post's text", lambda c: (c / "posts/sensor-map.md").write_text(
        (c / "posts/sensor-map.md").read_text() + "\nA sentence added by an editor.\n")),
    ("a post's summary, as its listings show it", lambda c: replace_in(
        c / "posts/2026-04-02-reading-the-sensors.md", r"^summary:.*$", "summary: A summary the editor rewrote.")),
    ("a post's tags", lambda c: replace_in(c / "posts/school-streets-results.md", r"^tags:.*$", "tags: [air, new-tag]")),
    ("a date that reorders the posts", lambda c: replace_in(
        c / "posts/wood-stoves-and-winter.md", r"^date:.*$", "date: 2026-03-01")),
    ("a new post", lambda c: (c / "posts/2026-05-05-a-new-post.md").write_text(
        "---\ntitle: A new post\ntags: [air]\ncategories: [News]\n---\nFresh text.\n")),
    ("a renamed post", lambda c: (c / "posts/2026-05-05-a-new-post.md").rename(c / "posts/2026-05-05-renamed.md")),
    ("a deleted post", lambda c: (c / "posts/2026-05-05-renamed.md").unlink()),
    ("a post turned draft", lambda c: replace_in(c / "posts/wood-stoves-and-winter.md", r"^title:", "draft: true\ntitle:")),
    ("the draft published again", lambda c: replace_in(c / "posts/wood-stoves-and-winter.md", r"^draft: true\n", "")),
    ("a page's text", lambda c: (c / "pages/about.md").write_text((c / "pages/about.md").read_text() + "\nMore.\n")),
    ("a post's old address", lambda c: replace_in(c / "posts/sensor-map.md", r"^title:", "redirect_from: /map/\ntitle:")),
    ("a page's old addresses changed", lambda c: replace_in(
        c / "pages/about.md", r"^redirect_from: .*$", "redirect_from: /about-us.html")),
    ("site.yml's redirects", lambda c: replace_in(c / "site.yml", r"\{from: /get-involved/,", "{from: /join-us/,")),
    # The same URLs by another pattern (the sample's pages are named in lower case): the records are made again.
    ("site.yml's URL pattern", lambda c: replace_in(
        c / "site.yml", r"^timezone:", "permalinks: {pages: /:basename/}\ntimezone:")),
    ("site.yml", lambda c: replace_in(c / "site.yml", r"^title: .*$", "title: A Renamed Campaign")),
    # Posts take their default author and the zone of their dates from site.yml: their records are made again.
    ("site.yml's author", lambda c: replace_in(c / "site.yml", r"^author: .*$", "author: Another Team")),
    ("site.yml's time zone", lambda c: replace_in(c / "site.yml", r"^timezone: .*$", "timezone: Europe/Lisbon")),
    ("a new media file", lambda c: (c / "media/new.txt").write_text("notes")),
    ("a contact topic's French label", lambda c: replace_in(c / "site.yml", r"fr: Presse et médias", "fr: Presse")),
    # What the home page and the posts' ends show of site.yml, of other posts and of the covers' files.
    ("site.yml's calls to action", lambda c: replace_in(c / "site.yml", r"\{label: Donate,", "{label: Give today,")),
    ("site.yml's block ending posts", lambda c: replace_in(
        c / "site.yml", r"heading: Help us count the air", "heading: Keep the sensors running")),
    ("a post featured", lambda c: replace_in(c / "posts/sensor-map.md", r"^title:", "featured: true\ntitle:")),
    ("a post no longer featured", lambda c: replace_in(
        c / "posts/2026-03-14-why-we-started.md", r"^featured: true\n", "")),
    ("a post's own closing block", lambda c: replace_in(
        c / "posts/sensor-map.md", r"^title:", "call_to_action: {heading: H, label: Ask, url: /contact/}\ntitle:")),
    ("a cover redrawn at another size", lambda c: replace_in(
        c / "media/live-reading.svg", r'width="960" height="400"', 'width="1200" height="500"')),
]


def test_incremental_builds_of_the_sample_equal_clean_builds(sample: Builds) -> None:
    sample.rebuild_and_compare()
    for _, edit in SAMPLE_EDITS:
        edit(sample.content)
        sample.rebuild_and_compare()


def test_an_edit_renders_only_the_pages_that_show_it(sample: Builds) -> None:
    first = sample.rebuild_and_compare()
    post = sample.content / "posts/sensor-map.md"
    post.write_text(post.read_text() + "\nA sentence added by an editor.\n")

    summary = sample.rebuild_and_compare()

    assert 0 < summary.files - summary.kept < first.files / 2


def test_new_comments_render_their_post_again(sample: Builds) -> None:
    sample.rebuild_and_compare()
    post = "/2026/04/02/reading-the-sensors/"
    sample.comments[post] = [{"id": 1, "parent": None, "author": "Ada", "website": None,
                              "html": "<p>Thanks for the readings.</p>", "created": "2026-05-01T10:00:00+00:00"}]

    summary = sample.rebuild_and_compare()

    assert "Thanks for the readings." in (sample.out / post.strip("/") / "index.html").read_text()
    assert summary.kept > 0


def test_new_markdown_settings_render_everything_again(sample: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    sample.rebuild_and_compare()
    toc = {**markdown.EXTENSION_CONFIGS["toc"], "permalink_title": "Link here"}
    monkeypatch.setitem(markdown.EXTENSION_CONFIGS, "toc", toc)
    monkeypatch.setattr(markdown, "MARKDOWN_SETTINGS_VERSION", "changed-for-a-test")
    markdown._converter.cache_clear()
    try:
        summary = sample.rebuild_and_compare()
    finally:
        markdown._converter.cache_clear()

    assert summary.kept == 0
    assert 'title="Link here"' in (sample.out / "about" / "index.html").read_text()


@pytest.mark.parametrize("damage", ["garbage bytes", "another database", "damaged rows", "lost renderings"])
def test_a_damaged_cache_is_rebuilt_not_fatal(sample: Builds, damage: str) -> None:
    sample.rebuild_and_compare()
    cache_file = sample.cache / CACHE_FILE
    if damage == "garbage bytes":
        for path in sample.cache.glob(f"{CACHE_FILE}*"):
            path.write_bytes(b"\x00not a cache\xff" * 100)
    else:
        with sqlite3.connect(cache_file) as db:
            if damage == "another database":
                db.executescript("DROP TABLE files; CREATE TABLE files (x); PRAGMA user_version = 99;")
            elif damage == "damaged rows":
                db.execute("UPDATE files SET record = x'00ff00'")
                db.execute("UPDATE rendered SET meta = x'80'")
                db.execute("UPDATE state SET value = x'1234'")
            else:  # the documents are known, their renderings are not: rendered again from their files
                db.execute("UPDATE rendered SET meta = x'80'")
                db.execute("DELETE FROM html")
                db.execute("DELETE FROM state")
    post = sample.content / "posts/sensor-map.md"
    post.write_text(post.read_text() + "\nEdited after the damage.\n")

    sample.rebuild_and_compare()


def unlinked_posts(content: Path) -> list[Path]:
    """Posts no other file links to, so that moving or deleting them leaves no broken link."""
    texts = "\n".join(path.read_text() for path in content.rglob("*.md"))
    found = []
    for path in sorted((content / "posts").glob("*.md")):
        day, slug = path.stem[:10], path.stem[11:]
        if f"/{day.replace('-', '/')}/{slug}/" not in texts:
            found.append(path)
    return found


def test_incremental_builds_of_a_generated_corpus_equal_clean_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cached_loading, "MIN_PARALLEL_FILES", 8)  # worker processes even for a small corpus
    monkeypatch.setattr(freeze, "MIN_PARALLEL_PAGES", 8)
    content = tmp_path / "content"
    write_herald(content, generate_posts(60, seed=7), media_files())
    builds = Builds(tmp_path, content, jobs=2)
    builds.rebuild_and_compare()
    posts = sorted((content / "posts").glob("*.md"))
    free = unlinked_posts(content)
    edits: list[Edit] = [
        lambda c: posts[30].write_text(posts[30].read_text() + "\nAn editor's correction.\n"),
        lambda c: replace_in(free[0], r"^date: .*$", "date: 2030-01-01 08:00:00"),  # the newest now
        lambda c: replace_in(posts[10], r"^tags: .*$", "tags: [a-brand-new-tag]"),
        lambda c: free[1].rename(free[1].with_name("2019-01-01-renamed-post.md")),
        lambda c: free[2].unlink(),
        lambda c: (c / "posts" / "added.md").write_text("---\ntitle: Added\ndate: 2020-02-02\n---\nNew.\n"),
        lambda c: replace_in(c / "site.yml", r"^posts_per_page: .*$", "posts_per_page: 7"),
    ]
    for edit in edits:
        edit(content)
        builds.rebuild_and_compare()


def test_unchanged_files_are_not_even_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content"))
    out, cache = tmp_path / "out", tmp_path / "cache"
    first, warnings = build_site(content, out, cache_dir=cache)
    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "load_site", lambda *args, **kwargs: pytest.fail("the content was loaded again"))
        again, warnings_again = build_site(content, out, cache_dir=cache)
    assert again.kept == again.files == first.files and warnings_again == warnings

    post = content / "posts/sensor-map.md"
    post.write_text(post.read_text() + "\nEdited.\n")
    edited, _ = build_site(content, out, cache_dir=cache)
    build_site(content, tmp_path / "clean", cache_dir=tmp_path / "clean-cache")
    assert 0 < edited.files - edited.kept
    assert_same_tree(out, tmp_path / "clean")
