"""A language's own words for the site (issue 15): its entry in site.yml's `languages:` gives its title,
description, author, menu, mission, calls to action, figures and the block ending posts, each falling back to the
site-wide value; a wrong one is an error at its line. Each language's pages show its own, and the site's menu leads
a language's readers to its versions of pages where the language gives no menu of its own."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import lxml.html
import pytest

from herald_site import create_app
from herald_site.content import NavLink, check_site, load_config
from herald_site.content.home_settings import CallToAction, Figure, PostCallToAction
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import MINIMAL_SITE_YML
from tests.site.language_pages import switcher
from tests.site.test_incremental import Builds, replace_in
from tests.site.test_languages import config_error

NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)
SITE_WIDE = """\
description: Cleaner air for the city.
nav:
  - {title: Home, url: /}
  - {title: About, url: /about/#team}
  - {title: Tags, url: /tags/}
  - {title: Contact, url: /contact/}
mission: {heading: Clean air everywhere, text: We measure the air.}
calls_to_action:
  - {label: Donate, url: "https://donate.example.org/"}
post_call_to_action: {heading: Help us, label: Donate, url: "https://donate.example.org/"}
"""
FRENCH = """\
languages:
  - {code: en, name: English, default: true}
  - code: fr
    name: Français
    title: Site d’essai
    author: L’équipe
    mission: {heading: De l’air pur partout, text: Nous mesurons l’air.}
    figures:
      - {value: "12", label: capteurs, source: La carte, source_url: /fr/a-propos/}
    post_call_to_action: {heading: Aidez-nous, label: Faire un don, url: "https://donate.example.org/fr/"}
"""


@pytest.fixture
def bilingual(content):
    content.site_yml(MINIMAL_SITE_YML + SITE_WIDE + FRENCH)
    content.page("about.md", "title: About")
    content.page("about.fr.md", "title: À propos\npermalink: /fr/a-propos/")
    content.page("contact.md", "title: Contact")
    content.post("2024-05-03-air.fr.md", "title: L’air\ndate: 2024-05-03\ntags: [air]")
    return content


# --- reading site.yml ---


def test_a_language_s_entry_gives_its_own_words_over_the_site_s(bilingual):
    config = load_config(bilingual.root)
    french = config.in_language("fr")
    assert (french.title, french.author) == ("Site d’essai", "L’équipe")
    assert french.description == "Cleaner air for the city."  # the site's
    assert (french.home.mission_heading, french.home.mission_text) == ("De l’air pur partout", "Nous mesurons l’air.")
    assert french.home.figures == (Figure("12", "capteurs", "La carte", "/fr/a-propos/"),)
    assert french.home.calls_to_action == (CallToAction("Donate", "https://donate.example.org/"),)  # the site's
    assert french.post_call_to_action == PostCallToAction(
        "Aidez-nous", "", "Faire un don", "https://donate.example.org/fr/", track="donate")  # counted as the site's
    assert french.nav == config.nav  # given none: the site's (its links lead to French pages: below)
    assert config.in_language("en") == config  # the default's entry gives nothing


def test_a_site_without_language_entries_has_no_language_settings(content):
    content.site_yml(MINIMAL_SITE_YML + "language: fr\n" + SITE_WIDE)
    config = load_config(content.root)
    assert (config.language_settings, config.in_language("fr")) == ({}, config)


def test_the_menu_and_calls_to_action_of_a_language(content):
    content.site_yml(MINIMAL_SITE_YML + FRENCH + (
        "    nav:\n      - {title: Accueil, url: /fr/}\n"
        "    calls_to_action:\n      - {label: Don, url: /fr/don/, text: Cinq euros.}\n"
    ))
    french = load_config(content.root).in_language("fr")
    assert french.nav == (NavLink("Accueil", "/fr/"),)
    assert french.home.calls_to_action == (CallToAction("Don", "/fr/don/", "Cinq euros."),)


def test_a_language_s_buttons_are_counted_under_the_site_wide_ones_in_their_place(content):
    content.site_yml(MINIMAL_SITE_YML + SITE_WIDE + FRENCH + (
        "    calls_to_action:\n      - {label: Faire un don, url: /fr/don/}\n      - {label: Écrire, url: /fr/}\n"))
    french = load_config(content.root).in_language("fr")
    assert [action.track for action in french.home.calls_to_action] == ["donate", ""]  # the second: its own


ENTRY = "languages:\n  - {code: en, name: English, default: true}\n  - code: fr\n    name: Français\n"  # lines 5-8


@pytest.mark.parametrize(("text", "line", "needle"), [
    ("    title: [Un, titre]\n", 9, "`languages` entry 2 `title` should be text, got ['Un', 'titre']"),
    ("    description: {a: b}\n", 9, "`languages` entry 2 `description` should be text"),
    ("    nav: /fr/\n", 9, "`languages` entry 2 `nav` should be a list of entries"),
    ("    nav:\n      - {title: Accueil}\n", 10, "`languages` entry 2 `nav` entry 1 misses `url`"),
    ("    mission: {heading: Titre, texte: Mot}\n", 9,
     "`languages` entry 2 `mission` has an unknown key `texte`; it takes heading, text"),
    ("    calls_to_action:\n      - {label: Don, url: /fr/}\n      - {label: Mal, url: 'javascript:alert(1)'}\n",
     11, "`languages` entry 2 `calls_to_action` entry 2 `url` should be a path on this site"),
    ("    figures:\n" + "      - {value: '1', label: un}\n" * 5, 14, "`languages` entry 2 `figures` has 5 entries"),
    ("    post_call_to_action: {heading: Aidez-nous}\n", 9,
     "`languages` entry 2 `post_call_to_action` misses `label`"),
    ("    titre: Site\n", 9, "unknown field `titre` in a `languages` entry; use code, name, direction, default, "
     "title, description, author, nav, mission, calls_to_action, figures, post_call_to_action"),
])
def test_a_wrong_value_in_a_language_s_entry_names_its_line_and_field(content, text, line, needle):
    error = config_error(content, ENTRY + text)
    assert (error.path.name, error.line, error.field) == ("site.yml", line, "languages")
    assert needle in error.message


def test_a_language_s_link_to_a_missing_page_is_a_content_error(bilingual):
    bilingual.site_yml(MINIMAL_SITE_YML + SITE_WIDE + FRENCH.replace("/fr/a-propos/", "/fr/nulle-part/"))
    problems = [problem for problem in check_site(bilingual.root) if problem.is_error]
    assert [(p.path.name, p.line, p.field) for p in problems] == [("site.yml", 23, "figures")]
    assert "links to /fr/nulle-part/, but the site has no such page" in problems[0].message


# --- the pages of each language ---


def page(client, path: str) -> lxml.html.HtmlElement:
    answer = client.get(path)
    assert answer.status_code == 200, path
    return lxml.html.fromstring(answer.data)


def menu(document: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    return [(link.text, link.get("href")) for link in document.xpath("//header//nav[not(@class)]//a")]


@pytest.fixture
def client(bilingual):
    return create_app(bilingual.root, now=NOW).test_client()


def test_each_language_s_pages_show_its_title_and_mission(client):
    french, english = page(client, "/fr/"), page(client, "/")
    assert french.findtext(".//title") == "Site d’essai"
    assert french.xpath("string(//header//a[@class='site-title'])") == "Site d’essai"
    assert french.xpath("string(//main//h1)") == "De l’air pur partout"
    assert page(client, "/fr/a-propos/").findtext(".//title") == "À propos · Site d’essai"
    assert (english.findtext(".//title"), english.xpath("string(//main//h1)")) == ("Test Site", "Clean air everywhere")


def test_the_site_s_menu_leads_to_the_language_s_versions(client):
    """Home and tags to the language's own, About (its fragment kept) to its translation; Contact, which has none
    in French, stays the English page."""
    assert menu(page(client, "/fr/")) == [("Home", "/fr/"), ("About", "/fr/a-propos/#team"), ("Tags", "/fr/tags/"),
                                          ("Contact", "/contact/")]
    assert menu(page(client, "/")) == [("Home", "/"), ("About", "/about/#team"), ("Tags", "/tags/"),
                                       ("Contact", "/contact/")]


def test_a_post_ends_with_its_language_s_block_and_shows_its_author(client):
    post = page(client, "/fr/2024/05/03/air/")
    assert post.xpath("string(//*[@id='call-to-action-title'])") == "Aidez-nous"
    assert "· L’équipe" in post.xpath("string(//main//article)")  # the post's default author: its language's
    # The analytics count "Faire un don" with the site-wide "Donate" in its place, not as an event of its own.
    assert post.xpath("//*[@id='call-to-action-title']/..//a/@data-track") == ["post-end-donate"]
    assert post.xpath("string(//footer[@class='site-footer'])").strip().endswith("© L’équipe")


def test_a_language_s_feeds_take_its_title_and_author(client):
    feed = feedparser.parse(client.get("/fr/feed.xml").data)
    assert (feed.feed.title, feed.feed.language, feed.entries[0].author) == ("Site d’essai", "fr", "L’équipe")
    assert feedparser.parse(client.get("/feed.xml").data).feed.title == "Test Site"
    manifest = client.get("/site.webmanifest").get_json()
    assert (manifest["name"], manifest["lang"]) == ("Test Site", "en")  # the site's one manifest: the default's


@pytest.mark.parametrize("path", ["/fr/nulle-part/", "/fr/tags/nope/", "/fr/archive/1999/"])
def test_a_path_the_site_lacks_in_a_language_s_folder_gets_that_language_s_404(client, path):
    answer = client.get(path)
    assert answer.status_code == 404
    missing = lxml.html.fromstring(answer.data)
    assert (missing.get("lang"), missing.findtext(".//title")) == ("fr", "Page introuvable · Site d’essai")
    assert missing.xpath("string(//main//h1)") == "Page introuvable"
    latest = missing.xpath("//section[@aria-labelledby='latest-title']//a")
    assert [link.text for link in latest] == ["L’air"]  # the latest posts of its language
    assert ("About", "/fr/a-propos/#team") in menu(missing)
    assert switcher(missing) == [("English", "/", "en", "en", None), ("Français", "/fr/", "fr", "fr", "true")]


def test_a_path_the_site_lacks_elsewhere_gets_the_default_language_s_404(client):
    answer = client.get("/no/such/page/")
    missing = lxml.html.fromstring(answer.data)
    assert (answer.status_code, missing.get("lang"), missing.findtext(".//title")) == (
        404, "en", "Page not found · Test Site")
    assert missing.xpath("//section[@aria-labelledby='latest-title']//a") == []  # no English posts


# --- rebuilds ---


def test_rebuilds_follow_a_language_s_settings_as_a_clean_build_does(tmp_path: Path) -> None:
    """Its title, author and mission; its menu taken away (the site's then leads to its versions), and a version
    the menu leads to taken away too."""
    builds = Builds(tmp_path, Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")))
    site_yml = builds.content / "site.yml"
    builds.rebuild_and_compare()
    edits = [
        lambda: replace_in(site_yml, r"title: De l’air pur, maintenant", "title: L’air pur"),
        lambda: replace_in(site_yml, r"author: Les bénévoles de Clean Air Now", "author: Nos bénévoles"),
        lambda: replace_in(site_yml, r"heading: هواء نظيف في كل شارع", "heading: هواء نظيف"),
        lambda: replace_in(site_yml, r"^    nav:\n(?:      .*\n)*", ""),  # the French entry's, the first
        lambda: (builds.content / "pages/board.fr.md").unlink(),
    ]
    menus = []
    for edit in edits:
        edit()
        builds.rebuild_and_compare()
        french = lxml.html.fromstring((builds.out / "fr/index.html").read_bytes())
        menus.append(menu(french)[2])
    assert menus == [("Forum", "/fr/board/")] * 3 + [("Board", "/fr/board/"), ("Board", "/board/")]
