"""The review queue (when HERALD_CMS_REVIEW is on): what editors submitted, each with the difference from the
site's current version, published by an admin or an editor who is not its author, or withdrawn. Publishing
checks the site again (it may have changed since the submission) and commits with the submitter as author."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from ...admin.signin import current_person, role_required
from ...db import get_session, utcnow
from ...http.error_answers import renders_html
from ...http.errors import ApiError
from .. import reviews
from ..changes import Author
from ..documents import kind_of
from ..publishing import Save, backend, commit, errors_of, notice
from ..saving import unified_diff
from . import bp
from .rendering import page


def _review_or_404(review_id: int) -> reviews.ContentReview:
    review = reviews.get_review(get_session(), review_id)
    if review is None:
        raise ApiError(404, f"There is no submission {review_id}.")
    return review


def _may_review(review: reviews.ContentReview) -> bool:
    person = current_person()
    return person is not None and reviews.may_review(review, person_id=person.id, role=person.role,
                                                     email=person.email)


@bp.get("/admin/content/reviews")
@renders_html
@role_required("content")
def review_list() -> ResponseReturnValue:
    waiting = reviews.pending(get_session())
    return page("admin/content_reviews.html", waiting=waiting, may_review={review.id: _may_review(review)
                                                                           for review in waiting})


@bp.get("/admin/content/reviews/<id:review_id>")
@renders_html
@role_required("content")
def review_page(review_id: int) -> ResponseReturnValue:
    review = _review_or_404(review_id)
    head = backend().read(review.path)
    return page("admin/content_review.html", review=review, may_review=_may_review(review),
                diff=unified_diff(review.path, head, review.content), text=review.content.decode())


@bp.post("/admin/content/reviews/<id:review_id>/publish")
@renders_html
@role_required("content")
def publish_review(review_id: int) -> ResponseReturnValue:
    review = _review_or_404(review_id)
    person = current_person()
    if review.status != reviews.PENDING:
        raise ApiError(409, f"Submission {review_id} is already {review.status}.")
    if person is None or not _may_review(review):
        raise ApiError(403, "A second pair of eyes publishes a submission: an admin, or an editor who did not "
                            "write it.")
    errors = errors_of({review.path: review.content})
    if errors:
        flash("Not published: the site's check finds " + "; ".join(problem.message for problem in errors), "problem")
        return redirect(url_for(".review_page", review_id=review_id), code=303)
    outcome = commit(Save({review.path: review.content}, {review.path: review.expected_blob},
                          f"Publish {kind_of(review.path)}: {review.title} (reviewed by {person.name})",
                          "content.publish", review.path),
                     as_author=Author(review.author_name, review.author_email), person_id=review.author_id)
    if outcome.conflict is not None:
        return page("admin/content_conflict.html", path=review.path, conflict=outcome.conflict,
                    text=review.content.decode()), 409
    session = get_session()
    reviews.close(review, reviews.PUBLISHED, by=person.name, now=utcnow())
    session.commit()
    flash(*notice(outcome))
    return redirect(url_for(".review_list"), code=303)


@bp.post("/admin/content/reviews/<id:review_id>/withdraw")
@renders_html
@role_required("content")
def withdraw_review(review_id: int) -> ResponseReturnValue:
    """Take a submission back: its author, or whoever may review it (with a note saying why)."""
    review = _review_or_404(review_id)
    person = current_person()
    own = person is not None and (review.author_id == person.id if person.id is not None
                                  else review.author_email.lower() == person.email.lower())
    if person is None or not (own or _may_review(review)):
        raise ApiError(403, "Only its author or a reviewer may withdraw a submission.")
    reviews.close(review, reviews.WITHDRAWN, by=person.name, now=utcnow(),
                  note=request.form.get("note", "").strip()[:500] or None)
    get_session().commit()
    flash(f"Submission {review_id} withdrawn; the site did not change.")
    return redirect(url_for(".review_list"), code=303)
