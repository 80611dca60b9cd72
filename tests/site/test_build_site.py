"""End to end: the sample site frozen into a folder, checked the way a browser, a crawler and a CDN see it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from herald_site.content import load_site
from herald_site.urls import SHELL, site_paths
from tests.conftest import REPO_ROOT, SAMPLE_CONTENT
from tests.site.conftest import SAMPLE_NOW, BuiltSite, freeze_sample, snapshot

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
URL_ATTRIBUTES = {"href", "src", "poster"}


class References(HTMLParser):
    """Every URL an HTML file refers to, and the ids it defines (for #fragment links)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value:
                self.urls.append((tag, value))
            if name == "id" and value:
                self.ids.add(value)


def references(path: Path) -> References:
    parser = References()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_url(site: BuiltSite, path: Path) -> str:
    relative = path.relative_to(site.root).as_posix()
    return site.base_url + "/" + relative.removesuffix("index.html")


def internal(site: BuiltSite, absolute: str) -> bool:
    return absolute.startswith(site.base_url + "/")


def test_every_internal_link_and_asset_leads_to_a_built_file(built_sample: BuiltSite) -> None:
    broken = []
    for html_file in built_sample.html_files():
        here = page_url(built_sample, html_file)
        for tag, url in references(html_file).urls:
            target = urljoin(here, url)
            if not internal(built_sample, target):
                continue
            target_file = built_sample.file_for(target)
            fragment = urlsplit(target).fragment
            if not target_file.is_file():
                broken.append(f"{html_file.relative_to(built_sample.root)}: <{tag}> {url}")
            elif fragment and target_file.suffix == ".html" and fragment not in references(target_file).ids:
                broken.append(f"{html_file.relative_to(built_sample.root)}: <{tag}> {url} (no such anchor)")
    assert broken == []


def test_nothing_is_loaded_from_another_host(built_sample: BuiltSite) -> None:
    loaded_elsewhere = [
        (html_file.name, url)
        for html_file in built_sample.html_files()
        for tag, url in references(html_file).urls
        if tag != "a" and not internal(built_sample, urljoin(page_url(built_sample, html_file), url))
    ]
    assert loaded_elsewhere == []


def test_the_sitemap_lists_exactly_the_built_pages(built_sample: BuiltSite) -> None:
    tree = ET.parse(built_sample.root / "sitemap.xml")
    listed = [loc.text or "" for loc in tree.getroot().findall("sm:url/sm:loc", SITEMAP_NS)]
    assert len(listed) == len(set(listed))
    assert all(url.startswith(built_sample.base_url + "/") for url in listed)
    listed_files = {built_sample.file_for(url) for url in listed}
    not_for_readers = {built_sample.file_for(folder + path) for folder in ("", "/fr", "/ar")
                       for path in ("/404.html", SHELL, "/share/mastodon/")}
    assert built_sample.redirect_pages() and listed_files == set(built_sample.themed_pages()) - not_for_readers


def test_robots_names_the_sitemap(built_sample: BuiltSite) -> None:
    robots = (built_sample.root / "robots.txt").read_text()
    assert f"Sitemap: {built_sample.base_url}/sitemap.xml" in robots.splitlines()


def test_the_build_has_exactly_the_sites_urls(built_sample: BuiltSite) -> None:
    """Our freezer and the content model's list of URL shapes agree on every file."""
    index = load_site(SAMPLE_CONTENT, now=SAMPLE_NOW)
    expected_urls = set(site_paths(index))
    expected_urls |= {"/media/" + path.relative_to(SAMPLE_CONTENT / "media").as_posix()
                      for path in (SAMPLE_CONTENT / "media").rglob("*") if path.is_file()}
    theme_files = {*(f"static/{path.name}" for path in (REPO_ROOT / "site" / "web" / "static").iterdir())}
    built = {path.relative_to(built_sample.root).as_posix() for path in built_sample.root.rglob("*") if path.is_file()}
    assert built == {built_sample.file_for(url).relative_to(built_sample.root).as_posix() for url in expected_urls}
    assert theme_files < built


def test_summary_counts_what_was_written(built_sample: BuiltSite) -> None:
    summary = built_sample.summary
    assert summary.pages == len(built_sample.html_files())
    folders = ["", "fr/", "ar/"]  # each language's: its RSS and Atom feeds and one per tag
    assert summary.feeds == sum(2 + len(list(built_sample.root.glob(f"{folder}tags/*/feed.xml"))) for folder in folders)
    assert summary.files == sum(1 for path in built_sample.root.rglob("*") if path.is_file())
    assert summary.seconds > 0


DRAFT = "/2026/11/01/letter-to-the-council/"
FUTURE = "/2099/09/22/car-free-day/"


def mentions(site: BuiltSite, text: str) -> list[str]:
    return [path.name for path in site.root.rglob("*") if path.is_file() and path.suffix in {".html", ".xml"}
            and text in path.read_text(encoding="utf-8")]


def test_drafts_and_future_posts_are_left_out(built_sample: BuiltSite) -> None:
    for url in (DRAFT, FUTURE):
        assert not built_sample.file_for(url).exists()
        assert mentions(built_sample, url) == []
    assert mentions(built_sample, "Car-free day") == []


def test_drafts_and_future_posts_are_in_a_drafts_build(built_sample_with_drafts: BuiltSite) -> None:
    site = built_sample_with_drafts
    for url in (DRAFT, FUTURE):
        assert site.file_for(url).is_file()
        assert {"sitemap.xml", "feed.xml", "atom.xml"} <= set(mentions(site, url))
    assert "Disallow: /" in (site.root / "robots.txt").read_text()


def test_freezing_twice_gives_identical_bytes(built_sample: BuiltSite, tmp_path: Path) -> None:
    again = freeze_sample(tmp_path / "again")
    first, second = snapshot(built_sample.root), snapshot(again.root)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
