"""The browser's side of live reload: a version that moves at every change, the long-poll a page waits on, and
the script and problems banner added to each HTML page `serve` answers.

As mkdocs' live reload does, each page asks `/_herald/live?version=V` and the answer comes when the version is
no longer V (or after a while, when the page simply asks again): the script then reloads the page. A long-poll
needs nothing but fetch, and the version names the server's start, so a page open across a restart reloads too.
The script and its stylesheet are files, never inline, so a Content-Security-Policy forbidding inline script
and style still holds. A build never has any of this: only `serve` calls `enable_live_reload`.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request, send_from_directory
from jinja2.utils import LRUCache
from markupsafe import Markup, escape

from herald_site.content import ContentProblems, tally
from herald_site.urls import HERALD_FOLDER, SHELL_PAGE
from herald_site.web.served_index import SiteContent, site_content

LIVE_PATH = f"{HERALD_FOLDER}live"  # in the folder no post or page may take
SCRIPT_PATH = f"{LIVE_PATH}.js"
STYLESHEET_PATH = f"{LIVE_PATH}.css"
LIVE_FILES = Path(__file__).resolve().parent / "static"
# How long a page's question waits for a change before it is answered with the same version (and asked again).
LONG_POLL_SECONDS = 20.0
VERSIONS_KEY = "herald_live_versions"
TEMPLATE_CACHE_SIZE = 400  # Jinja's own default

bp = Blueprint("live", __name__)


class Versions:
    """The version of what `serve` shows; `advance` moves it and wakes every page waiting on it."""

    def __init__(self) -> None:
        self._started = uuid.uuid4().hex[:8]
        self._count = 0
        self._changed = threading.Condition()

    @property
    def current(self) -> str:
        return f"{self._started}-{self._count}"

    def advance(self) -> str:
        with self._changed:
            self._count += 1
            self._changed.notify_all()
            return self.current

    def wait_past(self, version: str, timeout: float) -> str:
        """The current version as soon as it differs from `version`, or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.current != version, timeout)
            return self.current


def enable_live_reload(app: Flask) -> Versions:
    """Add live reload to `serve`'s app: the endpoints, and the script (with any problems) in its pages."""
    versions = app.extensions[VERSIONS_KEY] = Versions()
    app.register_blueprint(bp)
    app.before_request(_note_version)
    app.after_request(_with_live_script)
    return versions


def compile_templates_once(app: Flask) -> Callable[[], None]:
    """Give `serve`'s app back Jinja's cache of compiled templates, and the call that empties it.

    Without a watcher, `serve` compiles every template at every page (`herald_site.web.templating`), so that a
    template added to the theme takes over at once: a quarter of a second per page. The watcher empties the
    cache when a template file changes instead (an edit of a cached one Jinja sees by itself).
    """
    cache = app.jinja_env.cache = LRUCache(TEMPLATE_CACHE_SIZE)
    return cache.clear


def _versions() -> Versions:
    versions: Versions = current_app.extensions[VERSIONS_KEY]
    return versions


def _note_version() -> None:
    """The version before the page reads the content: a change while it renders then reloads it again."""
    g.herald_live_version = _versions().current


@bp.route(LIVE_PATH)
def wait_for_change() -> Response:
    version = _versions().wait_past(request.args.get("version", ""), LONG_POLL_SECONDS)
    response = jsonify(version=version)
    response.cache_control.no_store = True
    return response


@bp.route(SCRIPT_PATH)
def script() -> Response:
    return send_from_directory(LIVE_FILES, "live.js", max_age=0)


@bp.route(STYLESHEET_PATH)
def stylesheet() -> Response:
    return send_from_directory(LIVE_FILES, "live.css", max_age=0)


def problems_banner(problems: ContentProblems) -> Markup:
    """What a page shows while the latest save keeps the content from loading: each problem with its file and
    line, above the last good version of the page."""
    items = "".join(f'<li class="{escape(p.severity)}"><code>{escape(str(p))}</code></li>' for p in problems.problems)
    return Markup(
        '<aside class="herald-live-problems" role="alert" aria-labelledby="herald-live-problems-title">'
        f'<p id="herald-live-problems-title"><strong>The content has {escape(tally(problems.problems))}</strong>: '
        "this page is the last version that loaded. Fix the file and save; the page reloads.</p>"
        f"<ul>{items}</ul></aside>"
    )


def live_markup(content: SiteContent, version: str) -> Markup:
    """The banner (while the content has problems), the stylesheet and the script, for the end of a page."""
    banner = problems_banner(content.problems) if content.problems is not None else Markup("")
    return banner + Markup(
        f'<link rel="stylesheet" href="{STYLESHEET_PATH}">'
        f'<script src="{SCRIPT_PATH}" data-version="{escape(version)}" defer></script>'
    )


def _with_live_script(response: Response) -> Response:
    """The live markup at the end of each HTML page; every answer revalidated, so a reload shows saved files."""
    if response.cache_control.max_age is None:
        response.cache_control.no_cache = True
    if response.mimetype != "text/html" or response.direct_passthrough or response.is_streamed:
        return response
    if request.endpoint == SHELL_PAGE.endpoint:  # the service's pages wrap it, on the service's origin
        return response
    html = response.get_data(as_text=True)
    markup = str(live_markup(site_content(), g.get("herald_live_version") or _versions().current))
    end = html.rfind("</body>")
    response.set_data(html[:end] + markup + html[end:] if end != -1 else html + markup)
    return response
