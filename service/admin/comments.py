"""Comment moderation for the admin: what waits for approval (or everything), approve, delete."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from ..audit.store import record
from ..comments import store
from ..comments.access import comment_or_404
from ..comments.shapes import admin_view
from ..comments.validation import validate_moderation_query
from ..db import get_session
from ..http.admin_token import admin_required
from . import bp

ONE_COMMENT = "/api/admin/comments/<id:comment_id>"


@bp.get("/api/admin/comments")
@admin_required
def comments_for_moderation() -> Any:
    query = validate_moderation_query(request.args)
    comments = store.moderation_list(get_session(), pending_only=query.status == "pending", limit=query.limit,
                                     before=query.before)
    return jsonify({"comments": [admin_view(comment) for comment in comments]})


@bp.post(f"{ONE_COMMENT}/approve")
@admin_required
def approve_comment(comment_id: int) -> Any:
    session = get_session()
    comment = comment_or_404(session, comment_id)
    store.approve_comment(comment)
    record(session, "comment.approve", f"comment {comment_id}")
    session.commit()
    return jsonify(admin_view(comment))


@bp.delete(ONE_COMMENT)
@admin_required
def remove_comment(comment_id: int) -> Any:
    session = get_session()
    store.remove_comment(session, comment_or_404(session, comment_id))
    record(session, "comment.delete", f"comment {comment_id}")
    session.commit()
    return "", 204
