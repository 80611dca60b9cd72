"""The team's roles and what each may do: every dashboard view names one permission (service/admin/signin.py)."""

from __future__ import annotations

ADMIN, EDITOR, MODERATOR, ANALYST = "admin", "editor", "moderator", "analyst"
ROLES = (ADMIN, EDITOR, MODERATOR, ANALYST)

PERMISSIONS: dict[str, frozenset[str]] = {
    "content": frozenset({ADMIN, EDITOR}),
    "moderation": frozenset({ADMIN, MODERATOR}),
    "analytics": frozenset({ADMIN, ANALYST}),
    "people": frozenset({ADMIN}),
    "settings": frozenset({ADMIN}),
    "outbox": frozenset({ADMIN}),
    "social": frozenset({ADMIN}),
    "audit": frozenset({ADMIN}),
}

# What each role is for, in the words the dashboard shows (the invite form, the 403 page).
ROLE_SUMMARIES = {
    ADMIN: "everything, including people and the audit log",
    EDITOR: "content and media",
    MODERATOR: "comments and the board",
    ANALYST: "analytics, read only",
}


def allows(role: str, permission: str) -> bool:
    """Whether `role` has `permission`; an unknown permission is a programming error (KeyError)."""
    return role in PERMISSIONS[permission]
