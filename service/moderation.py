"""Moderation shared by comments and the board: what a new post's status is, and the admin's queue views."""

from flask import current_app

from .fields import choice

APPROVED = "approved"
PENDING = "pending"
# The admin's lists: `pending` shows what waits for approval, `all` everything.
QUEUE_VIEWS = ("pending", "all")
QUEUE_VIEW = choice(QUEUE_VIEWS, default="pending")  # the check of an admin list's `status`


def initial_status() -> str:
    """Published at once under HERALD_MODERATION=auto, held for approval under `queue`."""
    return PENDING if current_app.config["HERALD_MODERATION"] == "queue" else APPROVED
