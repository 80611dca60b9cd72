"""The board as plain HTML pages, for visitors without JavaScript: the thread list and one thread, with forms.

The service renders these (rather than the static build) so they are always fresh: a frozen snapshot would
hide new threads until the next build. They are dressed in the site's own shell and use the site's board forms
(service/page_look.py), so they look like the site's board page, and the site proxies /board/threads/ to the
service as it does /api/. Their forms post to the ordinary JSON API routes, which answer a form post with a
303 back here and a notice (`?herald=<code>`, which the page shows).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Response, has_request_context, request, send_from_directory
from flask.typing import ResponseReturnValue

from herald_site.urls import page_count

from ..db import get_session
from ..http.answers import NOTICE_PARAMETER
from ..http.error_answers import renders_html
from ..http.languages import address_language, visitor_language
from ..page_look import render_in_language
from . import bp, shapes, store
from .validation import parse_pagination
from .views import visible_thread_or_404

STATIC_FOLDER = Path(__file__).resolve().parent.parent / "static"
# The board's endpoints a visitor's page links or posts to (its forms post `lang` too, this keeps the address's).
LANGUAGE_KEEPING = {"board.thread_list_page", "board.thread_page", "board.create_thread", "board.reply"}


@bp.get("/board/threads/")
@renders_html
def thread_list_page() -> ResponseReturnValue:
    page, per_page = parse_pagination(request.args)
    listing = store.list_threads(get_session(), page, per_page)
    last_page = page_count(listing.total, per_page)
    return _in_visitor_language("board/threads.html", listing=listing, page=page, last_page=last_page,
                                notice=request.args.get(NOTICE_PARAMETER), excerpt=shapes.excerpt)


@bp.get("/board/threads/<id:thread_id>/")
@renders_html
def thread_page(thread_id: int) -> ResponseReturnValue:
    session = get_session()
    thread = visible_thread_or_404(thread_id)
    return _in_visitor_language("board/thread.html", thread=thread, posts=store.approved_posts(session, thread),
                                notice=request.args.get(NOTICE_PARAMETER))


@bp.url_defaults
def _keep_address_language(endpoint: str, values: dict[str, Any]) -> None:
    """The board's pages link each other, and post their forms, in the language the address named (?lang=fr):
    a visitor who came from a French page stays in French without JavaScript."""
    language = address_language() if has_request_context() else None
    if language and endpoint in LANGUAGE_KEEPING and "lang" not in values:
        values["lang"] = language


def _in_visitor_language(template: str, **context: Any) -> Response:
    """The page in the visitor's language (service/http/languages.py), saying so in `Content-Language`."""
    language = visitor_language()
    return Response(render_in_language(template, language, **context), mimetype="text/html",
                    headers={"Content-Language": language})


@bp.get("/board/threads/service.css")
def service_stylesheet() -> ResponseReturnValue:
    """The service pages' own styles, under the board's path because that is the one the site proxies here;
    the dashboard links the same file."""
    return send_from_directory(STATIC_FOLDER, "service.css", max_age=3600)
