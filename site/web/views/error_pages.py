"""The page for unknown paths (frozen as /404.html for the host to serve), and content problems in `serve`.

A path the site lacks is answered in the language whose folder it lies in (/fr/no/such/page/ in French: its
words, title, menu and latest posts), else in the default language."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from werkzeug.exceptions import NotFound

from herald_site import urls
from herald_site.content import ContentProblems, tally
from herald_site.content.index import NOT_FOUND_LATEST
from herald_site.web.page_languages import current_listing, folder_language, show_in
from herald_site.web.theme_lookup import HERALD_PREFIX
from herald_site.web.url_catalog import serves

bp = Blueprint("errors", __name__)


@serves(bp, urls.NOT_FOUND)
def not_found_page() -> str:
    """Helps the visitor on: the latest posts of the page's language, and the ways to browse the rest."""
    return render_template("errors/404.html", latest=current_listing().posts[:NOT_FOUND_LATEST])


@bp.app_errorhandler(NotFound)
def not_found(error: NotFound) -> tuple[str, int]:
    """The 404 page in the language of the path's folder; while serving content that has problems, the problems
    (the page needs the index)."""
    try:
        code = folder_language(request.path)
        if code is not None:
            show_in(code)
        return not_found_page(), 404
    except ContentProblems as problems:
        return content_problems(problems)


@bp.app_errorhandler(ContentProblems)
def content_problems(error: ContentProblems) -> tuple[str, int]:
    """While serving, a content edit that broke something shows its problems instead of a stale page.

    Rendered without the context processors, which need the very index that failed to load, and always from
    Herald's own template: a theme's template may be what broke.
    """
    template = current_app.jinja_env.get_template(f"{HERALD_PREFIX}/errors/problems.html")
    return template.render(problems=error.problems, tally=tally(error.problems)), 500

