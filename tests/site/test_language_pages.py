"""Each language's pages: the default language at the root, the others under /<lang>/, each with its home, lists,
tags, categories, archive and feeds; `<html lang dir>`, hreflang links reciprocated on every page and in the
sitemap; the language switcher; one-language sites as they were (issue 15, item 2).

A trilingual site in tmp_path is built once, with what the sample lacks (a post only in French, a listing of two
pages in two languages, French listed first); test_sample_languages checks the sample's build.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import lxml.html
import pytest
from flask import Flask, url_for

from herald_site import create_app
from herald_site.build.pipeline import build_site
from herald_site.content import SiteIndex, load_site
from herald_site.urls import SHAPES, STATIC, STATIC_FOLDER, output_file, site_paths
from herald_site.web.served_index import current_index
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import MINIMAL_SITE_YML, ContentFolder
from tests.site.language_pages import (
    alternates,
    assert_hreflang_reciprocated,
    assert_sitemap_matches_heads,
    html_pages,
    listed_pages,
    switcher,
)
from tests.site.test_incremental import Builds

NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)
BASE = "https://test.example.org"
SITE_YML = MINIMAL_SITE_YML + """\
posts_per_page: 2
languages:
  - {code: fr, name: Français}
  - {code: en, name: English, default: true}
  - {code: ar, name: العربية}
"""
FOLDERS = {"fr": "/fr/", "ar": "/ar/"}  # the default language, en, is at the root


def write_multilingual_site(root: Path) -> ContentFolder:
    """English, French and Arabic posts, translated or not: two pages of posts in English and French, one in
    Arabic; a tag in all three, others in one; a page in two languages and one only in French."""
    content = ContentFolder(root)
    content.site_yml(SITE_YML)
    content.post("2024-05-01-one.md", "title: One\ntags: [air]\ncategories: [Research]")
    content.post("2024-05-02-two.md", "title: Two\ntags: [air]")
    content.post("2024-05-03-three.md", "title: Three\ntags: [traffic]")
    content.post("2024-05-01-one.fr.md", "title: Un\ntags: [air]\ncategories: [Recherche]")
    content.post("2024-05-02-two.fr.md", "title: Deux\ntags: [air]")
    content.post("2024-05-04-seule.fr.md", "title: Seule\ntags: [pollution]")
    content.post("2024-05-01-one.ar.md", "title: واحد\ntags: [air]")
    content.page("about.md", "title: About")
    content.page("about.fr.md", "title: À propos")
    content.page("ecoles.fr.md", "title: Écoles")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("multilingual")
    content = write_multilingual_site(root / "content")
    build_site(content.root, root / "out")
    return root / "out"


def language_of(url: str) -> str:
    return next((code for code, folder in FOLDERS.items() if url.startswith(BASE + folder)), "en")


# --- each language's pages ---


def test_each_language_has_its_home_lists_archive_and_feeds(built: Path) -> None:
    expected = ["", "page/2/", "tags/", "tags/air/", "tags/air/feed.xml", "archive/", "archive/2024/", "feed.xml",
                "atom.xml"]
    for folder in ("/", "/fr/", "/ar/"):
        missing = [url for url in expected if not (built / output_file(folder + url).lstrip("/")).is_file()]
        assert missing == (["page/2/"] if folder == "/ar/" else []), folder  # one Arabic post: one page
    assert (built / "categories/research/index.html").is_file()
    assert (built / "fr/categories/recherche/index.html").is_file()
    assert not (built / "categories/recherche").exists() and not (built / "fr/categories/research").exists()
    assert (built / "fr/tags/pollution/index.html").is_file() and not (built / "tags/pollution").exists()


def test_every_page_lists_and_links_only_posts_of_its_language(built: Path) -> None:
    post_link = re.compile(r"^(/[a-z]{2})?/\d{4}/\d\d/\d\d/[^/]+/$")
    for url, page in html_pages(built, BASE).items():
        code = page.get("lang")
        folder = FOLDERS.get(code, "/")
        linked = [href for href in page.xpath("//main//a/@href") if post_link.match(href)]
        assert [href for href in linked if not href.startswith(folder) or
                (folder == "/" and href.startswith(("/fr/", "/ar/")))] == [], url
    french_home = html_pages(built, BASE)[BASE + "/fr/"]
    assert french_home.xpath("//main//*[@class='card-title']/a/text()") == ["Seule", "Deux"]


def test_every_page_says_its_language_and_direction(built: Path) -> None:
    for url, page in html_pages(built, BASE).items():
        code = language_of(url)
        assert (page.get("lang"), page.get("dir")) == (code, "rtl" if code == "ar" else "ltr"), url


def test_a_post_links_its_tags_categories_and_feeds_in_its_language(built: Path) -> None:
    page = html_pages(built, BASE)[BASE + "/fr/2024/05/01/one/"]
    assert page.xpath("//ul[@class='taxa']//a/@href") == ["/fr/categories/recherche/", "/fr/tags/air/"]
    assert page.xpath("//head/link[@type='application/rss+xml']/@href") == ["/fr/feed.xml"]
    assert page.xpath("//a[@class='site-title']/@href") == ["/fr/"]


# --- hreflang ---


def test_hreflang_links_each_version_and_x_default_on_every_page_reciprocated(built: Path) -> None:
    """x-default is English's version though site.yml lists French first."""
    assert_hreflang_reciprocated(listed_pages(built, BASE), language_of, ("fr", "en", "ar"), "en")


@pytest.mark.parametrize(("url", "versions"), [
    ("/2024/05/01/one/", {"en": "/2024/05/01/one/", "fr": "/fr/2024/05/01/one/", "ar": "/ar/2024/05/01/one/",
                          "x-default": "/2024/05/01/one/"}),
    ("/fr/2024/05/04/seule/", {"fr": "/fr/2024/05/04/seule/", "x-default": "/fr/2024/05/04/seule/"}),
    ("/fr/about/", {"en": "/about/", "fr": "/fr/about/", "x-default": "/about/"}),
    ("/fr/page/2/", {"en": "/page/2/", "fr": "/fr/page/2/", "x-default": "/page/2/"}),
    ("/ar/tags/air/", {"en": "/tags/air/", "fr": "/fr/tags/air/", "ar": "/ar/tags/air/", "x-default": "/tags/air/"}),
    ("/fr/categories/recherche/", {"fr": "/fr/categories/recherche/", "x-default": "/fr/categories/recherche/"}),
])
def test_the_versions_of_a_page(built: Path, url: str, versions: dict[str, str]) -> None:
    """x-default is the default language's version (English, though site.yml lists French first), else the first
    version in site.yml's order."""
    assert alternates(listed_pages(built, BASE)[BASE + url]) == {code: BASE + path for code, path in versions.items()}


def test_the_sitemap_lists_every_page_with_the_versions_its_head_links(built: Path) -> None:
    assert_sitemap_matches_heads(built, listed_pages(built, BASE))


# --- the language switcher ---


def test_the_switcher_links_each_translation(built: Path) -> None:
    assert switcher(html_pages(built, BASE)[BASE + "/fr/2024/05/01/one/"]) == [
        ("Français", "/fr/2024/05/01/one/", "fr", "fr", "page"),
        ("English", "/2024/05/01/one/", "en", "en", None),
        ("العربية", "/ar/2024/05/01/one/", "ar", "ar", None),
    ]


def test_the_switcher_links_the_language_s_home_where_a_translation_is_missing(built: Path) -> None:
    pages = html_pages(built, BASE)
    assert switcher(pages[BASE + "/fr/ecoles/"]) == [
        ("Français", "/fr/ecoles/", "fr", "fr", "page"),
        ("English", "/", "en", "en", None),
        ("العربية", "/ar/", "ar", "ar", None),
    ]
    assert [link[1] for link in switcher(pages[BASE + "/fr/page/2/"])] == ["/fr/page/2/", "/page/2/", "/ar/"]
    assert switcher(pages[BASE + "/404.html"]) == [
        ("Français", "/fr/", "fr", "fr", None), ("English", "/", "en", "en", "true"),
        ("العربية", "/ar/", "ar", "ar", None)]
    assert alternates(pages[BASE + "/404.html"]) == {}  # the page of every unknown address has no versions


# --- feeds ---


@pytest.mark.parametrize("code", ["en", "fr", "ar"])
@pytest.mark.parametrize("name", ["feed.xml", "atom.xml", "tags/air/feed.xml"])
def test_each_language_s_feeds_carry_its_posts_in_its_language(built: Path, code: str, name: str) -> None:
    folder = FOLDERS.get(code, "/")
    index = load_site(built.parent / "content", now=NOW)
    listing = index.listings[code]
    posts = listing.tags["air"].posts if name.startswith("tags/") else listing.posts
    parsed = feedparser.parse((built / (folder + name).lstrip("/")).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == code
    assert [entry.link for entry in parsed.entries] == [BASE + post.url_path for post in posts]
    assert parsed.feed.link == BASE + folder + ("tags/air/" if name.startswith("tags/") else "")


# --- routes, serve and rebuilds ---


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    content = write_multilingual_site(tmp_path_factory.mktemp("routes") / "content")
    content.page("faq.md", "title: FAQ")  # a page whose name could be a language's, and is none of this site's
    content.page("frog.md", "title: Frogs\npermalink: /frog/tags/x/")
    return create_app(content.root, now=NOW)


@pytest.mark.parametrize(("url", "status", "text"), [
    ("/fr/", 200, "Seule"), ("/ar/", 200, "واحد"), ("/faq/", 200, "FAQ"), ("/frog/tags/x/", 200, "Frogs"),
    ("/de/", 404, None), ("/FR/", 404, None), ("/fr/page/3/", 404, None), ("/ar/tags/traffic/", 404, None),
])
def test_a_language_s_folder_is_served_and_no_other_first_part_is_taken(app: Flask, url: str, status: int,
                                                                         text: str | None) -> None:
    response = app.test_client().get(url)
    assert response.status_code == status
    assert text is None or text in response.get_data(as_text=True)


def test_a_missing_list_page_is_a_404_in_its_language_without_versions(app: Flask) -> None:
    response = app.test_client().get("/fr/tags/nothing/")
    page = lxml.html.fromstring(response.get_data())
    assert (response.status_code, page.get("lang"), alternates(page)) == (404, "fr", {})
    assert [link[1] for link in switcher(page)] == ["/fr/", "/", "/ar/"]


def test_every_shape_builds_and_serves_each_language_s_paths(app: Flask) -> None:
    adapter = app.url_map.bind("localhost")
    with app.test_request_context():
        index = current_index()
        for shape in SHAPES:
            for values in shape.values(index):
                path = shape.path(**values)
                assert url_for(shape.endpoint, **values) == path
                assert adapter.match(path) == (shape.endpoint, values), path
    assert {path for path in site_paths(index) if path.startswith("/fr/")} >= {"/fr/", "/fr/page/2/", "/fr/atom.xml"}


def test_serve_gives_a_language_added_to_site_yml_its_folder(tmp_path: Path) -> None:
    content = ContentFolder(tmp_path / "content")
    content.post("2024-05-01-un.fr.md", "title: Un")
    app = create_app(content.root, now=NOW, watch=True)
    assert app.test_client().get("/fr/").status_code == 404
    content.site_yml(SITE_YML)
    response = app.test_client().get("/fr/")
    assert response.status_code == 200 and "Un" in response.get_data(as_text=True)
    content.site_yml(MINIMAL_SITE_YML)
    assert app.test_client().get("/fr/").status_code == 404


def test_adding_a_translation_rebuilds_the_original_s_page(tmp_path: Path) -> None:
    builds = Builds(tmp_path, Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")))
    builds.rebuild_and_compare()
    original = builds.out / "2026/04/02/reading-the-sensors/index.html"  # the sample's post in English only
    translation = "https://cleanair.example.org/fr/2026/04/02/reading-the-sensors/"
    assert alternates(lxml.html.fromstring(original.read_bytes())).get("fr") is None
    (builds.content / "posts/2026-04-02-reading-the-sensors.fr.md").write_text("---\ntitle: Lire\n---\nDeux.\n")
    summary = builds.rebuild_and_compare()  # as a clean build: the original's page links its translation
    assert alternates(lxml.html.fromstring(original.read_bytes())).get("fr") == translation
    assert summary.kept > 0  # the rest of the site was kept


# --- a site of one language ---


def test_a_site_of_one_language_keeps_its_urls_and_links_no_versions(tmp_path: Path) -> None:
    """A site whose names look like languages': no hreflang, no dir, no switcher, no xhtml namespace, its URLs as
    ever (the golden test pins the sample, which has three languages)."""
    content = ContentFolder(tmp_path / "content")
    content.post("2024-05-01-notes.fr.md", "title: Notes\ntags: [air]")
    content.page("fr.md", "title: France")
    build_site(content.root, tmp_path / "out")
    index = load_site(content.root, now=NOW)
    theme = {STATIC.path(filename=path.name) for path in STATIC_FOLDER.iterdir()}
    built = {"/" + path.relative_to(tmp_path / "out").as_posix() for path in (tmp_path / "out").rglob("*")
             if path.is_file()}
    assert built == {output_file(path) for path in [*site_paths(index), *theme]}
    assert "/fr/index.html" in built and "/2024/05/01/notes-fr/index.html" in built
    assert not any(path.startswith("/en/") for path in built)
    for path in built:
        if path.endswith((".html", ".xml")):
            text = (tmp_path / "out" / path.lstrip("/")).read_text(encoding="utf-8")
            assert "hreflang" not in text and 'aria-label="Languages"' not in text and " dir=" not in text, path
            assert "xmlns:xhtml" not in text, path
