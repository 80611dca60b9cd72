"""The visitors' parts of the pages: forms, scripts and addresses with a service, and a quiet site without one."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from herald_site.build.built_site_server import site_with_service
from herald_site.build.pipeline import build_site
from herald_site.cli import service_settings_for_site
from tests.conftest import REPO_ROOT, SAMPLE_CONTENT
from tests.site.conftest import BuiltSite

SERVICE = "https://service.example.org"
POST = "/2026/03/14/why-we-started/"


@pytest.fixture(scope="module")
def with_service(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    out = tmp_path_factory.mktemp("with-service") / "build"
    summary, _ = build_site(SAMPLE_CONTENT, out, service_url=SERVICE, comments=lambda page: {"comments": []})
    return BuiltSite(out, summary, "https://cleanair.example.org")


def scripts(html: str) -> list[str]:
    return [re.sub(r"\?v=\w+$", "", src) for src in re.findall(r'<script src="([^"]+)"', html)]


def test_without_a_service_there_are_no_forms_and_no_scripts(built_sample: BuiltSite) -> None:
    contact_pages = {built_sample.file_for("/contact/"), built_sample.file_for("/fr/contact/")}
    # The Mastodon share page's form and script ask nothing of the service: they send the visitor to their server.
    share_pages = {built_sample.file_for(f"{folder}/share/mastodon/") for folder in ("", "/fr", "/ar")}
    for path in built_sample.html_files():
        html = path.read_text()
        assert ("<form" in html) == (path in share_pages), path
        assert "herald-service" not in html and "/api/" not in html, path
        video_pages = {built_sample.file_for(f"{folder}/2026/06/10/school-street-film/") for folder in ("", "/fr")}
        expected = {**dict.fromkeys(contact_pages, ["/static/addresses.js"]),
                    **dict.fromkeys(share_pages, ["/static/share-mastodon.js"]),
                    **dict.fromkeys(video_pages, ["/static/herald-video.js"])}.get(path, [])
        # The contact page's script only turns addresses into links; the video's loads the player on a press.
        assert scripts(html) == expected, path


def test_without_a_service_the_board_says_so_and_contact_lists_addresses(built_sample: BuiltSite) -> None:
    assert "The board is not open yet" in built_sample.file_for("/board/").read_text()
    contact = built_sample.file_for("/contact/").read_text()
    for user in ("hello", "press", "volunteers"):
        assert f'data-email-user="{user}" data-email-domain="cleanair.example.org">{user} [at] cleanair.example.org<' in contact
    assert "@cleanair.example.org" not in contact


def test_every_page_carries_the_beacon_script_and_the_service_address(with_service: BuiltSite) -> None:
    for path in with_service.themed_pages():
        if with_service.is_shell(path):
            continue  # no page, and the service's pages allow no script (tests/site/test_shell_page.py)
        html = path.read_text()
        assert f'<meta name="herald-service" content="{SERVICE}">' in html, path
        assert scripts(html)[0] == "/static/herald.js", path


def test_a_post_has_the_comment_form_and_its_script(with_service: BuiltSite) -> None:
    html = with_service.file_for(POST).read_text()
    assert scripts(html) == ["/static/herald.js", "/static/comments.js"]
    assert f'action="{SERVICE}/api/comments"' in html and 'method="post"' in html
    assert f'<input type="hidden" name="page" value="{POST}">' in html
    for name in ("body", "author", "email", "website"):
        assert f'data-error-for="{name}"' in html
    assert 'id="herald-comment-posted"' in html and 'id="herald-comment-pending"' in html
    assert 'data-track="share-email"' in html


def test_every_visitor_form_has_the_hidden_honeypot(with_service: BuiltSite) -> None:
    for url, forms in ((POST, 1), ("/board/", 2), ("/contact/", 1)):
        html = with_service.file_for(url).read_text()
        traps = re.findall(r'<input id="[\w-]+-phone" name="phone" type="text" tabindex="-1" autocomplete="off" '
                           r'aria-hidden="true">', html)
        assert len(traps) == html.count("<form") == forms, url
        assert html.count('<p class="honeypot">') == forms


def test_the_board_page_has_the_live_board_a_plain_link_and_a_new_thread_form(with_service: BuiltSite) -> None:
    html = with_service.file_for("/board/").read_text()
    assert scripts(html) == ["/static/herald.js", "/static/board.js"]
    assert f'href="{SERVICE}/board/threads/?lang=en"' in html  # the sample has several languages
    assert f'action="{SERVICE}/api/board/threads"' in html
    assert 'id="herald-board-posted"' in html and 'id="herald-board-queued"' in html


def test_the_french_board_page_links_the_service_s_pages_in_french(with_service: BuiltSite) -> None:
    """Without JavaScript the threads are read on the service's pages: they must speak the page's language, and
    so must the links board.js writes to them."""
    html = with_service.file_for("/fr/board/").read_text()
    assert f'href="{SERVICE}/board/threads/?lang=fr"' in html and 'data-pages-query="?lang=fr"' in html


def test_the_contact_form_offers_the_topics_of_site_yml(with_service: BuiltSite) -> None:
    html = with_service.file_for("/contact/").read_text()
    assert scripts(html) == ["/static/herald.js", "/static/addresses.js"]
    assert f'action="{SERVICE}/api/contact"' in html
    assert re.findall(r'<option value="(\w+)">', html) == ["general", "press", "volunteering"]
    assert 'id="herald-contact-sent"' in html


def test_the_donate_button_is_tracked(with_service: BuiltSite) -> None:
    assert 'data-track="donate"' in with_service.file_for("/about/").read_text()


def test_the_service_learns_the_site_title_and_contact_routing_from_site_yml() -> None:
    assert service_settings_for_site(SAMPLE_CONTENT) == {
        "HERALD_SITE_TITLE": "Clean Air Now",
        "HERALD_CONTACT_TOPICS": "general=hello@cleanair.example.org,press=press@cleanair.example.org,"
                                 "volunteering=volunteers@cleanair.example.org",
        "HERALD_CONTACT_TO": "hello@cleanair.example.org",
    }


def test_the_preview_hands_the_board_pages_to_the_service() -> None:
    def answer(name: str):  # type: ignore[no-untyped-def]
        def app(environ, start_response):  # type: ignore[no-untyped-def]
            start_response("200 OK", [])
            return [name.encode()]
        return app

    dispatch = site_with_service(answer("site"), answer("service"))
    for path, expected in (("/board/threads/", b"service"), ("/board/threads/3/", b"service"), ("/board/", b"site")):
        assert b"".join(dispatch({"PATH_INFO": path}, lambda *args: None)) == expected, path


def test_netlify_proxies_the_board_pages_and_allows_the_service_in_the_policy() -> None:
    netlify = tomllib.loads((REPO_ROOT / "netlify.toml").read_text())
    targets = {rule["from"]: rule["to"] for rule in netlify["redirects"] if rule.get("status") == 200}
    assert targets["/board/threads/*"] == "https://SERVICE.example.org/board/threads/:splat"
    [policy] = [rule["values"]["Content-Security-Policy"] for rule in netlify["headers"] if rule["for"] == "/*"]
    assert "connect-src 'self' https://SERVICE.example.org" in policy
    assert "form-action 'self' https://SERVICE.example.org" in policy


def test_the_scripts_stay_small_and_load_nothing_from_elsewhere() -> None:
    files = [REPO_ROOT / "site" / "web" / "static" / name for name in ("herald.js", "comments.js", "board.js", "addresses.js")]
    assert sum(path.stat().st_size for path in files) < 20_000
    for path in files:
        text = Path(path).read_text()
        assert "http://" not in text and "https://" not in text and "document.cookie" not in text
        assert "localStorage" not in text and "sessionStorage" not in text
