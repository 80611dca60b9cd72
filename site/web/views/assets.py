"""Files served as they are: the editors' media from content/media and the code-highlighting stylesheet.

The theme's own files are Flask's `static` folder (site/web/static), which Frozen-Flask copies by itself. A media
file that is a link leading out of the content folder is never served (the content checks report it): the
development server would otherwise hand out whatever it points at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from flask import Blueprint, Response, abort, send_from_directory

from herald_site.confined import lies_inside
from herald_site.content import SiteIndex
from herald_site.content.settings import MEDIA_FOLDER
from herald_site.markdown import pygments_css
from herald_site.web.responses import typed_by_path
from herald_site.web.served_index import site_content
from herald_site.web.url_catalog import UrlValues, single_url

bp = Blueprint("assets", __name__)


def media_root(content_dir: Path) -> Path:
    """Absolute, since Flask reads a relative folder from the package, not the working directory."""
    return (content_dir / MEDIA_FOLDER).resolve()


@bp.route("/media/<path:filename>")
def media(filename: str) -> Response:
    content_dir = site_content().content_dir
    if not lies_inside(content_dir, media_root(content_dir) / filename):
        abort(404, f"/media/{filename} leads out of the content folder and is not published.")
    return send_from_directory(media_root(content_dir), filename)


@bp.route("/static/pygments.css")
def pygments_stylesheet() -> Response:
    return typed_by_path(pygments_css())


def _media_urls(index: SiteIndex) -> Iterator[dict[str, str]]:
    root = media_root(site_content().content_dir)
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            yield {"filename": path.relative_to(root).as_posix()}


URLS: dict[str, UrlValues] = {"media": _media_urls, "pygments_stylesheet": single_url}
