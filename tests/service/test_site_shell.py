"""The service's pages wear the site's own shell (service/site_shell.py): its navigation, footer, title pattern,
stylesheet and dates, from the site's build, and they follow the site's changes without a restart."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from sqlalchemy import text

from herald_site import create_app as create_site
from herald_site.build.built_site_server import static_site
from herald_site.build.freeze import freeze_site
from herald_site.urls import SHELL
from service.config import ConfigError
from service.page_look import EXTENSION_KEY
from service.site_shell import SHELL_REFRESH_SECONDS, SHELL_RETRY_SECONDS
from tests.conftest import SAMPLE_CONTENT, free_port, serving
from tests.service.conftest import SITE_ORIGIN

SHELL_FILE = SHELL.lstrip("/")


def freeze(content: Path, out: Path, origin: str = SITE_ORIGIN) -> Path:
    """Build the site in `content` for `origin` into `out`; returns its shell's file."""
    freeze_site(create_site(content, base_url=origin, service_url=origin), out)
    return out / SHELL_FILE


def rename_nav_entry(content: Path, old: str, new: str) -> None:
    site_yml = content / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace(f"{{title: {old},", f"{{title: {new},"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")


def page_of(client, path: str = "/board/threads/"):  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.mimetype == "text/html", response.text
    return lxml.html.fromstring(response.text)


def nav_of(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.xpath('//nav[@aria-label="Main"]//a/text()')


def test_the_board_wears_the_built_sites_shell(make_app, content, tmp_path):
    client = make_app(HERALD_SITE_SHELL=str(freeze(content, tmp_path / "build"))).test_client()
    page = page_of(client)
    nav = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))["nav"]
    assert page.xpath("string(//title)") == "Board · Clean Air Now"
    assert nav_of(page) == [link["title"] for link in nav]
    assert page.xpath('//nav[@aria-label="Main"]//a/@href') == [SITE_ORIGIN + link["url"] for link in nav]
    assert page.xpath('//a[@class="site-title"]/@href') == [f"{SITE_ORIGIN}/"]
    footer = page.xpath('string(//footer[@class="site-footer"])')
    assert "© Clean Air Now volunteers" in footer and "Mastodon" in footer and "Archive" in footer
    stylesheets = page.xpath('//link[@rel="stylesheet"]/@href')
    assert stylesheets[0].startswith(f"{SITE_ORIGIN}/static/theme.css?v=")
    assert stylesheets[-1] == "/board/threads/service.css"  # after the theme, so it may add to it
    assert page.xpath("//script") == [] and page.xpath('//meta[@name="robots"]') == []  # the shell's noindex is gone
    assert page.xpath('//main[@id="content"]//h1/text()') == ["Board"]


def test_the_sites_theme_reaches_the_services_pages(make_app, content, tmp_path):
    """A template of the site's theme and its colours are in the shell, so the board wears them too."""
    templates = content / "theme" / "templates"
    templates.mkdir(parents=True)
    (templates / "base.html").write_text(
        '{% extends "herald/base.html" %}\n{% block footer %}{{ super() }}<p class="made">Made by volunteers</p>'
        "{% endblock %}\n", encoding="utf-8")
    with (content / "site.yml").open("a", encoding="utf-8") as site_yml:
        site_yml.write('\ntheme:\n  colors:\n    accent: "#b5361d"\n')
    client = make_app(HERALD_SITE_SHELL=str(freeze(content, tmp_path / "build"))).test_client()

    page = page_of(client)

    assert page.xpath('string(//footer//p[@class="made"])') == "Made by volunteers"
    assert [href.split("?")[0] for href in page.xpath('//link[@rel="stylesheet"]/@href')] == [
        f"{SITE_ORIGIN}/static/theme.css", f"{SITE_ORIGIN}/static/site-theme.css",
        "/board/threads/service.css"]


@pytest.mark.parametrize(("path", "title"), [
    ("/board/threads/999/", "Not found · Clean Air Now"),
    ("/admin/sign-in", "Sign in · Dashboard · Clean Air Now"),
])
def test_error_pages_and_the_dashboard_wear_it_too(client, path, title):
    page = page_of(client, path)
    assert page.xpath("string(//title)") == title
    assert nav_of(page) == ["Home", "About", "Board", "Contact"] and page.xpath('//footer[@class="site-footer"]')


def set_created(app, table: str, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    with app.extensions["herald_db"].engine.begin() as connection:
        connection.execute(text(f"UPDATE {table} SET created = :moment"), {"moment": moment})


@pytest.mark.parametrize(("moment", "reads"), [
    (datetime(2026, 12, 7, 3, 34, tzinfo=UTC), "7 December 2026"),
    (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), "1 July 2026"),  # already July in London, the sample's zone
])
def test_board_dates_read_as_the_sites_in_its_time_zone(app, client, moment, reads):
    thread = client.post("/api/board/threads", json={"title": "Trees", "author": "Ben", "body": "More?"}).json
    set_created(app, "board_threads", moment)
    set_created(app, "board_posts", moment)
    page = page_of(client, f"/board/threads/{thread['id']}/")
    assert page.xpath("//time/text()") == [reads, reads]  # the thread's start, its post
    assert "UTC" not in page.xpath('string(//main)')


def test_a_rebuilt_shell_file_shows_on_the_next_page_without_a_restart(make_app, content, tmp_path):
    shell = freeze(content, tmp_path / "build")
    client = make_app(HERALD_SITE_SHELL=str(shell)).test_client()
    assert nav_of(page_of(client)) == ["Home", "About", "Board", "Contact"]
    rename_nav_entry(content, "Board", "Forum")
    freeze(content, tmp_path / "build")
    assert nav_of(page_of(client)) == ["Home", "About", "Forum", "Contact"]


class RecordingSite:
    """A built site served over HTTP as a CDN serves it, noting each request for the shell and its answer."""

    def __init__(self, build_dir: Path) -> None:
        self.site = static_site(build_dir)
        self.requests: list[tuple[str | None, str]] = []  # (If-None-Match, status)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        def noting(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            if environ["PATH_INFO"] == SHELL:
                self.requests.append((environ.get("HTTP_IF_NONE_MATCH"), status.split()[0]))
            return start_response(status, headers, *rest)

        return self.site(environ, noting)


@pytest.fixture
def served_site(content: Path, tmp_path: Path) -> Iterator[tuple[str, RecordingSite]]:
    origin = f"http://127.0.0.1:{free_port()}"
    freeze(content, tmp_path / "build", origin)
    site = RecordingSite(tmp_path / "build")
    with serving(site, int(origin.rpartition(":")[2])):
        yield origin, site


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def service_of(make_app, origin: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A service for the site at `origin`, taking its shell from there (the default), on a clock of the test's."""
    app = make_app(HERALD_SITE_ORIGIN=origin, HERALD_SITE_SHELL=None, HERALD_SITE_TITLE="Clean Air Now")
    clock = Clock()
    monkeypatch.setattr(app.extensions[EXTENSION_KEY], "clock", clock)
    return app.test_client(), clock


def test_the_shell_is_fetched_from_the_site_kept_and_asked_again_with_its_etag(
        make_app, served_site, content, tmp_path, monkeypatch):
    origin, site = served_site
    client, clock = service_of(make_app, origin, monkeypatch)
    assert nav_of(page_of(client)) == ["Home", "About", "Board", "Contact"]
    assert page_of(client).xpath('//nav[@aria-label="Main"]//a/@href')[1] == f"{origin}/about/"
    assert [status for _, status in site.requests] == ["200"]  # one fetch, kept for the next pages

    rename_nav_entry(content, "Board", "Forum")
    freeze(content, tmp_path / "build", origin)
    clock.now += SHELL_REFRESH_SECONDS - 1
    assert nav_of(page_of(client)) == ["Home", "About", "Board", "Contact"]  # not asked again yet
    clock.now += 1
    assert nav_of(page_of(client)) == ["Home", "About", "Forum", "Contact"]  # the rebuild, without a restart
    clock.now += SHELL_REFRESH_SECONDS
    assert nav_of(page_of(client)) == ["Home", "About", "Forum", "Contact"]
    etags = [etag for etag, _ in site.requests]
    assert [status for _, status in site.requests] == ["200", "200", "304"]
    assert etags[0] is None and etags[1] and etags[2] and etags[1] != etags[2]


def test_while_the_site_does_not_answer_the_last_good_shell_stays(make_app, content, tmp_path, monkeypatch, caplog):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    freeze(content, tmp_path / "build", origin)
    client, clock = service_of(make_app, origin, monkeypatch)
    with serving(static_site(tmp_path / "build"), port):
        assert nav_of(page_of(client)) == ["Home", "About", "Board", "Contact"]
    clock.now += SHELL_REFRESH_SECONDS
    with caplog.at_level(logging.WARNING, logger="service.site_shell"):
        assert nav_of(page_of(client)) == ["Home", "About", "Board", "Contact"]
        assert nav_of(page_of(client)) == ["Home", "About", "Board", "Contact"]
    assert caplog.text.count("pages use the last good copy") == 1


def test_before_the_site_ever_answered_a_plain_shell_with_its_title_stands_in(
        make_app, content, tmp_path, monkeypatch, caplog):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    client, clock = service_of(make_app, origin, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="service.site_shell"):
        page = page_of(client)
    assert page.xpath("string(//title)") == "Board · Clean Air Now" and nav_of(page) == []
    assert page.xpath('//body[@class="herald-plain"]') and page.xpath('//form[@id="thread-form"]')
    assert "the plain built-in shell" in caplog.text

    freeze(content, tmp_path / "build", origin)
    with serving(static_site(tmp_path / "build"), port):  # the site is up now: asked again soon, not in 5 minutes
        clock.now += SHELL_RETRY_SECONDS - 1
        assert nav_of(page_of(client)) == []
        clock.now += 1
        assert nav_of(page_of(client)) == ["Home", "About", "Board", "Contact"]


def test_a_file_that_is_no_shell_is_refused_and_the_last_good_one_kept(make_app, content, tmp_path, caplog):
    shell = freeze(content, tmp_path / "build")
    client = make_app(HERALD_SITE_SHELL=str(shell)).test_client()
    assert nav_of(page_of(client)) == ["Home", "About", "Board", "Contact"]
    shell.write_text("<!doctype html><title>A page, not a shell</title>")
    with caplog.at_level(logging.WARNING, logger="service.site_shell"):
        assert nav_of(page_of(client)) == ["Home", "About", "Board", "Contact"]
    assert "<!--herald:title-->" in caplog.text and "the last good copy" in caplog.text


def test_the_shell_is_put_in_as_data_never_run_as_a_template(make_app, content, tmp_path):
    site_yml = content / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("title: Clean Air Now", "title: Clean {{ 7*7 }} Air"))
    client = make_app(HERALD_SITE_SHELL=str(freeze(content, tmp_path / "build"))).test_client()
    assert page_of(client).xpath("string(//title)") == "Board · Clean {{ 7*7 }} Air"


def test_visitors_text_stays_escaped_in_the_shells_slots(client):
    hostile = "<!--/herald:title--></title><script>alert(1)</script><!--herald:main-->"
    thread = client.post("/api/board/threads", json={"title": hostile, "author": "Eve", "body": "Hi"}).json
    html = client.get(f"/board/threads/{thread['id']}/").text
    page = lxml.html.fromstring(html)
    assert page.xpath("//script") == [] and "<script>" not in html
    assert page.xpath("string(//title)") == f"{hostile} · Board · Clean Air Now"
    assert page.xpath("string(//h1)") == hostile


def test_the_pages_policy_allows_what_the_shell_loads_from_the_site_and_still_no_script(client):
    policy = dict(part.strip().split(" ", 1) for part in client.get("/board/threads/").headers[
        "Content-Security-Policy"].split(";"))
    for directive in ("style-src", "img-src", "manifest-src", "form-action"):
        assert SITE_ORIGIN in policy[directive].split(), directive
    assert "script-src" not in policy and policy["default-src"] == "'self'"


def test_a_shell_setting_that_is_neither_a_url_nor_a_file_stops_the_start(make_app):
    with pytest.raises(ConfigError, match="HERALD_SITE_SHELL='ftp://site.example.org/shell.html'"):
        make_app(HERALD_SITE_SHELL="ftp://site.example.org/shell.html")


def form_words(page, form_id: str) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """What a visitor reads and sends in a form: its heading, each field's label and name, its button."""
    [form] = page.xpath(f'//form[@id="{form_id}"]')
    fields = [(" ".join(label.text_content().split()), label.getparent().xpath("string(.//*[@name]/@name)"))
              for label in form.xpath(".//label")]
    return [(form.xpath("string(.//h2|.//h3)"),), *fields, (form.xpath("string(.//button)"),)]


def test_the_boards_forms_read_as_on_the_sites_board_page(client):
    site_page = lxml.html.fromstring(create_site(SAMPLE_CONTENT, service_url=SITE_ORIGIN).test_client().get("/board/").data)
    thread = client.post("/api/board/threads", json={"title": "Trees", "author": "Ben", "body": "More?"}).json
    assert form_words(page_of(client), "thread-form") == form_words(site_page, "thread-form")
    assert form_words(page_of(client, f"/board/threads/{thread['id']}/"), "reply-form") == form_words(
        site_page, "reply-form")
    assert form_words(site_page, "thread-form")[1:3] == [("Title", "title"), ("Message", "body")]
    assert form_words(site_page, "reply-form")[-1] == ("Post reply",)
