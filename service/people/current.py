"""Who is signed in for this request: resolved once by service/admin/signin.py, read by the audit log.

Kept apart from signin.py so the audit log (which every admin route writes) can name the actor without
depending on the dashboard's package.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g

TOKEN_ADMIN_NAME = "Admin (token)"
_KEY = "herald_person"


@dataclass(frozen=True)
class SignedInPerson:
    """A dashboard user: a person of the team, or the admin signed in with HERALD_ADMIN_TOKEN (`id` None)."""

    id: int | None
    name: str
    email: str
    role: str


def remember(person: SignedInPerson | None) -> None:
    setattr(g, _KEY, person)


def is_known() -> bool:
    """Whether this request's user has been looked up already (it may be nobody)."""
    return hasattr(g, _KEY)


def remembered() -> SignedInPerson | None:
    """The user this request was found to come from; None when nobody signed in (or not looked up)."""
    return getattr(g, _KEY, None)
