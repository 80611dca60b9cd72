"""Every post and page at its own URL.

Posts and pages may take any path (Jekyll permalinks), so one catch-all rule serves both: Werkzeug cannot fall
through from one catch-all rule to another. Fixed listings (/tags/..., /archive/...) still win, since rules
with literal parts match first.
"""

from __future__ import annotations

from flask import Blueprint, abort

from herald_site import urls
from herald_site.content import Post
from herald_site.web.page_languages import show_in
from herald_site.web.served_index import current_index
from herald_site.web.url_catalog import serves
from herald_site.web.views.blog import render_post
from herald_site.web.views.pages import render_page

bp = Blueprint("permalinks", __name__)


@serves(bp, urls.DOCUMENT)
def show(url_path: str) -> str:
    path = urls.DOCUMENT.path(url_path=url_path)
    found = current_index().find_by_url(path) or abort(404, f"Nothing is published at {path}.")
    show_in(found.language)
    return render_post(found) if isinstance(found, Post) else render_page(found)
