"""Who may use admin routes: callers presenting `Authorization: Bearer <HERALD_ADMIN_TOKEN>`.

Every wrong or missing token spends the client's budget of failed admin authentication, which it shares with
the dashboard's sign-in (see rate_limits.py); over it, even the right token is answered 429 for a while.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import current_app, request

from .errors import ApiError
from .rate_limits import limit_failed_authentication

P = ParamSpec("P")
R = TypeVar("R")


def check_admin() -> None:
    """Raise 403 when no token is configured (admin is never open), 401 when the caller's is missing or wrong."""
    expected = current_app.config.get("HERALD_ADMIN_TOKEN")
    if not expected:
        raise ApiError(403, "Admin access is disabled: set HERALD_ADMIN_TOKEN on the service to enable it.")
    scheme, _, presented = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(presented.strip().encode(), expected.encode()):
        raise ApiError(401, "This needs the admin token: send 'Authorization: Bearer <token>'.")


def admin_required(view: Callable[P, R]) -> Callable[P, R]:
    """Decorate a view that only the site admin may call."""

    @functools.wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        check_admin()
        return view(*args, **kwargs)

    guarded.herald_admin_only = True  # type: ignore[attr-defined]
    return limit_failed_authentication()(guarded)
