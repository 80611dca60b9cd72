"""OpenAPI description of the events routes, merged by service/openapi.py."""

from typing import Any

from ..openapi_parts import ADMIN, LANG_PROPERTY, FORM_MEDIA_TYPES, errors, json_response, request_body
from .analytics import SERIES_KEYS, TOP_KEYS
from .models import BEACON_TYPES, LABEL_LENGTH, PATH_LENGTH
from .validation import DEFAULT_RANGE_DAYS, FIRST_DAY, LAST_DAY, MAX_RANGE_DAYS, REFERRER_LENGTH

DAYS = f"from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
RANGE_PARAMETERS = [
    {"name": "from", "in": "query", "required": False, "schema": {"type": "string", "format": "date"},
     "description": f"First day (UTC), YYYY-MM-DD, {DAYS}. Default: {DEFAULT_RANGE_DAYS - 1} days before `to`."},
    {"name": "to", "in": "query", "required": False, "schema": {"type": "string", "format": "date"},
     "description": f"Last day (UTC), included, {DAYS}. Default: today. At most {MAX_RANGE_DAYS} days after "
                    "`from`."},
]


def _report_operation(key: str, max_length: int, what: str, operation_id: str, schema: str) -> dict[str, Any]:
    return {
        "get": {
            "summary": f"{what} by day and by {key} over a range of days (admin)",
            "operationId": operation_id,
            "security": ADMIN,
            "parameters": [*RANGE_PARAMETERS, {
                "name": key, "in": "query", "required": False,
                "schema": {"type": "string", "maxLength": max_length},
                "description": f"Count only this {key}.",
            }],
            "responses": {
                "200": json_response(f"{what}, ready to chart", schema),
                **errors(400, 401, 403, 503),
            },
        }
    }


def _report_schema(key: str, what: str) -> dict[str, Any]:
    daily = {"type": "object", "required": ["day", "count", "visitors"], "properties": {
        "day": {"type": "string", "format": "date"},
        "count": {"type": "integer", "minimum": 0},
        "visitors": {"type": "integer", "minimum": 0}}}
    ranked = {"type": "object", "required": [key, "count", "visitors"], "properties": {
        key: {"type": "string"},
        "count": {"type": "integer", "minimum": 1},
        "visitors": {"type": "integer", "minimum": 0}}}
    series = {"type": "object", "required": [key, "counts"], "properties": {
        key: {"type": "string"},
        "counts": {"type": "array", "items": {"type": "integer", "minimum": 0},
                   "description": "One count per day, in the order of `by_day`."}}}
    return {
        "type": "object",
        "description": (f"{what} over `from`..`to`. `visitors` counts distinct visitor hashes per day; the hash "
                        "changes every day, so over a range it is a sum of daily figures (visitor-days)."),
        "required": ["from", "to", key, "total", "visitors", "by_day", f"by_{key}", "series"],
        "properties": {
            "from": {"type": "string", "format": "date"},
            "to": {"type": "string", "format": "date"},
            key: {"type": ["string", "null"], "description": "The filter asked for, if any."},
            "total": {"type": "integer", "minimum": 0},
            "visitors": {"type": "integer", "minimum": 0},
            "by_day": {"type": "array", "items": daily,
                       "description": "Every day of the range, oldest first, zeros included: a line chart."},
            f"by_{key}": {"type": "array", "items": ranked, "maxItems": TOP_KEYS,
                          "description": f"The top {TOP_KEYS}, most first: a bar chart."},
            "series": {"type": "array", "items": series, "maxItems": SERIES_KEYS,
                       "description": f"Day-by-day counts of the top {SERIES_KEYS}: one line each."},
        },
    }


PATHS: dict[str, Any] = {
    "/api/events": {
        "post": {
            "summary": "Record a page view or a button press (navigator.sendBeacon friendly)",
            "description": ("Answers 204 without storing anything for known bots, for browsers sending "
                            "`DNT: 1` or `Sec-GPC: 1`, and for posts filling the honeypot field. No address or "
                            "user agent is stored: only the browser family, the referring site's host and a "
                            "visitor hash keyed by a salt that changes every UTC day."),
            "operationId": "recordEvent",
            "requestBody": request_body("EventBeacon", media_types=(*FORM_MEDIA_TYPES, "text/plain")),
            "responses": {
                "204": {"description": "Accepted (recorded, or dropped as a bot or at the browser's request)"},
                **errors(400, 403, 413, 415, 429, 503),
            },
        }
    },
    "/api/analytics/page_views": _report_operation("path", PATH_LENGTH, "Page views", "pageViews",
                                                   "PageViewReport"),
    "/api/analytics/button_press": _report_operation("label", LABEL_LENGTH, "Button presses", "buttonPresses",
                                                     "ButtonPressReport"),
}

SCHEMAS: dict[str, Any] = {
    "EventBeacon": {
        "type": "object",
        "description": "text/plain bodies hold the same JSON object (what navigator.sendBeacon sends).",
        "required": ["type", "path"],
        "properties": {
            "type": {"type": "string", "enum": list(BEACON_TYPES)},
            "path": {"type": "string", "maxLength": PATH_LENGTH, "pattern": "^/(?!/)",
                     "description": "The page's path on the site; a query or fragment is dropped."},
            "label": {"type": "string", "maxLength": LABEL_LENGTH,
                      "description": "The button's name; required when type is click."},
            "referrer": {"type": "string", "maxLength": REFERRER_LENGTH,
                         "description": "document.referrer; only another site's host is kept."},
            **LANG_PROPERTY,
        },
    },
    "PageViewReport": _report_schema("path", "Page views"),
    "ButtonPressReport": _report_schema("label", "Button presses"),
}
