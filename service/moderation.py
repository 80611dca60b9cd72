"""Moderation shared by comments and the board: a new or edited post's status, and the admin's queue views."""

from flask import current_app

from .field_checks import choice

APPROVED = "approved"
PENDING = "pending"
# The admin's lists: `pending` shows what waits for approval, `all` everything.
QUEUE_VIEWS = ("pending", "all")
QUEUE_VIEW = choice(QUEUE_VIEWS, default="pending")  # the check of an admin list's `status`


def initial_status() -> str:
    """Published at once under HERALD_MODERATION=auto, held for approval under `queue`."""
    return PENDING if _queued() else APPROVED


def status_after_edit(status: str) -> str:
    """Held for approval again under `queue` (what was approved harmless may be edited into spam); under `auto`
    an edit leaves the status as it was, so it publishes nothing still held from a time of `queue`."""
    return PENDING if _queued() else status


def _queued() -> bool:
    return current_app.config["HERALD_MODERATION"] == "queue"
