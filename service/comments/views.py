"""The comment routes: a page's comments, posting one, and its author's edit or delete with the edit token."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request, url_for

from .. import hooks
from ..db import get_session
from ..errors import ApiError
from ..limits import rate_limited
from ..moderation import initial_status
from ..submissions import is_bot_post, is_form_post, read_fields, redirect_back
from . import bp, store
from .access import check_edit_token, comment_or_404, issue_edit_token, presented_token
from .models import APPROVED, PENDING, Comment
from .representation import admin_view, public_view
from ..fields import is_page_path
from .validation import validate_edit, validate_new_comment, validate_page_query

COMMENT_FIELDS = ("page", "parent", "author", "email", "website", "body")
EDIT_FIELDS = ("body", "author", "website", "token")
ONE_COMMENT = "/api/comments/<id:comment_id>"


@bp.get("/api/comments")
def page_comments() -> Response:
    page, since = validate_page_query(request.args)
    comments = store.page_thread(get_session(), page, since)
    response = jsonify({"comments": [public_view(comment) for comment in comments]})
    # Clients may keep the list, but must ask again each time; an unchanged list costs a 304.
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    return response.make_conditional(request)


@bp.post("/api/comments")
@rate_limited("HERALD_LIMIT_COMMENTS")
def post_comment() -> Any:
    fields = read_fields(COMMENT_FIELDS)
    if is_bot_post(fields):
        return _pretend_received(fields)
    session = get_session()
    draft = validate_new_comment(fields, lambda parent: store.replyable_page(session, parent))
    comment = store.add_comment(session, draft, status=initial_status())
    session.commit()
    hooks.send(hooks.comment_created, comment=admin_view(comment))
    if is_form_post():
        return _back_to_page(comment.page, comment)
    created = {**public_view(comment), "status": comment.status, "token": issue_edit_token(comment.id)}
    return jsonify(created), 201, {"Location": url_for(".published_comment", comment_id=comment.id)}


def _back_to_page(page: str, comment: Comment | None) -> Response:
    """The 303 a plain form gets: to the comment when it is published, else to the comments with a notice."""
    if comment is not None and comment.status == APPROVED:
        return redirect_back("comment-posted", fallback_path=page, anchor=f"comment-{comment.id}")
    return redirect_back("comment-pending", fallback_path=page, anchor="comments")


def _pretend_received(fields: dict[str, Any]) -> Any:
    """A bot filled the honeypot: store nothing, and give it no error to learn from."""
    if is_form_post():
        page = str(fields.get("page") or "")
        fallback = page if is_page_path(page) else "/"
        return redirect_back("comment-pending" if initial_status() == PENDING else "comment-posted", fallback_path=fallback,
                             anchor="comments")
    return jsonify({"status": "received"}), 202


@bp.get(ONE_COMMENT)
def published_comment(comment_id: int) -> Any:
    comment = store.published_comment(get_session(), comment_id)
    if comment is None:
        raise ApiError(404, f"There is no published comment {comment_id}.")
    return jsonify(public_view(comment))


@bp.patch(ONE_COMMENT)
@rate_limited("HERALD_LIMIT_EDITS")
def edit_comment(comment_id: int) -> Any:
    fields = read_fields(EDIT_FIELDS)
    session = get_session()
    comment = comment_or_404(session, comment_id)
    check_edit_token(presented_token(fields), comment_id)
    store.edit_comment(comment, validate_edit(fields))
    session.commit()
    return jsonify({**public_view(comment), "status": comment.status})


@bp.delete(ONE_COMMENT)
@rate_limited("HERALD_LIMIT_EDITS")
def delete_comment(comment_id: int) -> Any:
    fields = read_fields(("token",))
    session = get_session()
    comment = comment_or_404(session, comment_id)
    check_edit_token(presented_token(fields), comment_id)
    store.remove_comment(session, comment)
    session.commit()
    return "", 204
