"""The dashboard's social page: each account, since when its feed is watched and whether it has posted yet,
what was posted where, failures in short (the raw answer folded away) with the next attempt, a retry that posts
a waiting or failed copy now (a CSRF-checked, rate-limited POST, answered with a 303), and the replies brought
home, to approve (under HERALD_MODERATION=queue) or hide."""

from __future__ import annotations

from collections.abc import Sequence

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from ..audit.store import record
from ..db import database, get_session, utcnow
from ..http.error_answers import renders_html
from ..http.errors import ApiError
from ..http.rate_limits import rate_limited
from ..moderation import APPROVED
from ..page_look import utc_time
from ..queue import QUEUED, SENT
from ..social import failures
from ..social import store as social_store
from ..social.models import HIDDEN, SocialCopy
from ..social.syndication import post_now
from ..social.worker import social_settings
from . import bp, signin

COPIES_SHOWN = 100
REPLIES_SHOWN = 100


@bp.get("/admin/social")
@renders_html
@signin.role_required("social")
def social_page() -> ResponseReturnValue:
    session = get_session()
    return render_template("admin/social.html", csrf_token=signin.csrf_token(),
                           configured=social_settings().accounts, accounts=social_store.all_accounts(session),
                           records=social_store.posting_records(session),
                           copies=social_store.copies_for_dashboard(session, COPIES_SHOWN),
                           replies=social_store.replies_for_dashboard(session, REPLIES_SHOWN),
                           split_failure=failures.split)


@bp.post("/admin/social/<id:copy_id>/retry")
@rate_limited("HERALD_LIMIT_SOCIAL_RETRY")
@renders_html
@signin.role_required("social")
def retry_copy_now(copy_id: int) -> ResponseReturnValue:
    """Post one waiting or failed copy now; the page then shows how it went."""
    session = get_session()
    if not social_store.requeue_copy(session, copy_id, now=utcnow()):
        flash(f"Copy {copy_id} is already posted, being posted, or gone.", "problem")
        return redirect(url_for(".social_page"), code=303)
    record(session, "social.post_now", f"social copy {copy_id}")
    session.commit()
    report = post_now(database(), social_settings(), [copy_id])
    flash(_retry_outcome(session, copy_id, report.outcomes))
    return redirect(url_for(".social_page"), code=303)


def _retry_outcome(session: Session, copy_id: int, outcomes: Sequence[tuple[int, str, str | None]]) -> str:
    """What the retry did, said plainly: posted, or not and why, and what happens next."""
    status, error = next(((status, error) for posted, status, error in outcomes if posted == copy_id),
                         (None, None))
    if status == SENT:
        return f"Copy {copy_id} was posted."
    if status is None or error is None:
        return f"Copy {copy_id} will be sent by the run that is posting now."
    summary = failures.split(error)[0]
    copy = session.get(SocialCopy, copy_id, populate_existing=True)
    if status == QUEUED and copy is not None:
        return f"Copy {copy_id} was tried now and not posted: {summary} Next attempt at {utc_time(copy.next_attempt_at)}."
    return f"Copy {copy_id} was tried now and not posted: {summary} No more automatic attempts."


@bp.post("/admin/social/replies/<id:reply_id>/approve")
@renders_html
@signin.role_required("social")
def approve_reply_now(reply_id: int) -> ResponseReturnValue:
    return _moderate(reply_id, APPROVED, "shows under its post from the next build", "social.reply_approve")


@bp.post("/admin/social/replies/<id:reply_id>/hide")
@renders_html
@signin.role_required("social")
def hide_reply_now(reply_id: int) -> ResponseReturnValue:
    return _moderate(reply_id, HIDDEN, "is hidden, and stays hidden when fetched again", "social.reply_hide")


def _moderate(reply_id: int, status: str, outcome: str, action: str) -> ResponseReturnValue:
    session = get_session()
    if not social_store.moderate_reply(session, reply_id, status):
        raise ApiError(404, f"There is no reply {reply_id}; it may have been deleted at its source.")
    record(session, action, f"social reply {reply_id}")
    session.commit()
    flash(f"Reply {reply_id} {outcome}.")
    return redirect(url_for(".social_page"), code=303)
