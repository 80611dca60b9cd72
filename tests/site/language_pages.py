"""Reading a built site of several languages, for the tests of a tmp site's (test_language_pages) and of the
sample's (test_sample_languages): its pages by URL, the versions each page's head and the sitemap link, the
language switcher, and the two checks every such build must pass: hreflang reciprocated, and the sitemap's
alternates those of each page's head."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path

import lxml.html

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
X_DEFAULT = "x-default"


def html_pages(out: Path, base: str) -> dict[str, lxml.html.HtmlElement]:
    """Every HTML page of the build by its URL (absolute, from `base`), parsed."""
    pages = {}
    for path in sorted(out.rglob("*.html")):
        url = "/" + path.relative_to(out).as_posix()
        pages[base + url.removesuffix("index.html")] = lxml.html.fromstring(path.read_bytes())
    return pages


def listed_pages(out: Path, base: str) -> dict[str, lxml.html.HtmlElement]:
    """The pages readers and crawlers browse: all but the 404 page, the service's shell, the redirects and the
    pages asking not to be indexed (the Mastodon share page)."""
    return {url: page for url, page in html_pages(out, base).items()
            if not url.endswith(("/404.html", "/shell.html")) and not page.xpath("//meta[@http-equiv='refresh']")
            and not page.xpath("//meta[@name='robots'][@content='noindex']")}


def alternates(page: lxml.html.HtmlElement) -> dict[str, str]:
    """hreflang -> URL of each version the page's head links."""
    return {link.get("hreflang"): link.get("href") for link in page.xpath("//head/link[@rel='alternate'][@hreflang]")}


def switcher(page: lxml.html.HtmlElement) -> list[tuple[str, str, str, str, str | None]]:
    """(text, href, hreflang, lang, aria-current) of each link of the switcher (labelled in the page's language)."""
    links = page.xpath("//header//nav[@class='languages']//a")
    return [(link.text, link.get("href"), link.get("hreflang"), link.get("lang"), link.get("aria-current"))
            for link in links]


def sitemap_alternates(out: Path) -> dict[str, dict[str, str]]:
    """Each URL the sitemap lists, with hreflang -> URL of the versions it gives it."""
    sitemap = ET.parse(out / "sitemap.xml").getroot()
    return {
        entry.findtext("s:loc", namespaces=SITEMAP_NS): {
            link.get("hreflang"): link.get("href") for link in entry.findall("x:link", SITEMAP_NS)}
        for entry in sitemap.findall("s:url", SITEMAP_NS)
    }


def assert_hreflang_reciprocated(pages: dict[str, lxml.html.HtmlElement], language_of: Callable[[str], str],
                                 order: Sequence[str], default: str) -> None:
    """Each page links itself, its versions in site.yml's `order` and x-default (the `default` language's
    version, else the first), and every version links the very same set back."""
    for url, page in pages.items():
        versions = alternates(page)
        assert versions.get(language_of(url)) == url, f"{url} does not list itself"
        own = {code: href for code, href in versions.items() if code != X_DEFAULT}
        assert list(own) == [code for code in order if code in own], url
        assert versions[X_DEFAULT] == own.get(default, next(iter(own.values()))), url
        for code, href in own.items():
            assert language_of(href) == code, (url, code)
            assert alternates(pages[href]) == versions, f"{href} does not link back to {url} as it links it"


def assert_sitemap_matches_heads(out: Path, pages: dict[str, lxml.html.HtmlElement]) -> None:
    """The sitemap lists every page, each with the versions its head links."""
    listed = sitemap_alternates(out)
    assert sorted(listed) == sorted(pages)
    assert {url: alternates(page) for url, page in pages.items()} == listed
