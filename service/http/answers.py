"""Answering what a visitor posted: 201 with what was made, 202 when it was only received, and for a plain HTML
form (a visitor without JavaScript) a 303 back to the page it came from, with a notice to show there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Response, jsonify, redirect

from .origins import page_to_return_to
from .posted_fields import is_form_post

NOTICE_PARAMETER = "herald"
RECEIVED = {"status": "received"}


def accepted(notice: str, *, fallback_path: str = "/", body: Mapping[str, Any] = RECEIVED) -> Response:
    """202 with `body` for scripts, a 303 back to the page with `notice` for plain forms.

    What a bot that filled the honeypot gets, too: the answer a person would, with nothing stored.
    """
    if is_form_post():
        return redirect_back(notice, fallback_path=fallback_path)
    return _json_answer(body, 202)


def created(body: Mapping[str, Any], location: str | None = None) -> Response:
    """201 with the created object as the API shows it, and `Location` when it has a URL of its own."""
    response = _json_answer(body, 201)
    if location is not None:
        response.headers["Location"] = location
    return response


def _json_answer(body: Mapping[str, Any], status: int) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response


def redirect_back(notice: str, *, fallback_path: str = "/") -> Response:
    """A 303 to the page the form was posted from, with a notice (see origins.py, `page_to_return_to`).

    `fallback_path` is the page the post belongs to, for when the Referer does not name one of ours. The
    notice is both `?herald=<notice>` and the fragment `#herald-<notice>`: a static page shows it without any
    script, through CSS `:target` on the element with that id.
    """
    scheme, netloc, path, query, _ = urlsplit(page_to_return_to(fallback_path))
    kept = [(name, value) for name, value in parse_qsl(query, keep_blank_values=True) if name != NOTICE_PARAMETER]
    query = urlencode([*kept, (NOTICE_PARAMETER, notice)])
    return redirect(urlunsplit((scheme, netloc, path or "/", query, f"herald-{notice}")), code=303)
