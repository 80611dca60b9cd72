"""Signing in with a one-time link (service/people/links.py): asking for one by email, and opening one.

Asking answers the same whether or not the address is on the team, so the form tells nobody who is; it is
limited like the token's sign-in (HERALD_LIMIT_SIGN_IN). Opening a link is a GET that shows a "Sign in as"
button and changes nothing (mail scanners fetch links); the button's POST spends the link and signs in.
"""

from __future__ import annotations

from flask import Response, flash, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ..contact.worker import contact_settings
from ..db import get_session, utcnow
from ..field_checks import checked, email
from ..http.error_answers import renders_html
from ..http.rate_limits import limit_failed_authentication, rate_limited
from ..people import links, store
from ..people.mail import queue_link_mail
from ..people.models import Person
from ..people.worker import init_app as prepare_mail_worker
from ..people.worker import send_soon
from . import bp, signin

EMAIL_CHECK = {"email": email(missing="Type the address your invitation came to.")}
LINK_SENT = ("If {address} belongs to the team, a sign-in link is on its way to it. It works once, within "
             f"{links.LIFETIME_WORDS[links.SIGN_IN]}.")

bp.record_once(lambda state: prepare_mail_worker(state.app))


@bp.post("/admin/sign-in/link")
@rate_limited("HERALD_LIMIT_SIGN_IN")
@renders_html
def ask_for_link() -> ResponseReturnValue:
    signin.require_token_configured()
    signin.check_csrf()
    address = checked(request.form, EMAIL_CHECK)["email"]
    db = get_session()
    person = store.find_by_email(db, address)
    if person is not None and person.removed is None:
        mail_link(person, links.SIGN_IN, inviter=None)
    flash(LINK_SENT.format(address=address))
    return redirect(url_for(".sign_in_page", next=signin.wanted_page()), code=303)


def mail_link(person: Person, purpose: str, *, inviter: str | None) -> None:
    """Make a link for `person`, store its mail, commit, and have it delivered."""
    db = get_session()
    now = utcnow()
    token = links.new_link(db, person, purpose, now=now)
    mail = queue_link_mail(db, person, purpose=purpose, link=url_for(".link_page", token=token, _external=True),
                           dashboard=url_for(".sign_in_page", _external=True), inviter=inviter,
                           sender=contact_settings().sender, now=now)
    db.commit()
    send_soon(mail.id)


@bp.get("/admin/link/<token>")
@renders_html
def link_page(token: str) -> ResponseReturnValue:
    """Whose link this is, and a button to sign in as them; nothing is spent by looking."""
    signin.require_token_configured()
    person = links.holder(get_session(), token, now=utcnow())
    status = 200 if person is not None else 404
    return _private(render_template("admin/link.html", csrf_token=signin.csrf_token(), person=person), status)


@bp.post("/admin/link/<token>")
@renders_html
@limit_failed_authentication("POST")
def use_link(token: str) -> ResponseReturnValue:
    signin.require_token_configured()
    signin.check_csrf()
    db = get_session()
    person_id = links.use(db, token, now=utcnow())
    person = store.active_person(db, person_id) if person_id is not None else None
    if person is None:
        db.commit()  # a spent link stays spent
        return _private(render_template("admin/link.html", csrf_token=signin.csrf_token(), person=None), 401)
    signin.sign_in(person.id)  # commits the spent link with the new session
    return redirect(signin.landing_page(), code=303)


def _private(html: str, status: int) -> Response:
    """The link's page, its token kept out of the Referer sent to any other origin (the site's stylesheet
    may be on one). Not `no-referrer`: browsers then send `Origin: null` with the button's POST, which the
    service refuses as cross-site."""
    response = make_response(html, status)
    response.headers["Referrer-Policy"] = "same-origin"
    return response
