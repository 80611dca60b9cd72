"""A rebuild after an edit to what asks visitors to act renders exactly the pages that show it: the home page's
settings only the home page of their language, the block ending posts only the posts of its language that use
it, a post featured only itself, the home page and the feeds that carry its file whole, a redrawn cover only the
pages showing it (its size is in their HTML)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from herald_site.build.pipeline import build_site
from herald_site.content import load_site
from herald_site.speed.signatures import page_signatures
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import SAMPLE_NOW
from tests.site.test_incremental import replace_in

POSTS = {
    "wood": "/2026/10/28/wood-stoves-and-winter/",  # ends with a block of its own
    "join": "/join-the-count/",
    "timelapse": "/2026/06/18/sensor-timelapse/",
    "map": "/2026/06/11/sensor-map/",
    "film": "/2026/06/10/school-street-film/",
    "streets": "/2026/05/20/school-streets-results/",  # featured
    "sensors": "/2026/04/02/reading-the-sensors/",  # ends with none
    "started": "/2026/03/14/why-we-started/",  # featured
}
# Their French versions (the how-to on reading the sensors and the time-lapse have none); French posts end with the
# French entry's block.
FRENCH = {name: "/fr" + url for name, url in POSTS.items() if name not in ("join", "sensors", "timelapse")}
FRENCH["join"] = "/fr/rejoignez-le-comptage/"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content"))


def changed_pages(content: Path, edit: Callable[[Path], None]) -> set[str]:
    """The URLs whose signature the edit changes: those a rebuild renders again."""
    before = page_signatures(load_site(content, now=SAMPLE_NOW), content_dir=content)
    edit(content)
    after = page_signatures(load_site(content, now=SAMPLE_NOW), content_dir=content)
    assert before.keys() == after.keys()
    return {url for url, signature in after.items() if before[url] != signature}


@pytest.mark.parametrize(("pattern", "replacement", "homes"), [
    # The site-wide first button also names what the other languages' first buttons are counted as.
    (r"\{label: Donate,", "{label: Give today,", ("/", "/fr/", "/ar/")),
    (r"value: \"12\", label: volunteer", 'value: "14", label: volunteer', "/"),
    (r"heading: Clean air on every street", "heading: Clean air on all our streets", "/"),
    # Each language's own, in its entry of `languages:`.
    (r"heading: De l’air pur dans chaque rue", "heading: De l’air pur dans toutes nos rues", "/fr/"),
    (r"\{label: Accueillir un capteur,", "{label: Héberger un capteur,", "/fr/"),
    (r"value: \"3\", label: مدارس", 'value: "4", label: مدارس', "/ar/"),
])
def test_the_home_pages_settings_render_their_home_page_alone(content: Path, pattern, replacement, homes) -> None:
    expected = set(homes) if isinstance(homes, tuple) else {homes}
    assert changed_pages(content, lambda c: replace_in(c / "site.yml", pattern, replacement)) == expected


@pytest.mark.parametrize(("heading", "versions"), [("Help us count the air", POSTS),
                                                  ("Aidez-nous à mesurer l’air", FRENCH)])
def test_the_block_ending_posts_renders_the_posts_that_use_it(content: Path, heading, versions) -> None:
    """The site's block ends the English posts, the French entry's the French ones."""
    edit = lambda c: replace_in(c / "site.yml", f"heading: {heading}", "heading: Keep them running")
    users = ("join", "timelapse", "map", "film", "streets", "started")
    assert changed_pages(content, edit) == {versions[name] for name in users if name in versions}


def carried_whole(*tags: str) -> set[str]:
    """The feeds that carry an edited post whole (every edit of its file renders them again)."""
    return {"/feed.xml", "/atom.xml", *(f"/tags/{tag}/feed.xml" for tag in tags)}


def test_featuring_a_post_renders_it_and_the_home_page(content: Path) -> None:
    edit = lambda c: replace_in(c / "posts/sensor-map.md", r"^title:", "featured: true\ntitle:")
    assert changed_pages(content, edit) == {POSTS["map"], "/"} | carried_whole("sensors", "maps")


def test_featuring_a_post_on_an_older_page_renders_it_and_the_home_page(content: Path) -> None:
    edit = lambda c: replace_in(c / "posts/2026-03-14-why-we-started.md", r"^featured: true\n", "")
    # Not /page/2/, which shows every post alike, nor the tags' and categories' pages.
    assert changed_pages(content, edit) == {POSTS["started"], "/"} | carried_whole("campaign", "community")


def test_a_redrawn_cover_renders_the_pages_showing_it(content: Path) -> None:
    edit = lambda c: replace_in(c / "media/live-reading.svg", r'width="960" height="400"', 'width="1200" height="500"')
    assert changed_pages(content, edit) == {
        "/media/live-reading.svg", POSTS["join"], "/", "/tags/sensors/", "/tags/community/", "/categories/how-to/",
        FRENCH["join"], "/fr/", "/fr/tags/capteurs/", "/fr/tags/quartier/", "/fr/categories/pratique/"}


def test_a_rebuild_after_a_call_to_action_changes_the_home_page_alone(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first, _ = build_site(content, out, cache_dir=cache)
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    replace_in(content / "site.yml", r"text: £5 keeps a sensor online for a month.", "text: £5 runs a sensor.")

    again, _ = build_site(content, out, cache_dir=cache)

    assert again.files - again.kept == 1
    after = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    changed = [path.relative_to(out).as_posix() for path in after if after[path] != before[path]]
    assert changed == ["index.html"]
    assert "£5 runs a sensor." in (out / "index.html").read_text()
