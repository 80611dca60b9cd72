"""Frontmatter dates: every form editors and Jekyll write, turned into time-zone aware datetimes."""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo

# Jekyll writes "2024-05-03 10:00:00 +0100"; ISO 8601 forms are handled by datetime.fromisoformat.
_EXTRA_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z")

ACCEPTED_FORMS = "2024-05-03, 2024-05-03 10:30, 2024-05-03T10:30:00+01:00 or 2024-05-03 10:30:00 +0100"


def parse_date(value: object, site_timezone: tzinfo) -> datetime:
    """An aware datetime from a YAML date, datetime or string; a naive time is taken as site time.

    Raises ValueError saying which forms are accepted.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str):
        moment = _parse_text(value.strip())
    else:
        raise ValueError(f"expected a date such as {ACCEPTED_FORMS}, got {value!r}")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=site_timezone)
    return moment


def _parse_text(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for form in _EXTRA_FORMATS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    raise ValueError(f"cannot read {text!r} as a date; write it as {ACCEPTED_FORMS}")
