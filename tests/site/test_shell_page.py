"""The shell at /_herald/shell.html: the site's look around an empty page, which the service wraps its pages in."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import yaml

from herald_site import create_app
from herald_site.build.pipeline import build_site
from herald_site.page_shell import SLOTS, slot, split_shell
from herald_site.urls import SHELL
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import BuiltSite


def sample_nav() -> list[dict[str, str]]:
    return yaml.safe_load((SAMPLE_CONTENT / "site.yml").read_text(encoding="utf-8"))["nav"]


def test_the_build_writes_the_shell_with_its_slots_in_order(built_sample: BuiltSite) -> None:
    shell = built_sample.file_for(SHELL).read_text(encoding="utf-8")
    parts = split_shell(shell)
    assert len(parts.pieces) == len(SLOTS) + 1 and parts.timezone == "Europe/London"
    assert f"<title>{slot('title')} · Clean Air Now</title>" in shell
    assert parts.pieces[-2].rstrip().endswith('<main id="content" class="wrap" tabindex="-1">')


def test_every_link_of_the_shell_is_absolute(built_sample: BuiltSite) -> None:
    page = lxml.html.fromstring(built_sample.file_for(SHELL).read_bytes())
    links = page.xpath("//@href | //@src")
    assert links and all(link.startswith("https://") or link == "#content" for link in links), links
    site = built_sample.base_url
    assert page.xpath('//nav[@aria-label="Main"]//a/@href') == [site + link["url"] for link in sample_nav()]
    assert [href.split("?")[0] for href in page.xpath('//link[@rel="stylesheet"]/@href')] == [
        f"{site}/static/theme.css"]  # no code stylesheet: visitors' text is never highlighted
    assert page.xpath('//a[@class="site-title"]/@href') == [f"{site}/"]


def test_the_shell_runs_no_script_names_no_canonical_page_and_asks_not_to_be_indexed(built_sample: BuiltSite) -> None:
    shell = built_sample.file_for(SHELL).read_text(encoding="utf-8")
    page = lxml.html.fromstring(shell)
    assert page.xpath("//script") == [] and page.xpath('//link[@rel="canonical"]') == []
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    # ... in the slot of the head, which the service fills with its page's own lines instead
    assert "noindex" not in "".join(split_shell(shell).pieces)


def test_the_shell_is_no_page_of_the_sitemap(built_sample: BuiltSite) -> None:
    assert "_herald" not in (built_sample.root / "sitemap.xml").read_text(encoding="utf-8")


def test_pages_and_the_shell_share_one_title_pattern(built_sample: BuiltSite) -> None:
    def title(url: str) -> str:
        return lxml.html.fromstring(built_sample.file_for(url).read_bytes()).xpath("string(//title)")

    assert title("/about/") == "About Clean Air Now · Clean Air Now"  # the page's name, then the site's
    assert title(SHELL).replace(slot("title"), "About Clean Air Now") == title("/about/")


def test_served_for_local_work_the_shell_links_the_address_it_is_served_from() -> None:
    client = create_app(SAMPLE_CONTENT).test_client()
    page = lxml.html.fromstring(client.get(SHELL, base_url="http://127.0.0.1:8000/").data)
    assert page.xpath('//nav[@aria-label="Main"]//a/@href')[1] == "http://127.0.0.1:8000/about/"


def test_a_rebuild_after_a_nav_change_writes_the_new_shell(tmp_path: Path) -> None:
    content = shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")
    out, cache = tmp_path / "build", tmp_path / "cache"
    build_site(content, out, cache_dir=cache)
    site_yml = content / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("{title: Board, url: /board/}",
                                                                    "{title: Forum, url: /board/}"))
    summary, _ = build_site(content, out, cache_dir=cache)
    nav = lxml.html.fromstring((out / SHELL.lstrip("/")).read_bytes()).xpath('//nav[@aria-label="Main"]//a/text()')
    assert nav == ["Home", "About", "Forum", "Contact"] and summary.kept == 0  # every page shows the nav


def test_each_language_has_its_shell_in_its_folder_in_its_words(built_sample: BuiltSite) -> None:
    """The service dresses a French page in the French shell: its lang, skip link, menu, title and footer; its
    language switcher leads to each language's home, as the 404 page's does, the shell having no versions."""
    site = built_sample.base_url
    page = lxml.html.fromstring(built_sample.file_for("/fr" + SHELL).read_bytes())
    assert (page.get("lang"), page.get("dir")) == ("fr", "ltr")
    assert page.xpath("string(//title)") == f"{slot('title')} · De l’air pur, maintenant"
    assert page.xpath("//a[@class='skip-link']/text()") == ["Aller au contenu"]
    assert page.xpath('//nav[@aria-label="Menu principal"]//a/text()')[:2] == ["Accueil", "À propos"]
    switcher = page.xpath('//nav[@class="languages"]//a')
    assert [(link.get("href"), link.get("aria-current")) for link in switcher] == [
        (f"{site}/", None), (f"{site}/fr/", "true"), (f"{site}/ar/", None)]
    assert page.xpath("//link[@rel='alternate'][@hreflang]") == []
    arabic = lxml.html.fromstring(built_sample.file_for("/ar" + SHELL).read_bytes())
    assert (arabic.get("lang"), arabic.get("dir")) == ("ar", "rtl")
    split_shell(built_sample.file_for("/ar" + SHELL).read_text(encoding="utf-8"))  # its slots in place


def test_a_site_of_one_language_keeps_its_single_shell(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yml").write_text("title: One\nurl: https://one.example.org\nlanguage: fr\n", encoding="utf-8")
    build_site(content, tmp_path / "build")
    assert sorted(path.relative_to(tmp_path / "build").as_posix()
                  for path in (tmp_path / "build").rglob("shell.html")) == ["_herald/shell.html"]
