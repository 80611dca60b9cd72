"""Moderating the board: the queue of posts, approving and deleting them, locking and deleting threads."""

from __future__ import annotations

from flask import Response, jsonify, request

from ..audit.store import record
from ..board import shapes, store
from ..board.models import BoardPost, BoardThread
from ..board.validation import parse_pagination
from ..db import get_session
from ..field_checks import checked
from ..http.admin_token import admin_required
from ..http.paging import page_listing
from ..http.url_ids import or_404
from ..moderation import PENDING, QUEUE_VIEW
from . import bp


@bp.get("/api/admin/board/posts")
@admin_required
def board_posts() -> Response:
    shown = checked(request.args, {"status": QUEUE_VIEW})["status"]
    page, per_page = parse_pagination(request.args)
    listing = store.moderation_posts(get_session(), PENDING if shown == "pending" else None, page, per_page)
    posts = [shapes.admin_post(item.post, opening=item.opening) for item in listing.items]
    return page_listing("posts", posts, page, per_page, listing.total)


@bp.post("/api/admin/board/posts/<id:post_id>/approve")
@admin_required
def approve_board_post(post_id: int) -> Response:
    session = get_session()
    post = post_or_404(post_id)
    store.approve_post(session, post)
    record(session, "board.approve", f"board post {post_id}")
    session.commit()
    return jsonify(shapes.admin_post(post, opening=store.is_opening_post(session, post)))


@bp.delete("/api/admin/board/posts/<id:post_id>")
@admin_required
def delete_board_post(post_id: int) -> tuple[str, int]:
    store.delete_post(get_session(), post_or_404(post_id))
    return _committed_no_content("board.delete", f"board post {post_id}")


@bp.post("/api/admin/board/threads/<id:thread_id>/lock")
@admin_required
def lock_board_thread(thread_id: int) -> Response:
    return _set_locked(thread_id, True)


@bp.post("/api/admin/board/threads/<id:thread_id>/unlock")
@admin_required
def unlock_board_thread(thread_id: int) -> Response:
    return _set_locked(thread_id, False)


@bp.delete("/api/admin/board/threads/<id:thread_id>")
@admin_required
def delete_board_thread(thread_id: int) -> tuple[str, int]:
    store.delete_thread(get_session(), _thread(thread_id))
    return _committed_no_content("board.delete_thread", f"board thread {thread_id}")


def _committed_no_content(action: str, target: str) -> tuple[str, int]:
    record(get_session(), action, target)
    get_session().commit()
    return "", 204


def _set_locked(thread_id: int, locked: bool) -> Response:
    session = get_session()
    thread = _thread(thread_id)
    store.set_locked(thread, locked)
    record(session, "board.lock" if locked else "board.unlock", f"board thread {thread_id}")
    session.commit()
    return jsonify(shapes.admin_thread(thread))


def post_or_404(post_id: int) -> BoardPost:
    """The board post (published or pending), or a 404 that names it."""
    return or_404(store.find_post(get_session(), post_id),
                  f"There is no board post {post_id}; it may already be deleted.")


def _thread(thread_id: int) -> BoardThread:
    return or_404(store.find_thread(get_session(), thread_id),
                  f"There is no board thread {thread_id}; it may already be deleted.")
