"""Reading what a visitor posts: JSON, an ordinary HTML form, or a sendBeacon `text/plain` body.

Only the fields an endpoint names are kept (anything else is dropped), and values must be text or numbers,
without control characters (tab and line breaks aside), so a view never sees a surprise. How a post is
answered is in answers.py.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from flask import request

from herald_site.i18n import N_

from ..field_checks import character_problem
from .errors import ApiError, ValidationError
from .phrases import Phrase

# A field hidden from people by the site's forms; anything that fills it in is a bot.
HONEYPOT_FIELD = "phone"
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def read_fields(allowed: Collection[str]) -> dict[str, Any]:
    """The posted fields named in `allowed` (plus the honeypot), as text, numbers or None.

    Text holding control characters (NUL and the like; tab and line breaks are fine) or a lone surrogate (a
    JSON `"\\ud800"`) is refused here, once for every endpoint, with a 400 naming the field.
    """
    raw = _raw_fields()
    fields: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in (*allowed, HONEYPOT_FIELD):
        if name not in raw:
            continue
        value = raw[name]
        problem = character_problem(value) if isinstance(value, str) else None
        if problem:
            problems[name] = problem
        elif value is None or isinstance(value, (str, int)) and not isinstance(value, bool):
            fields[name] = value
        else:
            problems[name] = N_("Must be text.")
    if problems:
        raise ValidationError(problems)
    return fields


def is_form_post() -> bool:
    """Whether the request came from a plain HTML form (so it wants a redirect or a page, not JSON)."""
    return request.mimetype in FORM_TYPES


def _raw_fields() -> dict[str, Any]:
    if is_form_post():
        return request.form.to_dict()
    if request.mimetype in {"application/json", "text/plain"} or (not request.mimetype and request.content_length):
        return _json_object(request.get_data(as_text=True))
    if not request.mimetype and not request.content_length:
        return {}
    raise ApiError(415, Phrase(N_("Send JSON or an HTML form, not %(type)s."), type=repr(request.mimetype)))


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text.strip() else {}
    except (ValueError, RecursionError) as error:
        raise ApiError(400, N_("The body is not valid JSON."), code="malformed") from error
    if not isinstance(value, dict):
        raise ApiError(400, N_("The body must be a JSON object."), code="malformed")
    return value


def is_bot_post(fields: dict[str, Any]) -> bool:
    """Whether the honeypot field was filled in; such posts are dropped without telling the sender."""
    return bool(str(fields.get(HONEYPOT_FIELD) or "").strip())
