"""Files served as they are: the editors' media from content/media, the theme's files, and the stylesheets of
code highlighting and of the site's colours and fonts.

A theme file is the site's own (content/theme/static) when it has one, else Herald's (site/web/static): see
`herald_site.web.theme_lookup`. A media file that is a link leading out of the content folder is never served
(the content checks report it): the development server would otherwise hand out whatever it points at.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, Response, abort, send_from_directory
from werkzeug.security import safe_join

from herald_site import urls
from herald_site.confined import lies_inside
from herald_site.content import ContentError, load_config
from herald_site.content.settings import MEDIA_FOLDER
from herald_site.markdown import pygments_css
from herald_site.web.responses import typed_by_path
from herald_site.web.served_index import current_index, site_content
from herald_site.web.stylesheet_comments import without_comments
from herald_site.web.theme_lookup import static_source
from herald_site.web.theme_stylesheet import theme_stylesheet
from herald_site.web.url_catalog import serves

bp = Blueprint("assets", __name__)


def media_root(content_dir: Path) -> Path:
    """Absolute, since Flask reads a relative folder from the package, not the working directory."""
    return (content_dir / MEDIA_FOLDER).resolve()


@serves(bp, urls.MEDIA)
def media(filename: str) -> Response:
    content_dir = site_content().content_dir
    if not lies_inside(content_dir, media_root(content_dir) / filename):
        abort(404, f"{urls.MEDIA.path(filename=filename)} leads out of the content folder and is not published.")
    return send_from_directory(media_root(content_dir), filename)


@serves(bp, urls.PYGMENTS_CSS)
def pygments_stylesheet() -> Response:
    return typed_by_path(pygments_css())


@serves(bp, urls.SITE_THEME_CSS)
def site_theme_stylesheet() -> Response:
    theme = current_index().config.theme
    if theme is None:
        abort(404, "site.yml sets no `theme:`, so the site has no stylesheet of its own colours and fonts.")
    return typed_by_path(theme_stylesheet(theme))


@serves(bp, urls.STATIC)
def static_file(filename: str) -> Response:
    folder, _ = static_source(filename)
    if filename.endswith(".css"):  # served without the notes for its editors
        path = safe_join(str(folder), filename)
        if path is None or not Path(path).is_file():
            abort(404, f"No stylesheet {urls.STATIC.path(filename=filename)}.")
        return typed_by_path(without_comments(Path(path).read_text(encoding="utf-8")))
    return send_from_directory(folder, filename)


def serve_static_folders(app: Flask, content_dir: Path) -> None:
    """For `serve` only: the files of site.yml's static folders (as site.yml names them when `serve` starts),
    from the content folder. A build copies them (`herald_site.build.static_copies`) rather than freezing a view,
    so they are no URL shape."""
    try:
        folders = load_config(content_dir).static_folders
    except ContentError:  # `serve` shows the problem instead of pages
        folders = ()
    for folder in folders:
        rule = f"/{folder}/<path:name>"
        app.add_url_rule(rule, "static_folder_file", _static_folder_file, defaults={"folder": folder})


def _static_folder_file(folder: str, name: str) -> Response:
    path = f"{folder}/{name}"
    if path not in current_index().static_files:  # hidden files and links out of the content folder are not listed
        abort(404, f"/{path} is not a file of the static folder {folder}/.")
    return send_from_directory(site_content().content_dir.resolve(), path)
