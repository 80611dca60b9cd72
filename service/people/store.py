"""The team's storage: inviting, finding, changing and removing people. The caller commits.

Addresses are kept trimmed and in lower case, so one mailbox is one person whatever case it was typed in. A
removed person keeps their row (and id); inviting the address again brings it back with the new name and role.
The admin cannot remove or demote the last admin: the team would have no one left to manage it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .models import Person
from .roles import ADMIN


class TeamRuleError(Exception):
    """A change the team's rules refuse; the message says why and what to do instead."""


def normal_email(address: str) -> str:
    return address.strip().lower()


def find_by_email(db: Session, address: str) -> Person | None:
    """The person (removed or not) with this address."""
    return db.scalar(select(Person).where(Person.email == normal_email(address)))


def active_person(db: Session, person_id: int) -> Person | None:
    """The person with this id, unless removed."""
    person = db.get(Person, person_id)
    return person if person is not None and person.removed is None else None


def team(db: Session) -> list[Person]:
    """Everyone not removed, admins first, then by name."""
    query = select(Person).where(Person.removed.is_(None)).order_by(Person.role != ADMIN, Person.name, Person.id)
    return list(db.scalars(query))


def invite(db: Session, *, email: str, name: str, role: str, invited_by: int | None, now: datetime) -> Person:
    """Add a person to the team (or bring a removed one back); refused when the address is on it already."""
    person = find_by_email(db, email)
    if person is not None and person.removed is None:
        raise TeamRuleError(f"{person.email} is on the team already ({person.role}); send them a new link instead.")
    if person is None:
        person = Person(email=normal_email(email), created=now)
        db.add(person)
    person.name, person.role, person.invited_by, person.removed = name, role, invited_by, None
    db.flush()
    return person


def change_role(db: Session, person: Person, role: str) -> None:
    if person.role == ADMIN and role != ADMIN:
        _keep_an_admin(db, person, "demote")
    person.role = role


def remove(db: Session, person: Person, *, now: datetime) -> None:
    """Take the person off the team: their sessions and links stop working at once."""
    if person.role == ADMIN:
        _keep_an_admin(db, person, "remove")
    person.removed = now


def _keep_an_admin(db: Session, person: Person, verb: str) -> None:
    """Refuse to take away the team's last admin. The other admins' rows are locked (on PostgreSQL) while the
    change is made, so two admins demoting each other at once cannot both succeed."""
    others = (select(Person.id).where(Person.role == ADMIN, Person.removed.is_(None), Person.id != person.id)
              .with_for_update())
    if not list(db.scalars(others)):
        raise TeamRuleError(f"{person.name} is the last admin: make someone else admin before you {verb} them.")


def note_sign_in(db: Session, person_id: int, *, now: datetime) -> None:
    db.execute(update(Person).where(Person.id == person_id).values(last_sign_in=now))
