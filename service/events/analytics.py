"""Counting events for the admin's charts: by day over a range, by page or button, and both together.

Plain GROUP BY queries that run the same on SQLite and PostgreSQL, over the (type, day, path|label) indexes.

"Visitors" are distinct visitor hashes per day. The hash's key changes every UTC day, so one person on two
days counts twice: over a range, visitors is the sum of the daily figures (visitor-days), never people.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, distinct, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from .models import CLICK, PAGEVIEW, Event
from .validation import DateRange

TOP_KEYS = 50  # rows of the by_path / by_label ranking
SERIES_KEYS = 10  # pages or buttons that get a day-by-day series


def page_views(session: Session, days: DateRange, path: str | None = None) -> dict[str, Any]:
    """Page views by day and by path (optionally of one path only)."""
    return _report(session, PAGEVIEW, Event.path, days, path)


def button_presses(session: Session, days: DateRange, label: str | None = None) -> dict[str, Any]:
    """Button presses by day and by label (optionally of one label only)."""
    return _report(session, CLICK, Event.label, days, label)


def _report(session: Session, event_type: str, key: InstrumentedAttribute[Any], days: DateRange,
            only: str | None) -> dict[str, Any]:
    name = key.key
    conditions: list[ColumnElement[bool]] = [Event.type == event_type, Event.day.between(days.start, days.end)]
    if only is not None:
        conditions.append(key == only)
    count = func.count().label("events")
    visitors = func.count(distinct(Event.visitor)).label("visitors")

    per_day = {day: (events, people) for day, events, people in session.execute(
        select(Event.day, count, visitors).where(*conditions).group_by(Event.day))}
    by_day = [{"day": day.isoformat(), "count": per_day.get(day, (0, 0))[0], "visitors": per_day.get(day, (0, 0))[1]}
              for day in days.days()]
    ranking = session.execute(
        select(key, count, visitors).where(*conditions).group_by(key).order_by(count.desc(), key).limit(TOP_KEYS)
    ).all()
    return {
        "from": days.start.isoformat(),
        "to": days.end.isoformat(),
        name: only,
        "total": sum(entry["count"] for entry in by_day),
        "visitors": sum(entry["visitors"] for entry in by_day),
        "by_day": by_day,
        f"by_{name}": [{name: value, "count": events, "visitors": people} for value, events, people in ranking],
        "series": _series(session, key, conditions, [value for value, *_ in ranking[:SERIES_KEYS]], days),
    }


def _series(session: Session, key: InstrumentedAttribute[Any], conditions: list[ColumnElement[bool]],
            values: list[str], days: DateRange) -> list[dict[str, Any]]:
    """For each value, its count on every day of the range, in the order of `by_day`."""
    if not values:
        return []
    counts: dict[str, dict[date, int]] = defaultdict(dict)
    rows = session.execute(
        select(key, Event.day, func.count()).where(*conditions, key.in_(values)).group_by(key, Event.day))
    for value, day, events in rows:
        counts[value][day] = events
    every_day = days.days()
    return [{key.key: value, "counts": [counts[value].get(day, 0) for day in every_day]} for value in values]
