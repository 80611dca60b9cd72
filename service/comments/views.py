"""The comment routes: a page's comments, posting one, and its author's edit or delete with the edit token."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Response, current_app, jsonify, request, url_for
from sqlalchemy import Connection

from herald_site.i18n import N_

from .. import signals
from ..db import database, get_session
from ..field_checks import is_page_path
from ..http.answers import accepted, created, redirect_back
from ..http.phrases import Phrase
from ..http.posted_fields import is_bot_post, is_form_post, read_fields
from ..http.rate_limits import rate_limited
from ..http.url_ids import or_404
from ..moderation import APPROVED, PENDING, initial_status, status_after_edit
from . import bp, store
from .access import check_edit_token, comment_or_404, issue_edit_token, presented_token
from .page_cache import VERSION_KEY, PageAnswer, page_cache
from .shapes import admin_view, public_view
from .validation import validate_edit, validate_new_comment, validate_page_query

COMMENT_FIELDS = ("page", "parent", "author", "email", "website", "body")
EDIT_FIELDS = ("body", "author", "website", "token")
ONE_COMMENT = "/api/comments/<id:comment_id>"
# A CDN (or browser) may answer a page's comments for 10 s, then serve them stale for up to a minute more while
# it asks again in the background: a viral page costs the service one read per edge every 10 s, a new comment
# shows to others within seconds, and its author sees it at once from the 201. Asking again costs a 304.
PAGE_READ_CACHING = "public, max-age=10, stale-while-revalidate=60"
NOTICES = {APPROVED: "comment-posted", PENDING: "comment-pending"}  # ?herald=... on the page a form goes back to


@bp.get("/api/comments")
def page_comments() -> Response:
    page, since = validate_page_query(request.args)
    with database().reads.connect() as connection:  # no ORM session nor transaction: these reads need none
        answer = _page_answer(connection, page) if since is None else _render(connection, page, since)
    response = current_app.response_class(answer.body, mimetype="application/json")
    response.headers["Cache-Control"] = PAGE_READ_CACHING
    response.set_etag(answer.etag)  # strong, of the bytes: exact whatever changed (an approval, an erasure)
    return response.make_conditional(request)


def _page_answer(connection: Connection, page: str) -> PageAnswer:
    """The page's whole answer, from the page cache while the page's version says it still holds."""
    version = store.page_version(connection, page)
    request.environ[VERSION_KEY] = (page, version)  # lets the shortcut in front of Flask keep the whole answer
    kept = page_cache().answer(page, version)
    if kept is not None:
        return kept
    answer = _render(connection, page)
    page_cache().keep(page, version, answer)
    return answer


def _render(connection: Connection, page: str, since: datetime | None = None) -> PageAnswer:
    comments = store.page_thread(connection, page, since)
    return PageAnswer.of(jsonify({"comments": [public_view(comment) for comment in comments]}).get_data())


@bp.post("/api/comments")
@rate_limited("HERALD_LIMIT_COMMENTS")
def post_comment() -> Response:
    fields = read_fields(COMMENT_FIELDS)
    if is_bot_post(fields):
        page = str(fields.get("page") or "")
        return accepted(NOTICES[initial_status()], fallback_path=page if is_page_path(page) else "/")
    session = get_session()
    draft = validate_new_comment(fields, lambda parent: store.replyable_page(session, parent))
    comment = store.add_comment(session, draft, status=initial_status())
    signals.send(signals.comment_created, comment=admin_view(comment), session=session)  # its event joins the commit
    session.commit()
    if is_form_post():
        return _back_to_page(comment)
    return created({**public_view(comment), "status": comment.status, "token": issue_edit_token(comment)},
                   url_for(".published_comment", comment_id=comment.id))


def _back_to_page(comment: store.StoredComment) -> Response:
    """The 303 a plain form gets: back to the post, with a notice saying whether the comment shows yet."""
    return redirect_back(NOTICES[comment.status], fallback_path=comment.page)


@bp.get(ONE_COMMENT)
def published_comment(comment_id: int) -> Any:
    comment = or_404(store.published_comment(get_session(), comment_id),
                     Phrase(N_("There is no published comment %(id)s."), id=str(comment_id)))
    return jsonify(public_view(comment))


@bp.patch(ONE_COMMENT)
@rate_limited("HERALD_LIMIT_EDITS")
def edit_comment(comment_id: int) -> Any:
    fields = read_fields(EDIT_FIELDS)
    session = get_session()
    comment = comment_or_404(session, comment_id)
    check_edit_token(presented_token(fields), comment)
    store.edit_comment(comment, validate_edit(fields), status=status_after_edit(comment.status))
    session.commit()
    return jsonify({**public_view(comment), "status": comment.status})


@bp.delete(ONE_COMMENT)
@rate_limited("HERALD_LIMIT_EDITS")
def delete_comment(comment_id: int) -> Any:
    fields = read_fields(("token",))
    session = get_session()
    comment = comment_or_404(session, comment_id)
    check_edit_token(presented_token(fields), comment)
    store.remove_comment(session, comment)
    session.commit()
    return "", 204
