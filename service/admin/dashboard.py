"""The admin dashboard at /admin/: the moderation queue, the contact outbox and analytics charts, as HTML pages.

The pages use the same storage functions as the JSON admin routes; every action is one small POST form
(CSRF-checked by `role_required`, which also names the permission each page needs) answered with a 303 back to
the page, so the dashboard needs no script. Every change is written to the audit log (service/audit/).
"""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from ..audit.store import record
from ..board import store as board_store
from ..comments import store as comment_store
from ..comments.access import comment_or_404
from ..contact import store as contact_store
from ..contact.delivery import OutboxError, deliver_due, mail_server
from ..contact.worker import contact_settings
from ..db import database, get_session, utcnow
from ..events import analytics
from ..events.validation import check_report_query
from ..http.error_answers import renders_html
from ..http.errors import ApiError, ValidationError
from ..http.rate_limits import limit_failed_authentication
from ..moderation import PENDING, QUEUE_VIEWS
from . import bp, signin
from .board import post_or_404
from .charts import bar_chart, line_chart

QUEUE_LIMIT = 100
CHART_ROWS = 10

bp.record_once(lambda state: signin.init_app(state.app))


def _page(template: str, **context: object) -> str:
    return render_template(template, csrf_token=signin.csrf_token(), **context)


@bp.route("/admin/sign-in", methods=["GET", "POST"])
@renders_html
@limit_failed_authentication("POST")
def sign_in_page() -> ResponseReturnValue:
    signin.require_token_configured()
    wanted = signin.wanted_page()
    if request.method == "GET":
        if signin.current_person() is not None:
            return redirect(signin.safe_next(wanted), code=303)
        return _page("admin/sign_in.html", next=wanted or "", problem=None)
    signin.check_csrf()
    if not signin.token_matches(request.form.get("token", "")):
        problem = "That is not the admin token. Paste HERALD_ADMIN_TOKEN exactly as the service has it."
        return _page("admin/sign_in.html", next=wanted or "", problem=problem), 401
    signin.sign_in()
    return redirect(signin.safe_next(wanted), code=303)


@bp.post("/admin/sign-out")
@renders_html
@signin.signed_in_required
def sign_out() -> ResponseReturnValue:
    signin.sign_out()
    flash("Signed out.")
    return redirect(url_for(".sign_in_page"), code=303)


@bp.get("/admin/")
@renders_html
@signin.role_required("moderation")
def queue() -> ResponseReturnValue:
    show = _queue_view(request.args.get("show"))
    session = get_session()
    comments = comment_store.moderation_list(session, pending_only=show == "pending", limit=QUEUE_LIMIT, before=None)
    posts = board_store.moderation_posts(session, PENDING if show == "pending" else None, 1, QUEUE_LIMIT)
    return _page("admin/queue.html", show=show, comments=comments, posts=posts)


def _queue_view(raw: str | None) -> str:
    return raw if raw in QUEUE_VIEWS else "pending"


def _back_to_queue() -> Response:
    return redirect(url_for(".queue", show=_queue_view(request.form.get("show"))), code=303)


@bp.post("/admin/comments/<id:comment_id>/approve")
@renders_html
@signin.role_required("moderation")
def approve_comment_now(comment_id: int) -> ResponseReturnValue:
    session = get_session()
    comment_store.approve_comment(comment_or_404(session, comment_id))
    record(session, "comment.approve", f"comment {comment_id}")
    session.commit()
    flash(f"Comment {comment_id} approved: it shows on its page now.")
    return _back_to_queue()


@bp.post("/admin/comments/<id:comment_id>/delete")
@renders_html
@signin.role_required("moderation")
def delete_comment_now(comment_id: int) -> ResponseReturnValue:
    session = get_session()
    comment_store.remove_comment(session, comment_or_404(session, comment_id))
    record(session, "comment.delete", f"comment {comment_id}")
    session.commit()
    flash(f"Comment {comment_id} deleted.")
    return _back_to_queue()


@bp.post("/admin/board/posts/<id:post_id>/approve")
@renders_html
@signin.role_required("moderation")
def approve_board_post_now(post_id: int) -> ResponseReturnValue:
    session = get_session()
    board_store.approve_post(session, post_or_404(post_id))
    record(session, "board.approve", f"board post {post_id}")
    session.commit()
    flash(f"Board post {post_id} approved.")
    return _back_to_queue()


@bp.post("/admin/board/posts/<id:post_id>/delete")
@renders_html
@signin.role_required("moderation")
def delete_board_post_now(post_id: int) -> ResponseReturnValue:
    session = get_session()
    post = post_or_404(post_id)
    opening = board_store.is_opening_post(session, post)
    board_store.delete_post(session, post)
    record(session, "board.delete", f"board post {post_id}", "with its whole thread" if opening else "")
    session.commit()
    flash(f"Board post {post_id} deleted" + (" with its whole thread." if opening else "."))
    return _back_to_queue()


@bp.get("/admin/outbox")
@renders_html
@signin.role_required("outbox")
def outbox_page() -> ResponseReturnValue:
    messages = contact_store.list_messages(get_session(), limit=QUEUE_LIMIT)
    return _page("admin/outbox.html", messages=messages)


@bp.post("/admin/outbox/<id:message_id>/retry")
@renders_html
@signin.role_required("outbox")
def retry_message_now(message_id: int) -> ResponseReturnValue:
    """Send one queued or failed message now; the outbox page then shows how it went."""
    settings = contact_settings()
    try:
        mail_server(settings)
    except OutboxError as error:
        flash(str(error), "problem")
        return redirect(url_for(".outbox_page"), code=303)
    session = get_session()
    if not contact_store.requeue(session, [message_id], now=utcnow()):
        flash(f"Message {message_id} is already sent, being sent, or gone.", "problem")
        return redirect(url_for(".outbox_page"), code=303)
    record(session, "outbox.retry", f"contact message {message_id}")
    session.commit()
    outcomes = deliver_due(database(), settings, only_ids=[message_id])
    flash(f"Message {message_id}: " + (", ".join(outcome.status for outcome in outcomes) or "nothing to send") + ".")
    return redirect(url_for(".outbox_page"), code=303)


@bp.post("/admin/outbox/<id:message_id>/delete")
@renders_html
@signin.role_required("outbox")
def delete_message_now(message_id: int) -> ResponseReturnValue:
    session = get_session()
    if not contact_store.delete_message(session, message_id):
        raise ApiError(404, f"There is no contact message {message_id}; it may already be deleted.")
    record(session, "outbox.delete", f"contact message {message_id}")
    session.commit()
    flash(f"Message {message_id} deleted.")
    return redirect(url_for(".outbox_page"), code=303)


@bp.get("/admin/analytics")
@renders_html
@signin.role_required("analytics")
def analytics_page() -> ResponseReturnValue:
    today = utcnow().date()
    problems: dict[str, str] = {}
    try:
        days, _ = check_report_query(request.args, today, "path")
    except ValidationError as error:
        problems = error.fields
        days, _ = check_report_query({}, today, "path")
    session = get_session()
    views = analytics.page_views(session, days)
    presses = analytics.button_presses(session, days)
    span = f"{_day_label(days.start)} to {_day_label(days.end)}"
    charts = {
        "views": line_chart([(_day_label(date.fromisoformat(entry["day"])), entry["count"]) for entry in views["by_day"]],
                            title=f"Page views per day, {span}", chart_id="chart-views", unit="page views"),
        "pages": bar_chart([(row["path"], row["count"]) for row in views["by_path"][:CHART_ROWS]],
                           title=f"Most viewed pages, {span}", chart_id="chart-pages", unit="page views"),
        "buttons": bar_chart([(row["label"], row["count"]) for row in presses["by_label"][:CHART_ROWS]],
                             title=f"Most pressed buttons, {span}", chart_id="chart-buttons", unit="presses"),
    }
    return _page("admin/analytics.html", days=days, problems=problems, views=views, presses=presses, charts=charts)


def _day_label(day: date) -> str:
    return f"{day.day} {day:%b}"
