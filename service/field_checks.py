"""Checking what visitors and clients send, one field at a time, with every problem reported at once.

A check turns one raw value (text, a JSON number, or None when the field is absent) into a clean one, or
raises `FieldProblem` with a message worded for the person who filled the field in. `checked` applies a set
of checks and raises one `ValidationError` (400) naming every field that is wrong, so a form can show them
all together. The checks here are built by small factories (`line(100)`, `whole_number(1, 500)`, ...) so
each concern states its rules as data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, date, datetime
from typing import Any

from email_validator import EmailNotValidError, validate_email

from herald_site.i18n import N_
from herald_site.visitor_html import web_address_problem

from .db import ID_MAX
from .http.errors import ValidationError
from .http.phrases import Phrase, ngettext

Check = Callable[[Any], Any]

# Control characters other than tab, line feed and carriage return: nothing a person types, and NUL is
# refused outright by PostgreSQL's text columns.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_PROBLEM = N_("Remove the invisible control characters (such as NUL) from it.")
# Half of a UTF-16 pair on its own: a JSON escape (`"\ud800"`) can carry one, but no UTF-8 text can hold it, so
# neither the database, nor the Markdown renderer, nor a mail can take it.
LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")
SURROGATE_PROBLEM = N_("It holds a broken character (half of a UTF-16 pair, like \\ud800): type or paste it again.")
LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]")
# A path as a browser's location.pathname gives it: percent-encoded, no scheme, host, query or fragment.
PAGE_PATH = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*")
PAGE_EXAMPLE = "/2024/05/03/clean-air/"


class FieldProblem(ValueError):
    """What is wrong with one field, worded for the person who filled it in."""


def collect(fields: Mapping[str, Any], checks: Mapping[str, Check]) -> tuple[dict[str, Any], dict[str, str]]:
    """The clean values of the fields that passed, and a message for each that did not."""
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, check in checks.items():
        try:
            values[name] = check(fields.get(name))
        except FieldProblem as problem:
            problems[name] = problem.args[0]  # a Phrase stays one, to be answered in the visitor's language
    return values, problems


def checked(fields: Mapping[str, Any], checks: Mapping[str, Check]) -> dict[str, Any]:
    """The clean value of every checked field, or a ValidationError naming every one that is wrong."""
    values, problems = collect(fields, checks)
    if problems:
        raise ValidationError(problems)
    return values


def character_problem(text: str) -> str | None:
    """Why `text` cannot be taken as what a person typed (control characters, a lone surrogate), or None."""
    if CONTROL_CHARACTERS.search(text):
        return CONTROL_PROBLEM
    if LONE_SURROGATES.search(text):
        return SURROGATE_PROBLEM
    return None


def text_of(raw: Any) -> str:
    """A raw value as text, trimmed: absent is empty, a JSON number its digits."""
    return "" if raw is None else str(raw).strip()


def _within(value: str, max_length: int) -> str:
    if len(value) > max_length:
        raise FieldProblem(ngettext("Keep it to %(count)s character (this has %(length)s).",
                                    "Keep it to %(count)s characters (this has %(length)s).", max_length,
                                    length=len(value)))
    return value


def _present(value: str, missing: str | None) -> str | None:
    """`value`, or None when it is blank and optional; a blank required one is a problem saying `missing`."""
    if value:
        return value
    if missing is not None:
        raise FieldProblem(missing)
    return None


def line(max_length: int, *, missing: str | None = None, one_line: bool = False) -> Check:
    """One line of text (a name, a title), trimmed, runs of white space made one space; None when blank.

    With `missing` the field is required and that message says what to write. With `one_line`, text that
    holds a line break is refused instead of joined: for what goes into mail headers or must stay one label.
    """

    def check(raw: Any) -> str | None:
        value = text_of(raw)
        problem = character_problem(value)  # query strings do not pass through read_fields
        if problem:
            raise FieldProblem(problem)
        if one_line and LINE_BREAKS.search(value):
            raise FieldProblem(N_("Keep it on one line."))
        return _present(_within(" ".join(value.split()), max_length), missing)

    return check


def text_block(max_length: int, *, missing: str) -> Check:
    """Required multi-line text (Markdown, a message): trailing white space dropped, indentation kept."""

    def check(raw: Any) -> str:
        value = "" if raw is None else str(raw).rstrip()
        if not value.strip():
            raise FieldProblem(missing)
        return _within(value, max_length)

    return check


def email(*, missing: str | None = None) -> Check:
    """An email address, normalized (email_validator, without DNS); None when blank unless `missing` is given."""

    def check(raw: Any) -> str | None:
        value = _present(text_of(raw), missing)
        if value is None:
            return None
        try:
            return validate_email(value, check_deliverability=False).normalized
        except EmailNotValidError as error:
            raise FieldProblem(N_("Write a whole email address, like name@example.org.") if missing else N_(
                "Write a whole email address, like name@example.org, or leave it out: it is optional.")) from error

    return check


def web_address(max_length: int) -> Check:
    """An optional http(s) address with a host; None when blank."""

    def check(raw: Any) -> str | None:
        value = _within(text_of(raw), max_length)
        if not value:
            return None
        problem = web_address_problem(value)
        if problem:
            raise FieldProblem(problem)
        return value

    return check


def whole_number(low: int, high: int, *, default: int | None = None, problem: str | None = None) -> Check:
    """A whole number from `low` to `high`, as a JSON number or as text (forms, query strings).

    Blank gives `default`. Digits only: no sign, no decimals, and no more digits than `high` has, so a
    5,000-digit number costs nothing to refuse.
    """
    refusal = problem or Phrase(N_("Use a whole number from %(low)s to %(high)s."), low=low, high=high)

    def check(raw: Any) -> int | None:
        value = text_of(raw)
        if not value:
            return default
        if not value.isascii() or not value.isdigit() or len(value) > len(str(high)) \
                or not low <= int(value) <= high:
            raise FieldProblem(refusal)
        return int(value)

    return check


def database_id(problem: str) -> Check:
    """An optional id of a row (a parent comment, the last one of a page); `problem` says what to give."""
    return whole_number(1, ID_MAX, problem=problem)


def choice(options: Collection[str], *, default: str | None = None, optional: bool = False) -> Check:
    """One of `options`; blank gives `default`, or None when `optional`, else it is a problem."""
    listed = list(options)
    refusal = Phrase(N_("Use %(options)s, or leave it out.") if optional else N_("Use %(options)s."),
                     options=listed) if listed else N_("Leave it out: none are configured.")

    def check(raw: Any) -> str | None:
        value = text_of(raw) or default
        if value is None and not optional:
            raise FieldProblem(Phrase(N_("Required: %(options)s."), options=listed))
        if value is not None and value not in options:
            raise FieldProblem(refusal)
        return value

    return check


def is_page_path(text: str) -> bool:
    """Whether `text` is a clean path on the site: no scheme, host, query, fragment, `//`, `.` or `..`."""
    segments = text.split("/")
    return bool(PAGE_PATH.fullmatch(text)) and "//" not in text and "." not in segments and ".." not in segments


def site_path(max_length: int, *, missing: str | None = None, drop_query: bool = False) -> Check:
    """A page's path on the site, like /about/; None when blank unless `missing` is given.

    With `drop_query`, a query or fragment is cut off rather than refused (a beacon's page: they would split
    one page's counts and can carry a visitor's details).
    """
    refusal = Phrase(N_("Use the page's path on the site, like %(example)s (no scheme or host).") if drop_query
                     else N_("Use the page's path on the site, like %(example)s (no scheme, host, query or fragment)."),
                     example=PAGE_EXAMPLE)

    def check(raw: Any) -> str | None:
        value = text_of(raw)
        if drop_query:
            value = value.split("#", 1)[0].split("?", 1)[0]
        path = _present(_within(value, max_length), missing)
        if path is not None and not is_page_path(path):
            raise FieldProblem(refusal)
        return path

    return check


def date_within(first: date, last: date) -> Check:
    """An optional calendar date, YYYY-MM-DD, from `first` to `last`."""
    refusal = Phrase(N_("Use a date from %(first)s to %(last)s."), first=first.isoformat(), last=last.isoformat())

    def check(raw: Any) -> date | None:
        day = iso_date(raw)
        if day is not None and not first <= day <= last:
            raise FieldProblem(refusal)
        return day

    return check


def iso_datetime(raw: Any) -> datetime | None:
    """An optional ISO 8601 time; one without an offset is UTC."""
    value = text_of(raw)
    if not value:
        return None
    for candidate in (value, _plus_restored(value)):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise FieldProblem(N_("Use an ISO 8601 time, like 2024-05-03T10:00:00Z."))


def _plus_restored(text: str) -> str:
    """An unencoded `+00:00` offset in a query string arrives as ` 00:00`; put the plus back."""
    head, space, offset = text.rpartition(" ")
    return f"{head}+{offset}" if space and "T" in head else text


def iso_date(raw: Any) -> date | None:
    """An optional calendar date, YYYY-MM-DD."""
    value = text_of(raw)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise FieldProblem(N_("Use a date as YYYY-MM-DD.")) from error
