"""The sample site in three languages (issue 15, items 5 and 6): English at the root, French for every page and
all posts but one, one Arabic page read right to left. Its build links each page's versions both ways, in the
heads and the sitemap; each language's feeds carry that language's posts; the post in English only leads French
and Arabic readers to their language's home."""

from __future__ import annotations

import feedparser
import lxml.html
import pytest
from werkzeug.test import Client

from herald_site.build.built_site_server import static_site
from herald_site.content import load_site
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import SAMPLE_NOW, BuiltSite
from tests.site.language_pages import (
    alternates,
    assert_hreflang_reciprocated,
    assert_sitemap_matches_heads,
    html_pages,
    listed_pages,
    switcher,
)

ORDER = ("en", "fr", "ar")  # site.yml's
ENGLISH_ONLY = "/2026/04/02/reading-the-sensors/"


def language_of(url: str) -> str:
    """The language whose folder holds the page at `url`, absolute: English's is the root."""
    path = "/" + url.split("://", 1)[-1].split("/", 1)[-1]
    return next((code for code in ORDER[1:] if path.startswith(f"/{code}/")), "en")


@pytest.fixture(scope="module")
def pages(built_sample: BuiltSite) -> dict[str, lxml.html.HtmlElement]:
    return html_pages(built_sample.root, built_sample.base_url)


def test_hreflang_links_each_page_s_versions_reciprocated(built_sample: BuiltSite) -> None:
    assert_hreflang_reciprocated(listed_pages(built_sample.root, built_sample.base_url), language_of, ORDER, "en")


def test_the_sitemap_lists_every_page_with_the_versions_its_head_links(built_sample: BuiltSite) -> None:
    assert_sitemap_matches_heads(built_sample.root, listed_pages(built_sample.root, built_sample.base_url))


def test_every_page_says_its_language_and_direction(built_sample: BuiltSite, pages: dict) -> None:
    assert sum(url.startswith(built_sample.base_url + "/fr/") for url in pages) > 20  # 28: the loop checks them
    for url, page in pages.items():
        code = language_of(url)
        assert (page.get("lang"), page.get("dir")) == (code, "rtl" if code == "ar" else "ltr"), url


def test_the_arabic_page_is_written_right_to_left_in_arabic(built_sample: BuiltSite, pages: dict) -> None:
    page = pages[built_sample.base_url + "/ar/about/"]
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    assert page.xpath("string(//main//h1)").strip() == "من نحن"
    assert alternates(page) == {code: built_sample.base_url + path for code, path in
                                [("en", "/about/"), ("fr", "/fr/about/"), ("ar", "/ar/about/"), ("x-default", "/about/")]}


def test_the_post_in_english_only_leads_other_readers_to_their_language_s_home(built_sample: BuiltSite,
                                                                               pages: dict) -> None:
    page = pages[built_sample.base_url + ENGLISH_ONLY]
    assert switcher(page) == [("English", ENGLISH_ONLY, "en", "en", "page"), ("Français", "/fr/", "fr", "fr", None),
                              ("العربية", "/ar/", "ar", "ar", None)]
    assert alternates(page) == {"en": built_sample.base_url + ENGLISH_ONLY,
                                "x-default": built_sample.base_url + ENGLISH_ONLY}


def test_a_translated_post_switches_to_its_translation_and_its_custom_permalink(built_sample: BuiltSite,
                                                                                pages: dict) -> None:
    assert [link[1] for link in switcher(pages[built_sample.base_url + "/join-the-count/"])] == [
        "/join-the-count/", "/fr/rejoignez-le-comptage/", "/ar/"]
    french = pages[built_sample.base_url + "/fr/2026/03/14/why-we-started/"]
    assert french.xpath("//ul[@class='taxa']//a/@href") == [
        "/fr/categories/campagne/", "/fr/categories/actualites/", "/fr/tags/campagne/", "/fr/tags/quartier/"]


@pytest.mark.parametrize("code", ORDER)
@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_each_language_s_feeds_carry_its_posts_in_its_language(built_sample: BuiltSite, pages: dict, code: str,
                                                               name: str) -> None:
    folder = "/" if code == "en" else f"/{code}/"
    listing = load_site(SAMPLE_CONTENT, now=SAMPLE_NOW).listings[code]
    parsed = feedparser.parse(built_sample.file_for(folder + name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == code
    links = [entry.link for entry in parsed.entries]
    assert links == [built_sample.base_url + post.url_path for post in listing.posts]
    assert len(links) == {"en": 8, "fr": 6, "ar": 0}[code]  # French lacks two posts; Arabic has a page, no post
    assert [pages[link].get("lang") for link in links] == [code] * len(links)  # each a built page in the language


def test_the_french_posts_are_listed_in_french_lists_only(built_sample: BuiltSite, pages: dict) -> None:
    french = "/fr/2026/03/14/why-we-started/"

    def links_of(url: str) -> list[str]:
        return pages[built_sample.base_url + url].xpath("//main//a/@href")

    assert all(french in links_of(url) for url in ["/fr/", "/fr/archive/", "/fr/tags/campagne/",
                                                   "/fr/categories/campagne/"])
    assert not any(french in links_of(url) for url in ["/", "/archive/", "/tags/campaign/", "/categories/campaign/"])
    assert not built_sample.file_for("/categories/campagne/").exists()


def test_the_contact_page_names_its_topics_in_its_language(pages: dict, built_sample: BuiltSite) -> None:
    """site.yml's `labels` of each topic (issue 15, item 4); the service still takes the topics by key."""
    def topics(path: str) -> list[str]:
        return pages[built_sample.base_url + path].xpath("//dl[@class='contact-topics']//dt/text()")

    assert topics("/fr/contact/") == ["Questions générales", "Presse et médias", "Bénévolat"]
    assert topics("/contact/") == ["General questions", "Press and media", "Volunteering"]


@pytest.mark.parametrize(("code", "title", "menu", "heading"), [
    ("en", "Clean Air Now", ["Home", "About", "Board", "Contact"],
     "Clean air on every street and at every school gate"),
    ("fr", "De l’air pur, maintenant", ["Accueil", "À propos", "Forum", "Nous écrire"],
     "De l’air pur dans chaque rue et devant chaque école"),
    ("ar", "كلين إير ناو", ["الرئيسية", "من نحن", "راسلنا (بالإنجليزية)"], "هواء نظيف في كل شارع وعند كل بوابة مدرسة"),
])
def test_each_language_s_home_shows_its_own_words_for_the_site(built_sample: BuiltSite, pages: dict, code: str,
                                                               title: str, menu: list[str], heading: str) -> None:
    """site.yml's entry of each language (its title, menu, mission, calls to action and figures); the feeds too."""
    folder = "/" if code == "en" else f"/{code}/"
    home = pages[built_sample.base_url + folder]
    assert (home.findtext(".//title"), home.xpath("string(//header//a[@class='site-title'])")) == (title, title)
    assert home.xpath("//header//nav[not(@class)]//a/text()") == menu
    assert home.xpath("string(//main//h1)") == heading
    words = " ".join(home.xpath("//main//ul[@class='actions']//a/text() | //main//*[@class='figure-label']/text()"))
    assert ("Donate" in words) == (code == "en") and ("capteurs" in words) == (code == "fr")
    assert feedparser.parse(built_sample.file_for(folder + "feed.xml").read_bytes()).feed.title == title


def test_a_french_post_reads_french_around_its_text(built_sample: BuiltSite, pages: dict) -> None:
    post = pages[built_sample.base_url + "/fr/2026/06/11/sensor-map/"]
    assert post.findtext(".//title") == "La carte de nos douze capteurs · De l’air pur, maintenant"
    assert "Les bénévoles de Clean Air Now" in post.xpath("string(//main//p[@class='meta'])")
    assert post.xpath("string(//aside[@class='call-to-action']//a)") == "Faire un don"


@pytest.mark.parametrize(("code", "title", "home"), [("fr", "Page introuvable · De l’air pur, maintenant", "Accueil"),
                                                      ("ar", "الصفحة غير موجودة · كلين إير ناو", "الرئيسية")])
def test_each_language_has_its_404_page(built_sample: BuiltSite, pages: dict, code: str, title: str,
                                        home: str) -> None:
    missing = pages[f"{built_sample.base_url}/{code}/404.html"]
    assert (missing.get("lang"), missing.findtext(".//title")) == (code, title)
    assert missing.xpath("//header//nav[not(@class)]//a/text()")[0] == home
    assert [link[1:] for link in switcher(missing) if link[4]] == [(f"/{code}/", code, code, "true")]
    latest = missing.xpath("//section[@aria-labelledby='latest-title']//a/@href")
    assert all(href.startswith(f"/{code}/") for href in latest) and len(latest) == {"fr": 5, "ar": 0}[code]


def test_the_built_site_answers_a_miss_under_a_language_s_folder_with_its_404_page(built_sample: BuiltSite) -> None:
    """As netlify.toml's rules say, and `build.py demo` serves."""
    client = Client(static_site(built_sample.root))
    for path, language in [("/fr/nulle-part/", "fr"), ("/ar/x/y/", "ar"), ("/nowhere/", "en"), ("/de/x/", "en")]:
        answer = client.get(path)
        assert (answer.status_code, lxml.html.fromstring(answer.data).get("lang")) == (404, language), path
