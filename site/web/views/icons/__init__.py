"""The site icon: favicon.ico, the touch and app icons and the web app manifest that lists them.

The icon is `icon` in site.yml (a file in content/media/), else Herald's own. Its files are drawn once per
version of the source (see `herald_site.web.views.icons.drawing`); a rebuild keeps them while the source is unchanged,
since their signatures are the source's (`herald_site.speed.signatures`). An SVG icon is also linked as it is.
"""

from __future__ import annotations

import functools
import json
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Blueprint, Response, abort, url_for

from herald_site import urls
from herald_site.urls import APP_ICON_SIZES
from herald_site.web.responses import typed_by_path
from herald_site.web.served_index import current_index, site_content
from herald_site.web.url_catalog import serves
from herald_site.web.views.assets import media_root

if TYPE_CHECKING:  # Pillow loads only to draw: a rebuild that keeps the icons never needs it
    from herald_site.web.views.icons.drawing import IconSet

bp = Blueprint("icons", __name__)

HERALD_ICON = Path(__file__).resolve().with_name("herald.png")
# The web app manifest's registered type; Python's own table lacks it, and Frozen-Flask and the built-site server
# type a file by that table.
mimetypes.add_type("application/manifest+json", ".webmanifest")


def icon_source() -> Path:
    """The file the current site's icon is drawn from."""
    icon = current_index().config.icon
    return media_root(site_content().content_dir) / icon if icon else HERALD_ICON


@functools.lru_cache(maxsize=4)
def drawn_icons(source: Path, size: int, modified_ns: int) -> IconSet:
    """The icon files of one version of `source` (by its size and modification time), drawn once: a build
    asks for them at four URLs, and `serve` at every page."""
    from herald_site.web.views.icons.drawing import draw_icons

    return draw_icons(source)


def current_icons() -> IconSet:
    source = icon_source()
    stat = source.stat()
    return drawn_icons(source, stat.st_size, stat.st_mtime_ns)


@serves(bp, urls.FAVICON)
def favicon() -> Response:
    return typed_by_path(current_icons().favicon)


@serves(bp, urls.TOUCH_ICON)
def touch_icon() -> Response:
    return typed_by_path(current_icons().touch_icon)


@serves(bp, urls.APP_ICON)
def app_icon(size: int) -> Response:
    drawn = current_icons().app_icons.get(size)
    if drawn is None:
        abort(404)
    return typed_by_path(drawn)


@serves(bp, urls.WEB_MANIFEST)
def manifest() -> Response:
    """What Android needs to put the site on a home screen: its name and icons, in the default language (the site's
    one manifest)."""
    site = current_index().config
    config = site.in_language(site.language)
    document = {
        "name": config.title,
        "short_name": config.title,
        "description": config.description,
        "lang": config.language,
        "start_url": url_for("blog.home"),
        "display": "browser",
        "icons": [
            {"src": url_for(".app_icon", size=size), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in APP_ICON_SIZES
        ],
    }
    return typed_by_path(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


@bp.app_template_global()
def vector_icon() -> str | None:
    """The URL of the site icon when it is an SVG, which browsers that can scale it prefer to favicon.ico."""
    icon = current_index().config.icon
    if icon is None or not icon.lower().endswith(".svg"):
        return None
    return url_for("assets.media", filename=icon)
