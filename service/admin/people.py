"""The dashboard's People page (admin only): the team with roles and last sign-in, inviting someone, changing a
role, removing a person, mailing a new link. Every change is written to the audit log."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from ..audit.store import record
from ..db import get_session, utcnow
from ..field_checks import checked, choice, email, line
from ..http.error_answers import renders_html
from ..http.url_ids import or_404
from ..people import links, store
from ..people.models import NAME_MAX, Person
from ..people.roles import ROLE_SUMMARIES, ROLES
from . import bp, signin
from .links import mail_link

INVITE_CHECKS = {"name": line(NAME_MAX, missing="Give the person's name, as the team knows them.", one_line=True),
                 "email": email(missing="Give the address the invitation goes to."),
                 "role": choice(ROLES)}
ROLE_CHECK = {"role": choice(ROLES)}


@bp.get("/admin/people")
@renders_html
@signin.role_required("people")
def people_page() -> ResponseReturnValue:
    return render_template("admin/people.html", csrf_token=signin.csrf_token(), people=store.team(get_session()),
                           roles=ROLE_SUMMARIES, invitation_lasts=links.LIFETIME_WORDS[links.INVITATION])


@bp.post("/admin/people/invite")
@renders_html
@signin.role_required("people")
def invite_person() -> ResponseReturnValue:
    fields = checked(request.form, INVITE_CHECKS)
    db = get_session()
    inviter = signin.current_person()
    try:
        person = store.invite(db, email=fields["email"], name=fields["name"], role=fields["role"],
                              invited_by=inviter.id if inviter else None, now=utcnow())
    except store.TeamRuleError as error:
        return _refused(error)
    record(db, "person.invite", _named(person), f"as {person.role}")
    mail_link(person, links.INVITATION, inviter=_inviter_name())
    flash(f"{person.name} is invited as {person.role}; the invitation went to {person.email}.")
    return _back()


@bp.post("/admin/people/<id:person_id>/role")
@renders_html
@signin.role_required("people")
def change_role(person_id: int) -> ResponseReturnValue:
    role = checked(request.form, ROLE_CHECK)["role"]
    db = get_session()
    person = _person(person_id)
    before = person.role
    try:
        store.change_role(db, person, role)
    except store.TeamRuleError as error:
        return _refused(error)
    record(db, "person.role", _named(person), f"{before} -> {role}")
    db.commit()
    flash(f"{person.name} is now {role}: {ROLE_SUMMARIES[role]}.")
    return _back()


@bp.post("/admin/people/<id:person_id>/remove")
@renders_html
@signin.role_required("people")
def remove_person(person_id: int) -> ResponseReturnValue:
    db = get_session()
    person = _person(person_id)
    try:
        store.remove(db, person, now=utcnow())
    except store.TeamRuleError as error:
        return _refused(error)
    links.forget_links(db, person)
    record(db, "person.remove", _named(person))
    db.commit()
    flash(f"{person.name} is removed from the team and signed out everywhere.")
    return _back()


@bp.post("/admin/people/<id:person_id>/link")
@renders_html
@signin.role_required("people")
def resend_link(person_id: int) -> ResponseReturnValue:
    """Mail the person a new link: an invitation until they first signed in, a sign-in link after."""
    person = _person(person_id)
    purpose = links.INVITATION if person.last_sign_in is None else links.SIGN_IN
    record(get_session(), "person.link", _named(person), purpose)
    mail_link(person, purpose, inviter=_inviter_name())
    flash(f"A new link went to {person.email}.")
    return _back()


def _inviter_name() -> str | None:
    """Who the invitation says it is from: the admin by name, or None ("The admin") for the admin token."""
    inviter = signin.current_person()
    return inviter.name if inviter is not None and inviter.id is not None else None


def _person(person_id: int) -> Person:
    return or_404(store.active_person(get_session(), person_id),
                  f"There is no person {person_id} on the team; they may have been removed.")


def _named(person: Person) -> str:
    return f"person {person.id} {person.name} <{person.email}>"


def _refused(error: store.TeamRuleError) -> Response:
    """A change the team's rules refuse (the last admin, an address already invited): said on the page."""
    get_session().rollback()
    flash(str(error), "problem")
    return _back()


def _back() -> Response:
    return redirect(url_for(".people_page"), code=303)
