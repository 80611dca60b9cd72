"""The dashboard's Content section against a real repository (a bare remote and the service's clone, committed
by the `local` backend), on SQLite and PostgreSQL: list, edit, refusal beside the field, conflict, preview,
schedule, new, rename, delete, media, settings and review."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from unittest.mock import patch

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from service.db import utcnow
from service.page_look import code_spans
from tests.service.git_repositories import Repositories, git, make_repositories
from tests.service.test_dashboard_views import Dashboard, csrf_of

SITE = b"title: Test site\nurl: https://example.org\n# a comment kept\nnav:\n  - {title: Home, url: /}\n"
POST = "posts/first.md"


@pytest.fixture
def repositories(tmp_path) -> Repositories:
    made = make_repositories(tmp_path)
    (made.other / "content" / "site.yml").write_bytes(SITE)
    git(made.other, "add", "-A")
    git(made.other, "commit", "--quiet", "-m", "The site's settings")
    git(made.other, "push", "--quiet", "origin", "main")
    git(made.clone, "pull", "--quiet", "--ff-only")
    return made


@pytest.fixture
def app(make_app, repositories: Repositories) -> Flask:
    return make_app(HERALD_CMS_BACKEND="local", HERALD_CMS_REPOSITORY=str(repositories.clone),
                    HERALD_CMS_WORKER=False)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    client = app.test_client()
    assert Dashboard(client).sign_in().status_code == 303
    return client


def editor_form(client: FlaskClient, path: str = POST, **changes: str) -> dict[str, str]:
    """The edit page's form as a browser would post it, with `changes`."""
    html = client.get(f"/admin/content/edit/{path}").text
    fields = dict(re.findall(r'<input id="[^"]*" name="([^"]+)" value="([^"]*)"', html))
    fields.update(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    body = re.search(r'<textarea id="body" name="body"[^>]*>(.*?)</textarea>', html, re.S)
    assert body is not None
    return {**fields, "body": body.group(1), "action": "save", **changes}


def test_the_list_shows_each_document_and_filters(client: FlaskClient) -> None:
    page = client.get("/admin/content/")
    assert page.status_code == 200 and "First" in page.text and POST in page.text
    # Committed with git, never from the dashboard: the clone's history names its author.
    assert "Someone Else" in page.text and "outside the dashboard" not in page.text
    assert "First" not in client.get("/admin/content/?q=nothing-like-it").text
    assert client.get("/admin/content/?kind=nonsense&page=x").status_code == 200  # shown whole, problem said


def test_a_save_is_a_commit_by_the_signed_in_person_with_a_message(client: FlaskClient, repositories) -> None:
    saved = client.post(f"/admin/content/edit/{POST}", data=editor_form(client, body="Hello, edited.\n"))
    assert saved.status_code == 303
    assert repositories.remote_file(POST).endswith(b"Hello, edited.\n")
    assert repositories.remote_log()[0].endswith("|Edit post: First")
    assert "Saved. The site rebuilds in a minute." in client.get(saved.headers["Location"]).text
    author = repositories.remote_log()[0].split(" <")[0]
    assert author in client.get("/admin/content/").text  # the list's "last change" names who made it


def test_a_broken_link_is_refused_beside_the_body_and_nothing_committed(client: FlaskClient, repositories) -> None:
    before = repositories.remote_log()
    refused = client.post(f"/admin/content/edit/{POST}", data=editor_form(client, body="See [x](/nowhere/).\n"))
    assert refused.status_code == 422
    assert 'id="body-problem"' in refused.text and 'aria-invalid="true"' in refused.text
    assert "See [x](/nowhere/)." in refused.text  # the editor's text is kept
    assert repositories.remote_log() == before


def test_a_save_over_a_changed_file_shows_the_difference_and_keeps_the_text(client: FlaskClient,
                                                                              repositories) -> None:
    form = editor_form(client, body="Bob's words.\n")
    repositories.push_from_other(POST, b"---\ntitle: First\ndate: 2026-12-01\n---\nAlice's words.\n")
    conflict = client.post(f"/admin/content/edit/{POST}", data=form)
    assert conflict.status_code == 409
    assert "Bob&#39;s words." in conflict.text and "diff-removed" in conflict.text
    assert repositories.remote_file(POST).endswith(b"Alice's words.\n")


def test_the_preview_is_sandboxed_and_framed_only_by_the_dashboard(client: FlaskClient) -> None:
    preview = client.post("/admin/content/preview", data=editor_form(client, body="# Preview me\n"))
    assert preview.status_code == 200
    policy = preview.headers["Content-Security-Policy"]
    assert "sandbox" in policy and "frame-ancestors 'self'" in policy and "script-src" not in policy
    assert re.search(r"base-uri https?://[^ ;']+;", policy)  # the <base href> it writes: the site's address
    assert preview.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_scheduling_needs_a_future_date(client: FlaskClient) -> None:
    refused = client.post(f"/admin/content/edit/{POST}", data=editor_form(client, action="schedule"))
    assert refused.status_code == 422 and "in the future" in refused.text


def test_new_rename_and_delete_are_commits(client: FlaskClient, repositories) -> None:
    token = csrf_of(client.get("/admin/content/new").text)
    made = client.post("/admin/content/new", data={"csrf_token": token, "kind": "page", "title": "About us"})
    assert made.status_code == 303
    assert b"title: About us" in repositories.remote_file("pages/about-us.md")
    renamed = client.post("/admin/content/rename/pages/about-us.md", data={"csrf_token": token, "name": "about"})
    assert renamed.status_code == 303
    assert repositories.remote_log()[0].endswith("|Rename pages/about-us.md to pages/about.md")
    assert client.get("/admin/content/delete/pages/about.md").status_code == 200
    deleted = client.post("/admin/content/delete/pages/about.md", data={"csrf_token": token})
    assert deleted.status_code == 303
    assert repositories.remote_log()[0].endswith("|Delete page: About us")


def test_save_as_draft_on_a_published_post_asks_first(client: FlaskClient, repositories) -> None:
    before = repositories.remote_log()
    editor = client.get(f"/admin/content/edit/{POST}").text
    assert "Unpublish (save as draft)" in editor  # published: the button says what it does
    asked = client.post(f"/admin/content/edit/{POST}", data=editor_form(client, action="draft", body="Kept.\n"))
    assert asked.status_code == 200 and "Take this post off the site?" in asked.text
    assert 'value="unpublish"' in asked.text and "Kept." in asked.text  # the edits wait in the form
    assert repositories.remote_log() == before
    done = client.post(f"/admin/content/edit/{POST}", data=editor_form(client, action="unpublish", body="Kept.\n"))
    assert done.status_code == 303 and b"draft: true" in repositories.remote_file(POST)
    assert "Saved as a draft: it leaves the site at the next build" in client.get(done.headers["Location"]).text
    assert "Save as draft</button>" in client.get(f"/admin/content/edit/{POST}").text  # a draft now


def test_the_notices_say_what_happened(client: FlaskClient) -> None:
    token = csrf_of(client.get("/admin/content/new").text)
    made = client.post("/admin/content/new", data={"csrf_token": token, "kind": "page", "title": "About us"})
    shown = client.get(made.headers["Location"]).text
    assert "Created as a draft" in shown and "Saved." not in shown
    renamed = client.post(f"/admin/content/rename/{POST}", data={"csrf_token": token, "name": "welcome"})
    shown = client.get(renamed.headers["Location"]).text
    assert re.search(r"Renamed to posts/[\w-]*welcome\.md: the old address \S+ redirects to /", shown), shown
    deleted = client.post("/admin/content/delete/pages/about-us.md", data={"csrf_token": token})
    assert "Deleted pages/about-us.md" in client.get(deleted.headers["Location"]).text


def test_a_date_field_shows_its_format_not_a_date_that_looks_real(client: FlaskClient) -> None:
    editor = client.get(f"/admin/content/edit/{POST}").text
    assert "<code>YYYY-MM-DD HH:MM</code>" in editor and 'placeholder="2026' not in editor


def test_backtick_spans_in_help_and_problems_show_as_code_and_nothing_else_is_markup(client: FlaskClient) -> None:
    editor = client.get(f"/admin/content/edit/{POST}").text
    assert "<code>serve</code>" in editor and "`serve`" not in editor  # the draft field's help
    assert code_spans("<b>`a < b`</b> and `x`") == "&lt;b&gt;<code>a &lt; b</code>&lt;/b&gt; and <code>x</code>"
    assert code_spans("one ` alone") == "one ` alone"


def test_a_delete_refused_for_links_names_the_documents_to_change(client: FlaskClient) -> None:
    token = csrf_of(client.get("/admin/content/new").text)
    client.post("/admin/content/new", data={"csrf_token": token, "kind": "page", "title": "About"})
    linked = client.post("/admin/content/edit/pages/about.md",
                         data=editor_form(client, "pages/about.md", body="See [the first](/2026/12/01/first/).\n"))
    assert linked.status_code == 303
    refused = client.post(f"/admin/content/delete/{POST}", data={"csrf_token": token})
    assert refused.status_code == 422
    assert '<a href="/admin/content/edit/pages/about.md">pages/about.md</a>' in refused.text
    assert "Change or remove those links first" in refused.text and "make it a draft instead" not in refused.text
    assert "repository" not in client.get(f"/admin/content/delete/{POST}").text  # words for people, not git


def test_schedule_only_for_a_future_date_and_the_state_line_keeps_its_spaces(client: FlaskClient) -> None:
    editor = client.get(f"/admin/content/edit/{POST}").text  # dated 1 December 2026, in the past
    assert 'value="schedule"' not in editor
    token = csrf_of(editor)
    made = client.post("/admin/content/new", data={"csrf_token": token, "kind": "post", "title": "Later"})
    path = made.headers["Location"].split("/admin/content/edit/")[1]
    future = editor_form(client, path, date="2099-01-15 09:00", action="save")  # still a draft
    assert client.post(f"/admin/content/edit/{path}", data=future).status_code == 303
    assert 'value="schedule"' in client.get(f"/admin/content/edit/{path}").text
    scheduled = client.post(f"/admin/content/edit/{path}", data=editor_form(client, path, action="schedule"))
    editor = client.get(scheduled.headers["Location"]).text
    assert "Scheduled: the post goes live at 15 Jan 2099" in editor
    assert re.search(r"</code> · goes live at 15 Jan 2099", editor)


def test_a_search_with_no_result_says_so_without_an_empty_table(client: FlaskClient) -> None:
    page = client.get("/admin/content/?q=nothing-like-it").text
    assert "Nothing matches" in page and "<table" not in page


def jpeg() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (30, 20), "red").save(output, "JPEG")
    return output.getvalue()


def test_uploads_need_a_real_image_and_alt_text(client: FlaskClient, repositories) -> None:
    token = csrf_of(client.get("/admin/content/media").text)
    as_json = {"Accept": "application/json"}
    uploaded = client.post("/admin/content/media", headers=as_json,
                           data={"csrf_token": token, "alt": "A red box", "file": (io.BytesIO(jpeg()), "Red Box.jpg")})
    assert uploaded.status_code == 201 and uploaded.json["markdown"] == "![A red box](/media/red-box.jpg)"
    assert repositories.remote_log()[0].endswith("|Upload media/red-box.jpg")
    no_alt = client.post("/admin/content/media", headers=as_json,
                         data={"csrf_token": token, "alt": " ", "file": (io.BytesIO(jpeg()), "x.jpg")})
    assert no_alt.status_code == 400 and "alt" in no_alt.json["error"]["fields"]
    text = client.post("/admin/content/media", data={"csrf_token": token, "alt": "x",
                                                     "file": (io.BytesIO(b"hello"), "x.jpg")})
    assert text.status_code == 400 and "not a JPEG, PNG, WebP or GIF image" in text.text
    # A raw body, so the test client spools nothing to disk that the refused request would leave open.
    too_large = client.post("/admin/content/media", data=b"\0" * (11 * 1024 * 1024), headers=as_json,
                            content_type="multipart/form-data; boundary=x")
    assert too_large.status_code == 400 and "10 MB" in too_large.json["error"]["fields"]["file"]


def test_settings_change_only_what_the_form_changes(client: FlaskClient, repositories) -> None:
    token = csrf_of(client.get("/admin/content/settings").text)
    saved = client.post("/admin/content/settings", data={"csrf_token": token, "title": "Renamed site",
                                                         "description": "", "nav-0-title": "Home", "nav-0-url": "/"})
    assert saved.status_code == 303
    assert repositories.remote_file("site.yml") == SITE.replace(b"Test site", b"Renamed site")


def test_with_review_on_a_submission_waits_in_the_database(make_app, repositories) -> None:
    app = make_app(HERALD_CMS_BACKEND="local", HERALD_CMS_REPOSITORY=str(repositories.clone),
                   HERALD_CMS_WORKER=False, HERALD_CMS_REVIEW=True)
    client = app.test_client()
    Dashboard(client).sign_in()
    # The admin token's sign-in is an admin's: its Publish commits at once; the queue's page still answers.
    assert "Submit for review" not in client.get(f"/admin/content/edit/{POST}").text
    assert client.get("/admin/content/reviews").status_code == 200


def test_without_a_backend_the_section_says_how_to_turn_it_on(make_app) -> None:
    client = make_app().test_client()
    assert Dashboard(client).sign_in().status_code == 303
    page = client.get("/admin/content/")
    assert page.status_code == 404 and "HERALD_CMS_BACKEND" in page.text


def test_the_editor_script_is_for_those_signed_in_and_kept_by_no_shared_cache(app: Flask, client: FlaskClient) -> None:
    with client.get("/admin/content/content-editor.js") as script:
        assert script.status_code == 200 and script.mimetype == "text/javascript"
        assert script.cache_control.private and not script.cache_control.public
    with app.test_client().get("/admin/content/content-editor.js") as signed_out:
        assert signed_out.status_code == 303 and "/admin/sign-in" in signed_out.headers["Location"]


def test_an_uploaded_picture_shows_in_the_preview_from_the_content_folder(app: Flask, client: FlaskClient,
                                                                          repositories) -> None:
    token = csrf_of(client.get("/admin/content/media").text)
    client.post("/admin/content/media", data={"csrf_token": token, "alt": "A red box",
                                              "file": (io.BytesIO(jpeg()), "Red Box.jpg")})
    body = "![A red box](/media/red-box.jpg)\n\n![Not here](/media/missing.jpg)\n"
    preview = client.post("/admin/content/preview", data=editor_form(client, body=body)).text
    route = "http://localhost/admin/content/media-file/media/red-box.jpg?"
    found = re.search(f'<img alt="A red box" src="({re.escape(route)}[^"]+)"', preview)
    assert found is not None and 'src="/media/missing.jpg"' in preview
    address = found.group(1).replace("&amp;", "&")
    stranger = app.test_client()
    with stranger.get(address) as keyed:  # the sandboxed preview sends no cookie: its URL's key lets it in
        assert keyed.status_code == 200
        assert keyed.data == (repositories.clone / "content" / "media" / "red-box.jpg").read_bytes()
        assert keyed.cache_control.private and not keyed.cache_control.public
        assert keyed.headers["Cross-Origin-Resource-Policy"] == "cross-origin"  # a frame with no origin shows it
    with client.get("/admin/content/media-file/media/red-box.jpg") as signed_in:
        assert signed_in.status_code == 200 and signed_in.mimetype == "image/jpeg"
        assert signed_in.headers["Cross-Origin-Resource-Policy"] == "same-site"
    assert stranger.get("/admin/content/media-file/media/red-box.jpg").status_code == 303
    assert stranger.get(address.replace("key=", "key=0")).status_code == 303
    later = utcnow() + timedelta(hours=3)
    with patch("service.cms.views.media_file.utcnow", return_value=later):
        assert stranger.get(address).status_code == 303  # the key has expired
    assert client.get("/admin/content/media-file/media/../site.yml").status_code == 404
    assert client.get("/admin/content/media-file/media/%2e%2e/site.yml").status_code == 404
    assert client.get("/admin/content/media-file/posts/first.md").status_code == 404

