"""How a date reads on the site, "7 December 2026", and how a page writes it for machines (<time datetime>):
one function each for the site's pages and the service's.

A date reads as CLDR's long date of the page's language, through Babel ("3 mai 2024", "3 de mayo de 2024",
"3 مايو 2024"); English's is international English's, day first, as Herald always wrote it
(`herald_site.i18n.babel_locale`). No web framework: the service imports it to date its board posts as the site
dates its posts.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

from herald_site.i18n import SOURCE_LANGUAGE, babel_locale


def reader_date(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """`day` (a date, or a datetime already in the zone it is to be read in) as readers of `language` (a BCP 47
    code) write it."""
    return format_date(day, "long", locale=babel_locale(language))


def machine_datetime(moment: datetime) -> str:
    """`moment` for a <time datetime> attribute: ISO 8601 to the second, as HTML allows at most three digits of
    a second's fraction and a database's timestamps have six."""
    return moment.isoformat(timespec="seconds")
