"""Checking what clients send: a beacon's fields, and the date range and filter of an analytics query.

Every problem is reported at once, per field, as a `ValidationError` (400).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..errors import ValidationError
from .models import BEACON_TYPES, CLICK, LABEL_LENGTH, PATH_LENGTH

REFERRER_LENGTH = 2048
DEFAULT_RANGE_DAYS = 30
MAX_RANGE_DAYS = 366
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f]")
_NOT_IN_A_PATH = re.compile(r"[\x00-\x20\x7f\\]")


@dataclass(frozen=True)
class Beacon:
    """A page view or button press as the site reported it, checked."""

    type: str
    path: str
    label: str | None
    referrer: str | None


@dataclass(frozen=True)
class DateRange:
    """A span of whole UTC days, both ends included."""

    start: date
    end: date

    def days(self) -> list[date]:
        return [self.start + timedelta(days=offset) for offset in range((self.end - self.start).days + 1)]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def site_path(raw: str) -> str | None:
    """The path part of `raw` when it is a path on the site ("/..."), without query or fragment; else None.

    The query and fragment are dropped: they split one page's counts and can carry a visitor's details.
    """
    path = raw.split("#", 1)[0].split("?", 1)[0]
    if not path.startswith("/") or path.startswith("//") or _NOT_IN_A_PATH.search(path):
        return None
    return path


def _check_path(raw: str, problems: dict[str, str], *, required: bool) -> str | None:
    if not raw:
        if required:
            problems["path"] = "Required: the page's path, starting with /."
        return None
    path = site_path(raw)
    if path is None:
        problems["path"] = "Must be a path on the site, starting with / (no full URL, spaces or backslashes)."
    elif len(path) > PATH_LENGTH:
        problems["path"] = f"At most {PATH_LENGTH} characters."
    return path


def _check_label(raw: str, problems: dict[str, str]) -> str | None:
    if len(raw) > LABEL_LENGTH:
        problems["label"] = f"At most {LABEL_LENGTH} characters."
    elif _NOT_ONE_LINE.search(raw):
        problems["label"] = "Must be one line of text."
    return raw or None


def check_beacon(fields: Mapping[str, Any]) -> Beacon:
    """The beacon's fields, checked: type is pageview or click, path is a site path, a click names its label."""
    problems: dict[str, str] = {}
    kind = _text(fields.get("type"))
    if kind not in BEACON_TYPES:
        problems["type"] = f"Required: one of {', '.join(BEACON_TYPES)}."
    path = _check_path(_text(fields.get("path")), problems, required=True)
    label = _check_label(_text(fields.get("label")), problems)
    if kind == CLICK and label is None and "label" not in problems:
        problems["label"] = "Required for a click: name the button."
    referrer = _text(fields.get("referrer"))
    if len(referrer) > REFERRER_LENGTH:
        problems["referrer"] = f"At most {REFERRER_LENGTH} characters."
    if problems:
        raise ValidationError(problems)
    assert path is not None  # required above
    return Beacon(type=kind, path=path, label=label, referrer=referrer or None)


def _parse_day(raw: str, name: str, problems: dict[str, str]) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        problems[name] = "Use a date as YYYY-MM-DD."
        return None


def _check_range(args: Mapping[str, Any], today: date, problems: dict[str, str]) -> DateRange | None:
    raw_from, raw_to = _text(args.get("from")), _text(args.get("to"))
    end = _parse_day(raw_to, "to", problems) if raw_to else today
    if raw_from:
        start = _parse_day(raw_from, "from", problems)
    else:
        start = end - timedelta(days=DEFAULT_RANGE_DAYS - 1) if end else None
    if start is None or end is None:
        return None
    if start > end:
        problems["from"] = "Must be on or before `to`."
    elif (end - start).days + 1 > MAX_RANGE_DAYS:
        problems["to"] = f"The range may span at most {MAX_RANGE_DAYS} days."
    return DateRange(start, end)


def check_report_query(args: Mapping[str, Any], today: date, key: str) -> tuple[DateRange, str | None]:
    """The days of an analytics query and its optional filter on `key` ("path" or "label").

    `from` and `to` are YYYY-MM-DD, both included; by default the 30 days up to `today`; at most 366 days.
    """
    problems: dict[str, str] = {}
    date_range = _check_range(args, today, problems)
    raw = _text(args.get(key))
    only = _check_path(raw, problems, required=False) if key == "path" else _check_label(raw, problems)
    if problems:
        raise ValidationError(problems)
    assert date_range is not None  # every way to miss it is a problem above
    return date_range, only
