"""Comments as the API shows them: the public shape (never the email) and the admin's, with everything."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from .models import DELETED, Comment
from .store import StoredComment


class Shown(Protocol):
    """What the public view reads: a Comment, or a row of the page read in store.py (the page read skips the ORM)."""

    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def author(self) -> str | None: ...
    @property
    def website(self) -> str | None: ...
    @property
    def html(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def created(self) -> datetime: ...
    @property
    def edited(self) -> datetime | None: ...


def timestamp(moment: datetime | None) -> str | None:
    """ISO 8601 with microseconds, so a client can pass a comment's `created` back as `since` exactly."""
    return moment.isoformat(timespec="microseconds") if moment else None


def public_view(comment: Shown) -> dict[str, Any]:
    """What anyone may see; a placeholder shows only where it sits in the thread."""
    deleted = comment.status == DELETED
    return {
        "id": comment.id,
        "parent": comment.parent_id,
        "author": None if deleted else comment.author,
        "website": None if deleted else comment.website,
        "html": "" if deleted else comment.html,
        "created": timestamp(comment.created),
        "edited": timestamp(comment.edited),
        "deleted": deleted,
    }


def admin_view(comment: Comment | StoredComment) -> dict[str, Any]:
    """Everything stored, for moderation."""
    return {**public_view(comment), "page": comment.page, "status": comment.status, "email": comment.email,
            "body": comment.body}
