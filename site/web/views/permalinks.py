"""Every post and page at its own URL, and every old address that redirects to one.

Posts and pages may take any path (Jekyll permalinks), so one catch-all rule serves both: Werkzeug cannot fall
through from one catch-all rule to another. Fixed listings (/tags/..., /archive/...) still win, since rules
with literal parts match first. An old address ending in "/" shares that rule and view (`urls.REDIRECT`), which
answers for documents and redirects alike; one ending in ".html" has its own (`urls.REDIRECT_FILE`).
"""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, abort, render_template

from herald_site import urls
from herald_site.content import Post
from herald_site.web.page_languages import show_in
from herald_site.web.served_index import current_index
from herald_site.web.url_catalog import serves
from herald_site.web.views.blog import render_post
from herald_site.web.views.pages import render_page

bp = Blueprint("permalinks", __name__)

URL_SAFE = "/:?#[]@!$&'()*+,;=%~"  # what stays as written when an address is %-escaped for a link or a header


@serves(bp, urls.DOCUMENT)
def show(url_path: str) -> str:
    return _answer(urls.DOCUMENT.path(url_path=url_path))


@serves(bp, urls.REDIRECT_FILE)
def redirect_file(url_path: str) -> str:
    return _answer(urls.REDIRECT_FILE.path(url_path=url_path))


def _answer(path: str) -> str:
    """The post or page at `path`, or the page sending the reader on from it."""
    index = current_index()
    found = index.find_by_url(path)  # a document that only redirects is among the old addresses
    if found is None:
        target = index.redirects.get(path)
        if target is None:
            abort(404, f"Nothing is published at {path}.")
        return render_redirect(target)
    show_in(found.language)
    return render_post(found) if isinstance(found, Post) else render_page(found)


def render_redirect(target: str) -> str:
    """A page that sends the reader to `target` on any host: a refresh at once, the canonical link search engines
    follow, a plain link for the rest, and no place in search results of its own; it says so in the language of
    the document it leads to (else the site's default), which its `lang` and `dir` name."""
    index = current_index()
    config = index.config
    leads_to = index.find_by_url(target.split("#", 1)[0].split("?", 1)[0]) if target.startswith("/") else None
    show_in(leads_to.language if leads_to else config.language)  # its words in the language of where it leads
    address = quote(target, safe=URL_SAFE)
    canonical = config.url + address if target.startswith("/") else address
    return render_template("redirect.html", address=address, canonical=canonical)
