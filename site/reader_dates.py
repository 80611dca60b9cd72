"""How a date reads on the site, "7 December 2026", and how a page writes it for machines (<time datetime>):
one function each for the site's pages and the service's.

Only the standard library: the service imports it to date its board posts as the site dates its posts.
"""

from __future__ import annotations

from datetime import date, datetime


def reader_date(day: date) -> str:
    """`day` (a date, or a datetime already in the zone it is to be read in) as readers write it."""
    return f"{day.day} {day:%B %Y}"


def machine_datetime(moment: datetime) -> str:
    """`moment` for a <time datetime> attribute: ISO 8601 to the second, as HTML allows at most three digits of
    a second's fraction and a database's timestamps have six."""
    return moment.isoformat(timespec="seconds")
