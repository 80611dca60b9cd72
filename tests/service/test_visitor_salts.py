"""The visitors' daily salt: random, shared by the processes through the database, gone after its day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlalchemy import insert, select

from service.db import database
from service.events import recorder, salts
from service.events.models import VisitorSalt
from service.events.recorder import log_event
from tests.service.test_events import ADDRESS, FIREFOX, stored_events
from tests.service.test_performance_shape import statements

MAY_1 = date(2024, 5, 1)
MAY_2 = date(2024, 5, 2)


def _at(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    """Set the recorder's clock to noon UTC on `day`."""
    monkeypatch.setattr(recorder, "utcnow", lambda: datetime(day.year, day.month, day.day, 12, tzinfo=UTC))


def _record_a_visit(app: Flask, monkeypatch: pytest.MonkeyPatch, day: date) -> str:
    """Record one page view of the same visitor on `day`; its visitor hash."""
    _at(monkeypatch, day)
    with app.app_context():
        assert log_event("pageview", path="/", address=ADDRESS, user_agent=FIREFOX)
    return stored_events(app)[-1].visitor


def _stored_salts(app: Flask) -> dict[date, str]:
    with app.app_context(), database().session() as session:
        return {row.day: row.salt for row in session.scalars(select(VisitorSalt))}


def test_a_past_days_hashes_cannot_be_made_again_from_what_the_service_keeps(app, monkeypatch):
    """With the day over its salt is gone: the same key, day and visitor give another hash."""
    first = _record_a_visit(app, monkeypatch, MAY_1)
    _record_a_visit(app, monkeypatch, MAY_2)
    assert list(_stored_salts(app)) == [MAY_2]
    assert _record_a_visit(app, monkeypatch, MAY_1) != first


def test_the_salt_is_random_not_derived_from_the_key_and_the_day(make_app, monkeypatch):
    hashes = []
    for _ in range(2):  # the same SECRET_KEY, the same day, the same visitor, the database's salts emptied
        app = make_app()
        hashes.append(_record_a_visit(app, monkeypatch, MAY_1))
        with app.app_context(), database().engine.begin() as connection:
            connection.execute(VisitorSalt.__table__.delete())
    assert hashes[0] != hashes[1]
    assert len(hashes[0]) == 64


def test_processes_hash_a_visitor_alike_on_the_same_day(make_app, monkeypatch):
    first, second = make_app(), make_app()  # two processes: their own caches, one database
    assert _record_a_visit(first, monkeypatch, MAY_1) == _record_a_visit(second, monkeypatch, MAY_1)
    assert len(_stored_salts(first)) == 1


def test_a_salt_another_process_stored_first_is_the_one_used(app):
    """Between our look-up and our insert another process may store the day's salt: ours then gives way."""
    theirs = "9" * 64
    with app.app_context(), database().engine.begin() as connection:
        connection.execute(insert(VisitorSalt.__table__).values(day=MAY_1, salt=theirs))
        assert salts.stored_or_new_salt(connection, MAY_1) == theirs
    with app.app_context():
        assert salts.salt_for(MAY_1) == theirs
    assert _stored_salts(app) == {MAY_1: theirs}


def test_todays_salt_is_remembered_so_an_event_costs_only_its_insert(app, monkeypatch):
    _record_a_visit(app, monkeypatch, MAY_1)
    with app.app_context(), statements(app) as later_that_day:
        assert log_event("pageview", path="/", address=ADDRESS, user_agent=FIREFOX)
    with app.app_context(), statements(app) as next_day:
        _at(monkeypatch, MAY_2)
        assert log_event("pageview", path="/", address=ADDRESS, user_agent=FIREFOX)
    assert [statement.split(" (")[0] for statement in later_that_day] == ["INSERT INTO events"]
    assert any("visitor_salts" in statement for statement in next_day)  # a new day's salt is looked up


def test_a_salt_made_in_a_transaction_that_is_rolled_back_goes_with_it(app, monkeypatch):
    _at(monkeypatch, MAY_1)
    with app.app_context(), database().sessions() as session:
        assert log_event("pageview", path="/", address=ADDRESS, user_agent=FIREFOX, session=session)
        session.rollback()
        assert log_event("pageview", path="/", address=ADDRESS, user_agent=FIREFOX, session=session)
        session.commit()
    [kept] = stored_events(app)
    assert list(_stored_salts(app)) == [MAY_1]
    assert _record_a_visit(app, monkeypatch, MAY_1) == kept.visitor


def test_events_in_callers_transactions_remember_the_salt_once_it_is_committed(app, monkeypatch):
    """Sites whose only events come from hooks (a comment and its event in one commit) pay for the salt
    once a day too: after the first commit the salt is read beside the transaction and remembered."""
    _at(monkeypatch, MAY_1)
    for _ in range(3):
        with app.app_context(), statements(app) as sent, database().sessions() as session:
            assert log_event("comment", path="/", address=ADDRESS, user_agent=FIREFOX, session=session)
            session.commit()
    assert [statement.split(" (")[0] for statement in sent] == ["INSERT INTO events"]
    assert len({row.visitor for row in stored_events(app)}) == 1
