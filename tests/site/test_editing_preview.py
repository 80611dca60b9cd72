"""The live preview: the page the build would write for a document with the editor's text, by Herald's own app
and templates, drafts and future posts shown, ready for an iframe; a text with errors gives its problems."""

from __future__ import annotations

from herald_site.editing.preview import preview_page, render_preview
from tests.site.conftest import ContentFolder
from tests.site.test_editing_checks import site, snapshot  # noqa: F401 - the same small site as the checks'

POST = "posts/2024-01-01-air.md"


def test_the_page_with_the_new_text_through_the_sites_templates(site: ContentFolder) -> None:
    before = snapshot(site.root)
    text = "---\ntitle: Cleaner air\ndate: 2024-01-01\ndraft: true\n---\nA **new** paragraph.\n"

    preview = preview_page(site.root, POST, text)

    assert preview.url == "/2024/01/01/air/" and preview.problems == []
    assert "<title>Cleaner air · Test Site</title>" in preview.html
    assert "A <strong>new</strong> paragraph." in preview.html
    assert "/static/theme.css" in preview.assets and all(not asset.endswith(".html") for asset in preview.assets)
    assert snapshot(site.root) == before


def test_a_post_dated_in_the_future_and_a_new_page_are_shown(site: ContentFolder) -> None:
    future = render_preview(site.root, "posts/2999-01-01-later.md", "---\ntitle: Later\n---\nSoon.\n")
    assert "<title>Later · Test Site</title>" in future
    page = preview_page(site.root, "pages/join.md", "---\ntitle: Join us\npermalink: /join/\n---\nCome.\n")
    assert page.url == "/join/" and "Come." in page.html


def test_base_url_makes_the_sites_files_load_from_its_origin(site: ContentFolder) -> None:
    html = render_preview(site.root, POST, (site.root / POST).read_text(), base_url="https://site.example")
    assert '<head><base href="https://site.example/">' in html.replace("\n", "")[:200]


def test_a_text_with_errors_gives_its_problems_not_an_exception(site: ContentFolder) -> None:
    preview = preview_page(site.root, POST, "---\ntitle: Air\ndate: someday\n---\nText.\n")
    assert preview.url is None
    assert [(str(p.path), p.field) for p in preview.problems] == [(POST, "date")]
    assert "The content has 1 error, 0 warnings" in preview.html and POST in preview.html


def test_problems_elsewhere_are_listed_beside_the_page(site: ContentFolder) -> None:
    preview = preview_page(site.root, "pages/about.md", "---\ntitle: About\n---\n[Plans](/plans/)\n")
    assert preview.url == "/about/" and "Plans" in preview.html
    assert [(str(p.path), p.field, p.line) for p in preview.problems] == [("pages/about.md", "body", 4)]


def test_a_file_that_is_no_document_has_no_page(site: ContentFolder) -> None:
    preview = preview_page(site.root, "media/notes.md", "Notes.\n")
    assert preview.url is None and "only a post" in preview.html
