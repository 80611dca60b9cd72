"""The team's storage: inviting, finding, changing and removing people. The caller commits.

Addresses are kept trimmed and in lower case, so one mailbox is one person whatever case it was typed in. A
removed person keeps their row (and id); inviting the address again brings it back with the new name and role.
The admin cannot remove or demote the last admin: the team would have no one left to manage it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

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
        return _added(db, Person(email=normal_email(email), created=now, name=name, role=role, invited_by=invited_by))
    person.name, person.role, person.invited_by, person.removed = name, role, invited_by, None
    db.flush()
    return person


def _added(db: Session, person: Person) -> Person:
    """`person` stored, or TeamRuleError when another invitation of the address landed since it was looked up
    (two admins inviting one address at once: the unique address decides, in a savepoint so the rest stands)."""
    try:
        with db.begin_nested():
            db.add(person)
    except IntegrityError:
        raise TeamRuleError(f"{person.email} was invited a moment ago by someone else; send them a new link "
                            "instead.") from None
    return person


def change_role(db: Session, person: Person, role: str) -> None:
    if person.role == ADMIN and role != ADMIN:
        _change_keeping_an_admin(db, person, "demote", role=role)
    else:
        person.role = role


def remove(db: Session, person: Person, *, now: datetime) -> None:
    """Take the person off the team: their sessions and links stop working at once."""
    if person.role == ADMIN:
        _change_keeping_an_admin(db, person, "remove", removed=now)
    else:
        person.removed = now


def _change_keeping_an_admin(db: Session, person: Person, verb: str, **values: object) -> None:
    """Change an admin's row only if another admin remains, or refuse. On PostgreSQL every admin's row is first
    locked in id order, so two admins demoting each other at once take turns; the change itself is one UPDATE
    whose condition looks for the other admin, so on SQLite (one writer at a time) the second finds none."""
    db.execute(select(Person.id).where(Person.role == ADMIN, Person.removed.is_(None)).order_by(Person.id)
               .with_for_update())
    other = aliased(Person)
    another_admin = exists().where(other.role == ADMIN, other.removed.is_(None), other.id != person.id)
    changed = db.execute(update(Person).where(Person.id == person.id, another_admin).values(**values),
                         execution_options={"synchronize_session": False}).rowcount
    if not changed:
        raise TeamRuleError(f"{person.name} is the last admin: make someone else admin before you {verb} them.")
    db.refresh(person)


def note_sign_in(db: Session, person_id: int, *, now: datetime) -> None:
    db.execute(update(Person).where(Person.id == person_id).values(last_sign_in=now))
