"""Posts waiting for review: when the site turns review on (HERALD_CMS_REVIEW=1), an editor's Publish stores the
document here instead of committing it, and an admin or another editor publishes it. The text stays in the
service's database, never in git, until it is published: a draft under review is not in the site's history.

A review is pending, then published (by whom, when) or withdrawn (its author took it back, or saved over it).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..db import Base, UTCDateTime

PENDING = "pending"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"
PATH_MAX = 1000
NAME_MAX = 200
EMAIL_MAX = 254
LISTED = 200


class ContentReview(Base):
    """One document submitted for review: its path, its whole text, the version it was written against, and who."""

    __tablename__ = "content_reviews"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(PATH_MAX), index=True)
    title: Mapped[str] = mapped_column(Text)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    expected_blob: Mapped[str | None] = mapped_column(String(64))  # None: a new document
    author_name: Mapped[str] = mapped_column(String(NAME_MAX))
    author_email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    author_id: Mapped[int | None] = mapped_column(Integer)  # the person; None for the admin token
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    submitted: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewer_name: Mapped[str | None] = mapped_column(String(NAME_MAX))
    reviewed: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)


def submit(session: Session, review: ContentReview) -> ContentReview:
    """Store a submission; an earlier pending one of the same path is withdrawn (the newer text replaces it)."""
    for earlier in pending_for(session, review.path):
        earlier.status = WITHDRAWN
        earlier.note = "replaced by a newer submission"
    review.status = PENDING
    session.add(review)
    session.flush()
    return review


def pending(session: Session, *, limit: int = LISTED) -> list[ContentReview]:
    """Every pending review, oldest first (the longest waiting at the top)."""
    return list(session.scalars(select(ContentReview).where(ContentReview.status == PENDING)
                                .order_by(ContentReview.id).limit(limit)))


def pending_for(session: Session, path: str) -> list[ContentReview]:
    return list(session.scalars(select(ContentReview).where(ContentReview.status == PENDING,
                                                            ContentReview.path == path)))


def pending_paths(session: Session) -> set[str]:
    """The paths with a submission waiting, for the content list's state column."""
    return set(session.scalars(select(ContentReview.path).where(ContentReview.status == PENDING)))


def get_review(session: Session, review_id: int) -> ContentReview | None:
    return session.get(ContentReview, review_id)


def close(review: ContentReview, status: str, *, by: str, now: datetime, note: str | None = None) -> None:
    """Mark a review published or withdrawn, saying by whom and when."""
    review.status, review.reviewer_name, review.reviewed, review.note = status, by, now, note


def may_review(review: ContentReview, *, person_id: int | None, role: str, email: str) -> bool:
    """An admin may publish any submission; an editor only another person's (a second pair of eyes)."""
    if role == "admin":
        return True
    if review.author_id is not None and person_id is not None:
        return review.author_id != person_id
    return review.author_email.lower() != email.lower()
