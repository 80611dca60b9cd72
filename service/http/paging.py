"""Lists served a page at a time: `?page=&per_page=` read one way, and answered in one shape.

The answer is `{<items>: [...], "page", "per_page", "total"}`, so a client pages any list the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Response, jsonify

from ..field_checks import checked, whole_number

PAGE_NUMBER_MAX = 100_000  # far past any real list; keeps the offset a number every database takes


def requested_page(args: Mapping[str, Any], *, per_page_default: int, per_page_max: int) -> tuple[int, int]:
    """`page` (from 1) and `per_page` from a query string, with defaults; a ValidationError when either is no fit."""
    values = checked(args, {"page": whole_number(1, PAGE_NUMBER_MAX, default=1),
                            "per_page": whole_number(1, per_page_max, default=per_page_default)})
    return values["page"], values["per_page"]


def page_listing(key: str, items: list[dict[str, Any]], page: int, per_page: int, total: int) -> Response:
    """One page of a list under `key`, with where it stands in the whole."""
    return jsonify({key: items, "page": page, "per_page": per_page, "total": total})
