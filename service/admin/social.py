"""The dashboard's social page: each account, since when its feed is watched and whether it has posted yet, what was posted where, failures, a
retry that posts a waiting or failed copy now (a CSRF-checked, rate-limited POST, answered with a 303), and the
replies brought home, to approve (under HERALD_MODERATION=queue) or hide."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from ..db import database, get_session, utcnow
from ..http.error_answers import renders_html
from ..http.errors import ApiError
from ..http.rate_limits import rate_limited
from ..moderation import APPROVED
from ..social import store as social_store
from ..social.models import HIDDEN
from ..social.syndication import post_now
from ..social.worker import social_settings
from . import bp, signin

COPIES_SHOWN = 100
REPLIES_SHOWN = 100


@bp.get("/admin/social")
@renders_html
@signin.signed_in_required
def social_page() -> ResponseReturnValue:
    session = get_session()
    return render_template("admin/social.html", csrf_token=signin.csrf_token(),
                           configured=social_settings().accounts, accounts=social_store.all_accounts(session),
                           records=social_store.posting_records(session),
                           copies=social_store.copies_for_dashboard(session, COPIES_SHOWN),
                           replies=social_store.replies_for_dashboard(session, REPLIES_SHOWN))


@bp.post("/admin/social/<id:copy_id>/retry")
@rate_limited("HERALD_LIMIT_SOCIAL_RETRY")
@renders_html
@signin.signed_in_required
def retry_copy_now(copy_id: int) -> ResponseReturnValue:
    """Post one waiting or failed copy now; the page then shows how it went."""
    session = get_session()
    if not social_store.requeue_copy(session, copy_id, now=utcnow()):
        flash(f"Copy {copy_id} is already posted, being posted, or gone.", "problem")
        return redirect(url_for(".social_page"), code=303)
    session.commit()
    report = post_now(database(), social_settings(), [copy_id])
    outcome = next((status for posted, status, _ in report.outcomes if posted == copy_id), "not attempted")
    flash(f"Copy {copy_id}: {outcome}.", "problem" if outcome != "sent" else "message")
    return redirect(url_for(".social_page"), code=303)


@bp.post("/admin/social/replies/<id:reply_id>/approve")
@renders_html
@signin.signed_in_required
def approve_reply_now(reply_id: int) -> ResponseReturnValue:
    return _moderate(reply_id, APPROVED, "shows under its post from the next build")


@bp.post("/admin/social/replies/<id:reply_id>/hide")
@renders_html
@signin.signed_in_required
def hide_reply_now(reply_id: int) -> ResponseReturnValue:
    return _moderate(reply_id, HIDDEN, "is hidden, and stays hidden when fetched again")


def _moderate(reply_id: int, status: str, outcome: str) -> ResponseReturnValue:
    session = get_session()
    if not social_store.moderate_reply(session, reply_id, status):
        raise ApiError(404, f"There is no reply {reply_id}; it may have been deleted at its source.")
    session.commit()
    flash(f"Reply {reply_id} {outcome}.")
    return redirect(url_for(".social_page"), code=303)
