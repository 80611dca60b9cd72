"""Every error the service answers is JSON in one shape: {"error": {"code", "message", "fields"}}.

Views raise `ApiError` (or a werkzeug HTTPException); the handlers here turn anything into that shape, so no
API request, however malformed, gets an HTML page or a traceback. Two kinds of request get an HTML page
instead, with the same status, unless they asked for JSON: a plain HTML form post (a visitor without
JavaScript) refused with 400, 413 or 429; and any error of a view marked `@renders_html` (the service's own pages).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from flask import Flask, Response, current_app, jsonify, request
from flask_limiter.errors import RateLimitExceeded
from sqlalchemy.exc import DBAPIError, OperationalError, TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from herald_site.i18n import SOURCE_LANGUAGE, N_, translations

from ..page_look import render_in_language
from .errors import CODES, ApiError
from .languages import visitor_language
from .origins import page_to_return_to
from .phrases import Phrase, ngettext, translated
from .posted_fields import is_form_post

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., object])
FORM_PAGE_STATUSES = {400, 413, 429}
# Field names as the site's forms label them, so a visitor recognises the field an error page names: the labels
# all forms share, then each form's own, by the blueprint it posts to (a comment's `body` is its "Comment").
FIELD_LABELS = {"author": N_("Name"), "body": N_("Message"), "parent": N_("Reply to"), "csrf_token": N_("Form"),
                "email": N_("Email"), "title": N_("Title")}
FORM_FIELD_LABELS = {
    "comments": {"body": N_("Comment"), "website": N_("Website")},
    "contact": {"name": N_("Your name"), "email": N_("Your email"), "subject": N_("Subject"),
                "message": N_("Message"), "topic": N_("Topic")},
}


def error_response(status: int, message: str, *, code: str | None = None, fields: dict[str, str] | None = None,
                   language: str = SOURCE_LANGUAGE) -> Response:
    response = jsonify({"error": {"code": code or CODES.get(status, "error"), "message": message,
                                  "fields": fields or {}}})
    response.status_code = status
    response.headers["Content-Language"] = language
    return response


def renders_html(view: F) -> F:
    """Mark a view that answers an HTML page, so its errors are answered as HTML pages too."""
    view.herald_renders_html = True  # type: ignore[attr-defined]
    return view


def _answer(status: int, message: str, *, code: str | None = None, fields: dict[str, str] | None = None) -> Response:
    """The error in the visitor's language (service/http/languages.py): a message the catalogues hold is
    translated, figures and all (service/http/phrases.py), any other stays as written; the code and the field
    names never change."""
    language = visitor_language()
    message = translated(message, language)
    fields = {name: translated(text, language) for name, text in (fields or {}).items()}
    if _wants_page(status):
        return _error_page(status, message, fields, language)
    return error_response(status, message, code=code, fields=fields, language=language)


def _wants_page(status: int) -> bool:
    accept = request.accept_mimetypes
    if accept.quality("application/json") > accept.quality("text/html"):
        return False  # a client that asked for JSON gets JSON, from the service's own pages too
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "herald_renders_html", False) or status in FORM_PAGE_STATUSES and is_form_post()


def _error_page(status: int, message: str, fields: dict[str, str], language: str) -> Response:
    """The problem as a page in the site's look and the visitor's language, every field's message listed, with a
    way back."""
    back = page_to_return_to()
    words = translations(language)
    labels = {**FIELD_LABELS, **FORM_FIELD_LABELS.get(request.blueprint or "", {})}
    problems = {words.gettext(labels[name]) if name in labels else name.replace("_", " ").capitalize(): text
                for name, text in fields.items()}
    page = render_in_language("errors/page.html", language, status=status, message=message, problems=problems,
                              back=back)
    return Response(page, status=status, mimetype="text/html", headers={"Content-Language": language})


def _api_error(error: ApiError) -> Response:
    return _answer(error.status, error.message, code=error.code, fields=error.fields)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    response = _answer(status, _http_message(error))
    for name, value in error.get_headers():
        if name in {"Allow", "Retry-After", "WWW-Authenticate"}:
            response.headers[name] = value
    if status == 429:
        # Flask-Limiter adds the exact figure after the request; this default covers any other 429.
        response.headers.setdefault("Retry-After", "60")
    return response


def _http_message(error: HTTPException) -> str:
    """What to tell the visitor: the 413 and the 429 with their figures, in words the catalogues hold (werkzeug's
    and Flask-Limiter's own are English, and the latter only a limit string, "5 per 1 minute")."""
    if isinstance(error, RequestEntityTooLarge):
        return Phrase(N_("That is more than the %(size)s KB the service takes at once."),
                      size=current_app.config["MAX_CONTENT_LENGTH"] // 1024)
    if isinstance(error, RateLimitExceeded):
        limit = error.limit.limit
        return ngettext("Over the limit of %(count)s request in %(period)s.",
                        "Over the limit of %(count)s requests in %(period)s.", limit.amount,
                        period=timedelta(seconds=limit.get_expiry()))
    return error.description or error.name


def _database_unavailable(error: Exception) -> Response:
    log.warning("database unavailable: %s", error)
    return error_response(503, "The service's database is not answering; try again shortly.")


def _unexpected(error: Exception) -> Response:
    log.exception("unhandled error")
    return error_response(500, "Something went wrong on our side; it has been logged.")


def init_app(app: Flask) -> None:
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(PoolTimeoutError, _database_unavailable)
    app.register_error_handler(DBAPIError, _connection_or_unexpected)
    app.register_error_handler(Exception, _unexpected)


def _connection_or_unexpected(error: DBAPIError) -> Response:
    if error.connection_invalidated:
        return _database_unavailable(error)
    return _unexpected(error)
