"""Redirects: `redirect_from` and `redirect_to` in frontmatter (as jekyll-redirect-from has them) and site.yml's
`redirects` write a page per old address that works on any host, and Netlify's `_redirects` with 301s; an old
address that is a page's, taken twice, leading out of the site or to a missing page is a content error."""

from __future__ import annotations

import html
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from build import main
from herald_site.content import check_site
from tests.site.conftest import MINIMAL_SITE_YML, ContentFolder


def build(content: ContentFolder, out: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--content", str(content.root), "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output


def assert_redirect_page(page: Path, address: str, canonical: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url={html.escape(address)}">' in text
    assert f'<link rel="canonical" href="{html.escape(canonical)}">' in text
    assert f'<a href="{html.escape(address)}">' in text
    assert '<meta name="robots" content="noindex">' in text


def test_old_addresses_of_documents_and_site_yml_redirect_on_any_host_and_on_netlify(
    content: ContentFolder, tmp_path: Path
) -> None:
    content.site_yml(MINIMAL_SITE_YML + "redirects:\n  - {from: /give/, to: 'https://donate.example.org/?a=1&b=2'}\n"
                     "  - {from: /team.html, to: /about/}\n")
    content.post("2024-01-02-air.md", "title: Air\nredirect_from: /air-old/")
    content.page("about.md", "title: About\nredirect_from: [/who/, /about-us.html, /هواء/]")
    content.page("shop.md", "redirect_to: https://shop.example.org/")  # a page that only redirects needs no title
    out = tmp_path / "out"

    build(content, out)

    assert_redirect_page(out / "air-old/index.html", "/2024/01/02/air/", "https://test.example.org/2024/01/02/air/")
    assert_redirect_page(out / "who/index.html", "/about/", "https://test.example.org/about/")
    assert_redirect_page(out / "about-us.html", "/about/", "https://test.example.org/about/")
    assert_redirect_page(out / "هواء/index.html", "/about/", "https://test.example.org/about/")
    assert_redirect_page(out / "team.html", "/about/", "https://test.example.org/about/")
    assert_redirect_page(out / "give/index.html", "https://donate.example.org/?a=1&b=2",
                         "https://donate.example.org/?a=1&b=2")
    assert_redirect_page(out / "shop/index.html", "https://shop.example.org/", "https://shop.example.org/")
    assert sorted((out / "_redirects").read_text(encoding="utf-8").splitlines()[1:]) == sorted([
        "/air-old/ /2024/01/02/air/ 301", "/who/ /about/ 301", "/about-us.html /about/ 301",
        "/%D9%87%D9%88%D8%A7%D8%A1/ /about/ 301", "/give/ https://donate.example.org/?a=1&b=2 301",
        "/team.html /about/ 301", "/shop/ https://shop.example.org/ 301",
    ])
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/about/" in sitemap and "/who/" not in sitemap and "about-us.html" not in sitemap
    assert "/shop/" not in sitemap  # a page that only redirects


def test_a_post_that_only_redirects_is_in_no_list_feed_or_sitemap(content: ContentFolder, tmp_path: Path) -> None:
    content.post("2024-01-02-air.md", "title: Clean air\ntags: [air]\ncategories: [news]")
    content.post("2024-01-03-moved.md", "title: Moved away\ntags: [air]\ncategories: [news]\n"
                 "redirect_to: /2024/01/02/air/\nredirect_from: /moved-old/", "Gone.\n")
    out = tmp_path / "out"

    build(content, out)

    assert_redirect_page(out / "2024/01/03/moved/index.html", "/2024/01/02/air/",
                         "https://test.example.org/2024/01/02/air/")
    assert_redirect_page(out / "moved-old/index.html", "/2024/01/02/air/", "https://test.example.org/2024/01/02/air/")
    listings = ["index.html", "tags/air/index.html", "categories/news/index.html", "archive/index.html",
                "archive/2024/index.html", "feed.xml", "atom.xml", "tags/air/feed.xml", "sitemap.xml"]
    for listing in listings:
        text = (out / listing).read_text(encoding="utf-8")
        assert "Moved away" not in text and "/2024/01/03/moved/" not in text, listing
    assert "Clean air" in (out / "tags/air/index.html").read_text(encoding="utf-8")
    older = (out / "2024/01/02/air/index.html").read_text(encoding="utf-8")
    assert "Moved away" not in older  # no neighbour link to it either
    assert "/2024/01/03/moved/ /2024/01/02/air/ 301" in (out / "_redirects").read_text(encoding="utf-8")


def test_a_site_without_redirects_writes_no_redirects_file(content: ContentFolder, tmp_path: Path) -> None:
    content.post("2024-01-02-air.md", "title: Air")
    build(content, tmp_path / "out")
    assert not (tmp_path / "out/_redirects").exists()


def test_an_html_pattern_keeps_the_html_address_as_a_redirect(content: ContentFolder, tmp_path: Path) -> None:
    content.site_yml(MINIMAL_SITE_YML + "permalink: date\n")
    content.post("2024-01-02-air.md", "title: Air\ncategories: [News]")
    content.post("2024-01-03-own.md", "title: Own\npermalink: /own/")  # its own permalink: no .html address
    out = tmp_path / "out"

    build(content, out)

    assert (out / "news/2024/01/02/air/index.html").is_file()
    assert_redirect_page(out / "news/2024/01/02/air.html", "/news/2024/01/02/air/",
                         "https://test.example.org/news/2024/01/02/air/")
    assert (out / "_redirects").read_text().splitlines()[1:] == ["/news/2024/01/02/air.html /news/2024/01/02/air/ 301"]


@pytest.mark.parametrize(
    ("frontmatter", "words"),
    [
        ("redirect_from: /about/", "/about/ is the address of pages/about.md"),
        ("redirect_from: /a/", "/a/ is the address of pages/a.md"),  # its own URL
        ("redirect_from: /tags/", "/tags/ cannot redirect: Herald generates every page under /tags/"),
        ("redirect_from: /feed.xml/x.html", "its file would lie inside /feed.xml"),
        ("redirect_from: ../../outside", "'..' part"),
        ("redirect_from: /%2e%2e/outside.html", "'..' part"),
        ("redirect_from: {a: b}", "should be an old address"),
        ("redirect_to: /nowhere/", "`redirect_to` leads to /nowhere/, but the site has no page /nowhere/"),
        ("redirect_to: javascript:alert(1)", "should be a path on this site"),
    ],
)
def test_a_bad_redirect_in_frontmatter_is_an_error_at_its_line(
    content: ContentFolder, frontmatter: str, words: str
) -> None:
    content.page("about.md", "title: About")
    content.page("a.md", f"title: A\n{frontmatter}")
    problems = check_site(content.root)
    assert [(Path(p.path).name, p.line) for p in problems] == [("a.md", 3)], problems
    assert words in problems[0].message, problems[0].message


@pytest.mark.parametrize("source", ["/fr/tags/air/", "/fr/", "/fr/feed.xml/old.html"])
def test_an_old_address_may_not_take_herald_s_pages_in_a_language_s_folder(content: ContentFolder, source: str) -> None:
    content.site_yml(MINIMAL_SITE_YML + "languages:\n  - {code: en, name: English, default: true}\n"
                     "  - {code: fr, name: Français}\n")
    content.post("2024-01-02-air.fr.md", "title: Air\ntags: [air]")
    content.page("a.md", f"title: A\nredirect_from: {source}")
    problems = check_site(content.root)
    assert [(Path(p.path).name, p.line, p.field) for p in problems] == [("a.md", 3, "redirect_from")], problems
    assert f"{source} cannot redirect" in problems[0].message


def test_two_redirects_from_one_address_are_an_error(content: ContentFolder) -> None:
    content.site_yml(MINIMAL_SITE_YML + "redirects:\n  - {from: /old/, to: /b/}\n")
    content.page("a.md", "title: A\nredirect_from: /old")
    content.page("b.md", "title: B")
    problems = check_site(content.root)
    assert [(Path(p.path).name, p.line) for p in problems] == [("site.yml", 6)], problems
    assert "/old/ redirects twice: in pages/a.md and in site.yml" in problems[0].message


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("{from: /old/, to: /missing/}", "/old/ redirects to /missing/, but the site has no page /missing/"),
        ("{from: /old/, to: 'ftp://x.example/'}", "should be a path on this site"),
        ("{from: ../x/, to: /}", "'..' part"),
        ("{from: /old/}", "needs from, to"),
    ],
)
def test_a_bad_redirect_in_site_yml_is_an_error_at_its_line(content: ContentFolder, entry: str, words: str) -> None:
    content.site_yml(MINIMAL_SITE_YML + f"description: x\nredirects:\n  - {{from: /fine/, to: /}}\n  - {entry}\n")
    problems = check_site(content.root)
    assert [Path(p.path).name for p in problems] == ["site.yml"], problems
    assert problems[0].line in (6, 8) and words in problems[0].message, problems[0]


@pytest.mark.parametrize("source", ["../../escaped/", "/%2e%2e/%2e%2e/escaped.html", "..\\\\..\\\\escaped.html"])
def test_a_redirect_leading_out_of_the_site_stops_the_build_before_anything_is_written(
    content: ContentFolder, tmp_path: Path, source: str
) -> None:
    content.site_yml(MINIMAL_SITE_YML + f"redirects:\n  - {{from: '{source}', to: /}}\n")
    out = tmp_path / "deep" / "down" / "out"

    result = CliRunner().invoke(main, ["build", "--content", str(content.root), "--out", str(out), "--no-cache"])

    assert result.exit_code == 1 and "site.yml:6: a redirect's `from`" in result.stderr, result.stderr
    assert not (tmp_path / "deep").exists() and not list(tmp_path.rglob("escaped*"))


def test_an_html_address_in_a_language_s_folder_redirects_beside_that_language_s_404_page(
    content: ContentFolder, tmp_path: Path
) -> None:
    """/fr/ancien.html is an old address and /fr/404.html the French 404 page: neither rule hides the other."""
    content.site_yml(MINIMAL_SITE_YML + "languages:\n  - {code: en, name: English, default: true}\n"
                     "  - {code: fr, name: Français}\n")
    content.page("a.md", "title: A")
    content.page("a.fr.md", "title: A\nredirect_from: /fr/ancien.html")
    out = tmp_path / "out"

    build(content, out)

    assert_redirect_page(out / "fr/ancien.html", "/fr/a/", "https://test.example.org/fr/a/")
    assert '<html lang="fr"' in (out / "fr/404.html").read_text(encoding="utf-8")


def test_hugo_s_aliases_are_old_addresses_merged_with_redirect_from(content: ContentFolder, tmp_path: Path) -> None:
    """Hugo's `aliases:` lists old addresses as redirect_from does: from the site's root, or, written without a
    leading /, from the document's folder, as Hugo reads them; both keys together give every address once."""
    content.post("2024-01-02-air.md", "title: Air\nredirect_from: /air-old/\n"
                 "aliases: [/posts/air/, air-2019.html, /air-old/]")
    content.page("about.md", "title: About\naliases: /who/")
    out = tmp_path / "out"

    build(content, out)

    for page in ("air-old/index.html", "posts/air/index.html", "2024/01/02/air-2019.html"):
        assert_redirect_page(out / page, "/2024/01/02/air/", "https://test.example.org/2024/01/02/air/")
    assert_redirect_page(out / "who/index.html", "/about/", "https://test.example.org/about/")
    assert sorted((out / "_redirects").read_text(encoding="utf-8").splitlines()[1:]) == sorted([
        "/air-old/ /2024/01/02/air/ 301", "/posts/air/ /2024/01/02/air/ 301",
        "/2024/01/02/air-2019.html /2024/01/02/air/ 301", "/who/ /about/ 301"])


@pytest.mark.parametrize(
    ("aliases", "words"),
    [
        ("[/fine/, ../../x/]", "`aliases` '../../x/' has a '..' part"),
        ("{a: b}", "`aliases` should be an old address"),
        ("[/about/]", "`redirect_from`: /about/ is the address of pages/about.md, so it cannot redirect"),
    ],
)
def test_a_bad_alias_is_an_error_at_its_line(content: ContentFolder, aliases: str, words: str) -> None:
    content.page("about.md", "title: About")
    content.page("a.md", f"title: A\naliases: {aliases}")
    problems = check_site(content.root)
    assert [(Path(p.path).name, p.line) for p in problems] == [("a.md", 3)], problems
    assert words in problems[0].message, problems[0].message


def test_a_redirect_page_speaks_the_language_of_the_page_it_leads_to(content: ContentFolder, tmp_path: Path) -> None:
    """Its title says what happens in the target document's language, with `lang` and `dir`; a target that is no
    document of the site (another site's address) takes the default language."""
    content.site_yml(MINIMAL_SITE_YML + "languages:\n  - {code: en, name: English, default: true}\n"
                     "  - {code: fr, name: Français}\n  - {code: ar, name: العربية}\n"
                     "redirects:\n  - {from: /give/, to: 'https://donate.example.org/'}\n")
    content.page("a.md", "title: A\nredirect_from: /old-a/")
    content.page("a.fr.md", "title: A\nredirect_from: /fr/ancien-a/")
    content.page("a.ar.md", "title: A\nredirect_from: /ar/qadim/")
    out = tmp_path / "out"

    build(content, out)

    def head(path: str) -> tuple[str | None, str | None, str]:
        page = lxml.html.fromstring((out / path / "index.html").read_bytes())
        return page.get("lang"), page.get("dir"), page.findtext("head/title")

    assert head("fr/ancien-a") == ("fr", "ltr", "Redirection…")
    assert head("ar/qadim") == ("ar", "rtl", "جارٍ التحويل…")
    assert head("old-a") == ("en", "ltr", "Redirecting…")
    assert head("give") == ("en", "ltr", "Redirecting…")
