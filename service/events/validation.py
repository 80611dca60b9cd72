"""Checking what clients send: a beacon's fields, and the date range and filter of an analytics query.

Every problem is reported at once, per field, as a `ValidationError` (400), through service/field_checks.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from herald_site.i18n import N_

from ..field_checks import Check, choice, collect, date_within, line, site_path
from ..http.errors import ValidationError
from ..http.phrases import ngettext
from .models import BEACON_TYPES, CLICK, LABEL_LENGTH, PATH_LENGTH

REFERRER_LENGTH = 2048
DEFAULT_RANGE_DAYS = 30
MAX_RANGE_DAYS = 366
# No event predates the Unix epoch, and no range needs to reach the far end of the calendar: within these, every
# range and its default start (30 days before `to`) stay clear of the calendar's ends (year 1, year 9999).
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(2999, 12, 31)
REPORT_DAY = date_within(FIRST_DAY, LAST_DAY)

# A query and fragment are dropped: they split one page's counts and can carry a visitor's details.
PATH = site_path(PATH_LENGTH, drop_query=True)
LABEL = line(LABEL_LENGTH, one_line=True)
BEACON_CHECKS: dict[str, Check] = {
    "type": choice(BEACON_TYPES),
    "path": site_path(PATH_LENGTH, missing=N_("Required: the page's path, starting with /."), drop_query=True),
    "label": LABEL,
    "referrer": line(REFERRER_LENGTH),
}
REPORT_FILTERS: dict[str, Check] = {"path": PATH, "label": LABEL}


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


def check_beacon(fields: Mapping[str, Any]) -> Beacon:
    """The beacon's fields, checked: type is pageview or click, path is a site path, a click names its label."""
    values, problems = collect(fields, BEACON_CHECKS)
    if values.get("type") == CLICK and "label" in values and values["label"] is None:
        problems["label"] = N_("Required for a click: name the button.")
    if problems:
        raise ValidationError(problems)
    return Beacon(**values)


def check_report_query(args: Mapping[str, Any], today: date, key: str) -> tuple[DateRange, str | None]:
    """The days of an analytics query and its optional filter on `key` ("path" or "label").

    `from` and `to` are YYYY-MM-DD from FIRST_DAY to LAST_DAY, both included; by default the 30 days up to
    `today`; at most 366 days.
    """
    values, problems = collect(args, {"from": REPORT_DAY, "to": REPORT_DAY, key: REPORT_FILTERS[key]})
    days = None
    if "from" in values and "to" in values:
        end = values["to"] or today
        days = DateRange(values["from"] or end - timedelta(days=DEFAULT_RANGE_DAYS - 1), end)
        problems.update(_range_problems(days))
    if problems:
        raise ValidationError(problems)
    assert days is not None  # every way to miss it is a problem above
    return days, values[key]


def _range_problems(days: DateRange) -> dict[str, str]:
    if days.start > days.end:
        return {"from": N_("Must be on or before the end date.")}
    if (days.end - days.start).days + 1 > MAX_RANGE_DAYS:
        return {"to": ngettext("The range may span at most %(count)s day.",
                               "The range may span at most %(count)s days.", MAX_RANGE_DAYS)}
    return {}
