"""Signing the admin in to the dashboard: the admin token pasted once, then a signed cookie session.

The cookie is Flask's signed session, narrowed to the dashboard: sent only to /admin, HttpOnly, SameSite=Strict,
Secure whenever the request came over https. It holds a keyed hash of the admin token it was opened with, so
changing HERALD_ADMIN_TOKEN signs every browser out, and the id of a session stored on the server (sessions.py)
for SESSION_HOURS: signing out deletes it, so a copy of the cookie taken before opens nothing after. Every form
carries the session's CSRF token in a hidden field and every POST is refused without it.
"""

from __future__ import annotations

import functools
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import ParamSpec

from flask import Flask, current_app, redirect, request, session, url_for
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from flask.wrappers import Request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from ..db import get_session, utcnow
from ..field_checks import checked, line
from ..http.errors import ApiError
from ..keyed_hash import keyed_hash
from . import sessions

P = ParamSpec("P")
SESSION_HOURS = 12
COOKIE_NAME = "herald_admin"
CSRF_FIELD = "csrf_token"
SESSION_ID = "id"
NEXT_FIELD = "next"
NEXT_PAGE = line(2048, one_line=True)


class DashboardSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session with the dashboard's cookie rules (the service has no other session)."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        # Visitors' API requests carry no dashboard cookie: skip building a signer for nothing.
        if COOKIE_NAME not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)

    def get_cookie_name(self, app: Flask) -> str:
        return COOKIE_NAME

    def get_cookie_path(self, app: Flask) -> str:
        return "/admin"

    def get_cookie_secure(self, app: Flask) -> bool:
        return request.is_secure

    def get_cookie_httponly(self, app: Flask) -> bool:
        return True

    def get_cookie_samesite(self, app: Flask) -> str:
        return "Strict"

    def get_expiration_time(self, app: Flask, session: SessionMixin) -> datetime:
        return datetime.now(timezone.utc) + timedelta(hours=SESSION_HOURS)


def admin_token() -> str | None:
    return current_app.config.get("HERALD_ADMIN_TOKEN") or None


def token_matches(presented: str) -> bool:
    """Whether `presented` is the admin token, compared in constant time."""
    expected = admin_token()
    return bool(expected) and hmac.compare_digest(presented.strip().encode(), str(expected).encode())


def _token_fingerprint() -> str:
    return keyed_hash("admin-session", str(admin_token()))


def sign_in() -> None:
    """Open a fresh session for the admin (a new id and CSRF token, so nothing from before sign-in survives)."""
    db = get_session()
    _forget_session(db)
    now = utcnow()
    session[SESSION_ID] = sessions.open_session(db, now=now, expires=now + timedelta(hours=SESSION_HOURS))
    db.commit()
    session["admin"] = _token_fingerprint()
    session[CSRF_FIELD] = secrets.token_urlsafe(32)


def sign_out() -> None:
    db = get_session()
    _forget_session(db)
    db.commit()


def _forget_session(db: Session) -> None:
    """End this browser's session on the server (if it has one) and clear its cookie."""
    if SESSION_ID in session:
        sessions.end_session(db, str(session[SESSION_ID]))
    session.clear()


def signed_in() -> bool:
    """Whether the cookie was made with the current admin token and names a live session (one key lookup)."""
    fingerprint = session.get("admin")
    session_id = session.get(SESSION_ID)
    if not (admin_token() and fingerprint and session_id and hmac.compare_digest(fingerprint, _token_fingerprint())):
        return False
    return sessions.is_live(get_session(), str(session_id), now=utcnow())


def csrf_token() -> str:
    """This session's CSRF token for the hidden field of every dashboard form (made on first use)."""
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return str(session[CSRF_FIELD])


def check_csrf() -> None:
    """Refuse a POST whose hidden CSRF field is missing or is not this session's."""
    expected = session.get(CSRF_FIELD)
    presented = request.form.get(CSRF_FIELD, "")
    if not expected or not hmac.compare_digest(presented.encode(), str(expected).encode()):
        raise ApiError(400, "This form is out of date or came from elsewhere: reload the dashboard and try again.",
                       code="csrf")


def require_token_configured() -> None:
    if not admin_token():
        raise ApiError(403, "The dashboard is disabled: set HERALD_ADMIN_TOKEN on the service to enable it.")


def signed_in_required(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """A dashboard view: 403 with no admin token configured, the sign-in page when signed out, CSRF on POST."""

    @functools.wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        require_token_configured()
        if not signed_in():
            wanted = request.full_path.rstrip("?") if request.method == "GET" else None
            return redirect(url_for("admin.sign_in_page", next=wanted), code=303)
        if request.method == "POST":
            check_csrf()
        return view(*args, **kwargs)

    return guarded


def wanted_page() -> str | None:
    """The dashboard page asked for (`next`), checked: a line break in it would split the redirect's header."""
    return checked(request.values, {NEXT_FIELD: NEXT_PAGE})[NEXT_FIELD]


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a dashboard path only, never another site."""
    if target and target.startswith("/admin") and "//" not in target and "\\" not in target:
        return target
    return url_for("admin.queue")


def init_app(app: Flask) -> None:
    """Give the app the dashboard's session cookie."""
    app.session_interface = DashboardSessionInterface()
