"""Signing in to the dashboard and who may do what there: the admin token pasted once, or a person's one-time
link (service/people/), then a signed cookie session; every view names the permission it needs (`role_required`,
with the roles of service/people/roles.py).

The cookie is Flask's signed session, narrowed to the dashboard: sent only to /admin, HttpOnly, SameSite=Strict,
Secure whenever the request came over https. It holds a keyed hash of the admin token it was opened with, so
changing HERALD_ADMIN_TOKEN signs every browser out, and the id of a session stored on the server (sessions.py)
for SESSION_HOURS: signing out deletes it, so a copy of the cookie taken before opens nothing after. The stored
session names its person (none for the token), whose role is read afresh on every request. Every form carries
the session's CSRF token in a hidden field and every POST is refused without it.
"""

from __future__ import annotations

import functools
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import ParamSpec

from flask import Flask, current_app, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from flask.wrappers import Request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from ..cms.app_state import cms_state
from ..db import get_session, utcnow
from ..field_checks import checked, line
from ..http.errors import ApiError
from ..keyed_hash import keyed_hash
from ..people import current
from ..people import store as people_store
from ..people.current import TOKEN_ADMIN_NAME, SignedInPerson
from ..people.roles import ADMIN, ROLE_SUMMARIES, allows
from . import sessions

P = ParamSpec("P")
SESSION_HOURS = 12
COOKIE_NAME = "herald_admin"
CSRF_FIELD = "csrf_token"
SESSION_ID = "id"
NEXT_FIELD = "next"
NEXT_PAGE = line(2048, one_line=True)
# The dashboard's sections: (endpoint, label, the permission it needs); the navigation shows those a role reaches.
NAVIGATION = [
    ("content.content_list", "Content", "content"),
    ("admin.queue", "Moderation", "moderation"),
    ("admin.outbox_page", "Outbox", "outbox"),
    ("admin.social_page", "Social", "social"),
    ("admin.analytics_page", "Analytics", "analytics"),
    ("admin.people_page", "People", "people"),
    ("admin.audit_page", "Audit log", "audit"),
]


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


def sign_in(person_id: int | None = None) -> None:
    """Open a fresh session for a person of the team, or (None) for the admin token (a new id and CSRF token,
    so nothing from before sign-in survives)."""
    db = get_session()
    _forget_session(db)
    now = utcnow()
    session[SESSION_ID] = sessions.open_session(db, now=now, expires=now + timedelta(hours=SESSION_HOURS),
                                                person_id=person_id)
    if person_id is not None:
        people_store.note_sign_in(db, person_id, now=now)
    db.commit()
    session["admin"] = _token_fingerprint()
    session[CSRF_FIELD] = secrets.token_urlsafe(32)
    current.remember(None if person_id is None else _person_of(db, person_id))


def sign_out() -> None:
    db = get_session()
    _forget_session(db)
    db.commit()


def _forget_session(db: Session) -> None:
    """End this browser's session on the server (if it has one) and clear its cookie."""
    if SESSION_ID in session:
        sessions.end_session(db, str(session[SESSION_ID]))
    session.clear()


def current_person() -> SignedInPerson | None:
    """Who this browser is signed in as, read afresh once per request (so a role change or a removal counts at
    once): None when signed out, when the session ended or expired, when the person was removed, or when the
    admin token changed since (that signs every browser out)."""
    if not current.is_known():
        current.remember(_look_up_person())
    return current.remembered()


def _look_up_person() -> SignedInPerson | None:
    fingerprint = session.get("admin")
    session_id = session.get(SESSION_ID)
    if not (admin_token() and fingerprint and session_id and hmac.compare_digest(fingerprint, _token_fingerprint())):
        return None
    db = get_session()
    live = sessions.find_live(db, str(session_id), now=utcnow())
    if live is None:
        return None
    if live.person_id is None:
        return SignedInPerson(None, TOKEN_ADMIN_NAME, "", ADMIN)
    return _person_of(db, live.person_id)


def _person_of(db: Session, person_id: int) -> SignedInPerson | None:
    person = people_store.active_person(db, person_id)
    return None if person is None else SignedInPerson(person.id, person.name, person.email, person.role)


def can(permission: str) -> bool:
    """Whether the signed-in person's role has `permission` (roles.PERMISSIONS); False when signed out."""
    person = current_person()
    return person is not None and allows(person.role, permission)


def reachable_pages() -> list[tuple[str, str]]:
    """The dashboard's sections (endpoint, label) the signed-in person may open, in navigation order; Content
    only where the service has a content manager (HERALD_CMS_BACKEND)."""
    return [(endpoint, label) for endpoint, label, permission in NAVIGATION
            if can(permission) and (permission != "content" or cms_state() is not None)]


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


def role_required(permission: str) -> Callable[[Callable[P, ResponseReturnValue]], Callable[P, ResponseReturnValue]]:
    """A dashboard view for the roles with `permission`: 403 with no admin token configured, the sign-in page when
    signed out, a 403 page saying what the role allows when it lacks the permission, CSRF checked on POST."""
    return functools.partial(_dashboard_view, permission=permission)


def signed_in_required(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """A dashboard view for anyone signed in, whatever their role (signing out)."""
    return _dashboard_view(view, permission=None)


def _dashboard_view(view: Callable[P, ResponseReturnValue], *, permission: str | None) -> Callable[P, ResponseReturnValue]:
    @functools.wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        require_token_configured()
        person = current_person()
        if person is None:
            wanted = request.full_path.rstrip("?") if request.method == "GET" else None
            return redirect(url_for("admin.sign_in_page", next=wanted), code=303)
        if permission is not None and not allows(person.role, permission):
            return render_template("admin/forbidden.html", csrf_token=csrf_token(), person=person,
                                   allowed=ROLE_SUMMARIES[person.role]), 403
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
    return landing_page()


def landing_page() -> str:
    """The first dashboard section the signed-in person may open (the moderation queue for a role with none:
    its 403 page says what the role allows)."""
    pages = reachable_pages()
    return url_for(pages[0][0] if pages else "admin.queue")


def init_app(app: Flask) -> None:
    """Give the app the dashboard's session cookie, and its templates `can` and `current_person`."""
    app.session_interface = DashboardSessionInterface()
    app.jinja_env.globals.update(can=can, current_person=current_person, dashboard_pages=reachable_pages)
