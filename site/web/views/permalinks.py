"""Every post and page at its own URL.

Posts and pages may take any path (Jekyll permalinks), so one catch-all rule serves both: Werkzeug cannot fall
through from one catch-all rule to another. Fixed listings (/tags/..., /archive/...) still win, since rules
with literal parts match first.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, abort

from herald_site.content import Post, SiteIndex
from herald_site.web.served_index import current_index
from herald_site.web.url_catalog import UrlValues
from herald_site.web.views.blog import render_post
from herald_site.web.views.pages import render_page

bp = Blueprint("permalinks", __name__)


@bp.route("/<path:url_path>/")
def show(url_path: str) -> str:
    found = current_index().find_by_url(f"/{url_path}/") or abort(404, f"Nothing is published at /{url_path}/.")
    return render_post(found) if isinstance(found, Post) else render_page(found)


def _document_urls(index: SiteIndex) -> Iterator[dict[str, str]]:
    for document in [*index.posts, *index.pages]:
        yield {"url_path": document.url_path.strip("/")}


URLS: dict[str, UrlValues] = {"show": _document_urls}
