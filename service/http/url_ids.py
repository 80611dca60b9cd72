"""`<id:name>` in a route: a database id, from 1 to the largest number an INTEGER column holds; `or_404`.

A larger number cannot name a row (PostgreSQL even refuses to compare an INTEGER column with it), so such a
URL answers 404 before any view runs, on every database alike. The range is in the converter's pattern, not
a check after it: werkzeug answers a converted value it refuses with 405 when the path has other methods.
"""

from typing import Any, TypeVar

from flask import Flask
from werkzeug.routing import IntegerConverter

from ..db import ID_MAX
from .errors import ApiError

ID_SCHEMA: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": ID_MAX}
Row = TypeVar("Row")


def up_to(limit: int) -> str:
    """A regular expression matching the decimal numbers 1..`limit` (leading zeros allowed), and no others."""
    digits = str(limit)
    shorter = [f"[1-9][0-9]{{0,{len(digits) - 2}}}"] if len(digits) > 1 else []
    same_length = [
        f"{digits[:place]}[{'1' if place == 0 else '0'}-{int(digit) - 1}][0-9]{{{len(digits) - place - 1}}}"
        for place, digit in enumerate(digits) if int(digit) > (1 if place == 0 else 0)
    ]
    return f"0*(?:{'|'.join([*shorter, *same_length, digits])})"


class DatabaseId(IntegerConverter):
    """A positive id that fits an INTEGER column."""

    regex = up_to(ID_MAX)


def or_404(row: Row | None, message: str) -> Row:
    """The row a route's id named, or a 404 whose `message` says what is missing (and maybe why)."""
    if row is None:
        raise ApiError(404, message)
    return row


def init_app(app: Flask) -> None:
    """Register the converter; it must come before the blueprints whose routes use it."""
    app.url_map.converters["id"] = DatabaseId
