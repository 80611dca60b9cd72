"""Messages with figures in them ("Keep it to 2,000 characters"), kept whole until they are answered: then
translated into the visitor's language, their numbers written as that language writes them ("2 000" in French),
a count choosing the catalogue's plural form (Arabic has six).

A `Phrase` is a str, its English, so it goes wherever a message goes (an `ApiError`, a field's problem, a log
line); `translated` gives any message in a language: a Phrase with its figures, a message marked `N_()` from
the catalogue, any other as written. Where a Phrase is written its wording is marked for `pybabel extract`:
`Phrase(N_("... %(name)s ..."), name=...)`, or this module's `ngettext(singular, plural, count, ...)` (which
pybabel's default keywords read as a plural message) when a count is in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from babel.dates import format_timedelta
from babel.lists import format_list
from babel.numbers import format_decimal

from herald_site.i18n import SOURCE_LANGUAGE, babel_locale, translations

Figure = int | str | Sequence[str] | timedelta


class Phrase(str):
    """A message (a msgid with `%(name)s` places) and its figures; as a str, its English."""

    message: str
    plural: str | None
    figures: dict[str, Figure]

    def __new__(cls, message: str, plural: str | None = None, /, **figures: Figure) -> Phrase:
        phrase = super().__new__(cls, _filled(message, plural, figures, SOURCE_LANGUAGE))
        phrase.message, phrase.plural, phrase.figures = message, plural, figures
        return phrase

    def in_language(self, language: str) -> str:
        return _filled(self.message, self.plural, self.figures, language)


def ngettext(singular: str, plural: str, count: int, **figures: Figure) -> Phrase:
    """A message whose wording follows `count` (its `%(count)s`), translated when it is answered."""
    return Phrase(singular, plural, count=count, **figures)


def translated(message: str, language: str) -> str:
    """`message` in `language`: a Phrase with its figures, a marked message from the catalogue (one it does
    not hold stays as written)."""
    if isinstance(message, Phrase):
        return message.in_language(language)
    return translations(language).gettext(message) if message else message  # gettext("") is the header


def _filled(message: str, plural: str | None, figures: dict[str, Figure], language: str) -> str:
    words = translations(language)
    count = figures.get("count")
    wording = words.ngettext(message, plural, count) if plural and isinstance(count, int) else words.gettext(message)
    return wording % {name: _written(value, language) for name, value in figures.items()}


def _written(value: Figure, language: str) -> str:
    """A figure as `language` writes it: a number with its digit grouping, a span of time in words, a list of
    choices joined with its "or"; text as it is (a code, an ISO date)."""
    locale = babel_locale(language)
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return format_decimal(value, locale=locale)
    if isinstance(value, timedelta):
        return format_timedelta(value, threshold=1, locale=locale)
    return format_list(list(value), style="or", locale=locale)
