"""How a date reads on the site, "7 December 2026": one function for the site's pages and the service's.

Only the standard library: the service imports it to date its board posts as the site dates its posts.
"""

from __future__ import annotations

from datetime import date


def reader_date(day: date) -> str:
    """`day` (a date, or a datetime already in the zone it is to be read in) as readers write it."""
    return f"{day.day} {day:%B %Y}"
