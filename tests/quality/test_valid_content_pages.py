"""The dashboard's Content section passes the Nu HTML Checker too: each of its pages, filled and in its refused,
conflict and preview states, rendered against a real repository (kept apart from test_valid_html.py, whose
service has no content manager)."""

from __future__ import annotations

import shutil
from pathlib import Path

from service import create_app as create_service
from tests.conftest import ADMIN_TOKEN, SAMPLE_CONTENT, SECRET_KEY, require_service
from tests.quality.test_valid_html import INVALID_HTML, INVALID_PAGE, checker_errors
from tests.service.conftest import SITE_ORIGIN, render_site_shell
from tests.service.git_repositories import git, make_repositories
from tests.service.test_dashboard_views import Dashboard, csrf_of

EDIT = "/admin/content/edit/posts/first.md"


def content_pages(folder: Path) -> dict[str, str]:
    repositories = make_repositories(folder)
    repositories.push_from_other("site.yml", b"title: Test site\nurl: https://example.org\n"
                                             b"nav:\n  - {title: Home, url: /}\n")
    git(repositories.clone, "pull", "--quiet", "--ff-only")
    shell = folder / "shell.html"
    shell.write_bytes(render_site_shell(SAMPLE_CONTENT, SITE_ORIGIN))
    app = create_service({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'herald.db'}",
                          "SECRET_KEY": SECRET_KEY, "HERALD_ADMIN_TOKEN": ADMIN_TOKEN,
                          "HERALD_SITE_ORIGIN": SITE_ORIGIN, "HERALD_SITE_SHELL": str(shell),
                          "RATELIMIT_ENABLED": False,
                          "HERALD_CMS_BACKEND": "local", "HERALD_CMS_REPOSITORY": str(repositories.clone),
                          "HERALD_CMS_WORKER": False, "HERALD_CMS_REVIEW": True})
    client = app.test_client()
    assert Dashboard(client).sign_in().status_code == 303
    edit = client.get(EDIT).text
    form = {"csrf_token": csrf_of(edit), "title": "First", "date": "2026-12-01", "body": "Hello", "action": "save"}
    pages = {
        "list": client.get("/admin/content/"), "new": client.get("/admin/content/new"),
        "media": client.get("/admin/content/media"), "settings": client.get("/admin/content/settings"),
        "rename": client.get("/admin/content/rename/posts/first.md"),
        "delete": client.get("/admin/content/delete/posts/first.md"),
        "reviews": client.get("/admin/content/reviews"),
        "refused": client.post(EDIT, data={**form, "title": "", "body": "[x](/nowhere/)"}),
        "unpublish-asked": client.post(EDIT, data={**form, "action": "draft"}),  # published: asks first
        "new-refused": client.post("/admin/content/new", data={**form, "kind": "page", "title": "!!"}),
        "settings-refused": client.post("/admin/content/settings", data={**form, "title": "", "nav-0-title": "x"}),
        "conflict": client.post(EDIT, data={**form, "blob": "0" * 40}),
        "preview": client.post("/admin/content/preview", data={**form, "path": "posts/first.md"}),
    }
    statuses = {name: response.status_code for name, response in pages.items()}
    assert statuses == {**dict.fromkeys(pages, 200), "refused": 422, "new-refused": 422, "settings-refused": 422,
                        "conflict": 409}
    return {"edit": edit, **{name: response.text for name, response in pages.items()}}


def test_every_content_page_is_valid_html(tmp_path: Path) -> None:
    require_service(shutil.which("java") is not None, "Java is missing: the Nu HTML Checker (vnu.jar) runs on it")
    files = []
    for name, html in content_pages(tmp_path).items():
        path = tmp_path / "pages" / f"{name}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(html, encoding="utf-8")
        files.append(path)
    (tmp_path / "pages" / INVALID_PAGE).write_text(INVALID_HTML, encoding="utf-8")
    errors = checker_errors(tmp_path / "pages", [*files, tmp_path / "pages" / INVALID_PAGE])
    assert any(error.startswith(f"{INVALID_PAGE}:") for error in errors), "the checker missed a known error"
    wrong = [error for error in errors if not error.startswith(f"{INVALID_PAGE}:")]
    assert not wrong, "\n".join(wrong)
