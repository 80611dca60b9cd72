"""The board's public routes: list threads, read one, start one, reply. Storage is in store.py."""

from __future__ import annotations

from flask import Response, jsonify, request, url_for

from herald_site.i18n import N_

from .. import signals
from ..db import get_session
from ..http.answers import accepted, created, redirect_back
from ..http.languages import in_visitor_folder
from ..http.errors import ApiError
from ..http.paging import page_listing
from ..http.phrases import Phrase
from ..http.posted_fields import is_bot_post, is_form_post, read_fields
from ..http.rate_limits import rate_limited
from ..http.url_ids import or_404
from ..moderation import APPROVED, PENDING, initial_status
from . import bp, shapes, store
from .models import BoardThread
from .validation import REPLY_FIELDS, THREAD_FIELDS, parse_pagination, validate_reply, validate_thread

BOARD_PAGE = "/board/"  # where a form post returns when its Referer is not the site
NOTICES = {APPROVED: "board-posted", PENDING: "board-queued"}


@bp.get("/api/board/threads")
def list_threads() -> Response:
    page, per_page = parse_pagination(request.args)
    listing = store.list_threads(get_session(), page, per_page)
    threads = [shapes.thread_summary(thread, listing.openings.get(thread.id)) for thread in listing.threads]
    return page_listing("threads", threads, page, per_page, listing.total)


@bp.get("/api/board/threads/<id:thread_id>")
def show_thread(thread_id: int) -> Response:
    thread = visible_thread_or_404(thread_id)
    return jsonify({"thread": shapes.thread_detail(thread, list(store.approved_posts(get_session(), thread)))})


@bp.post("/api/board/threads")
@rate_limited("HERALD_LIMIT_BOARD")
def create_thread() -> Response:
    fields = read_fields(THREAD_FIELDS)
    if is_bot_post(fields):
        return _as_if_accepted()
    new = validate_thread(fields)
    session = get_session()
    thread, opening = store.create_thread(session, new, initial_status())
    session.commit()
    signals.send(signals.thread_created, thread=shapes.admin_thread(thread),
               post=shapes.admin_post(opening, opening=True))
    if is_form_post():
        return _back_to_board(thread.status)
    return created({**shapes.thread_detail(thread, [opening]), "status": thread.status},
                   url_for(".show_thread", thread_id=thread.id))


@bp.post("/api/board/threads/<id:thread_id>/posts")
@rate_limited("HERALD_LIMIT_BOARD")
def reply(thread_id: int) -> Response:
    fields = read_fields(REPLY_FIELDS)
    if is_bot_post(fields):
        return _as_if_accepted()
    session = get_session()
    thread = visible_thread_or_404(thread_id)
    if thread.locked:
        raise ApiError(409, N_("This thread is locked and takes no new replies; start a new thread instead."),
                       code="locked")
    post = store.add_reply(session, thread, validate_reply(fields), initial_status())
    session.commit()
    signals.send(signals.board_post_created, thread=shapes.admin_thread(thread),
               post=shapes.admin_post(post, opening=False))
    if is_form_post():
        return _back_to_board(post.status)
    return created({**shapes.public_post(post), "status": post.status})


def visible_thread_or_404(thread_id: int) -> BoardThread:
    """The thread a visitor may see, or a 404 saying why it may be missing (for the API and the pages)."""
    return or_404(store.visible_thread(get_session(), thread_id),
                  Phrase(N_("There is no thread %(id)s on the board; it may be removed or await moderation."),
                         id=str(thread_id)))


def _as_if_accepted() -> Response:
    """What a bot that filled the honeypot gets: the answer a person would, with nothing stored."""
    return accepted(NOTICES[initial_status()], fallback_path=in_visitor_folder(BOARD_PAGE))


def _back_to_board(status: str) -> Response:
    return redirect_back(NOTICES[status], fallback_path=in_visitor_folder(BOARD_PAGE))
