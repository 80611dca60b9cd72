"""Checking what a visitor sends about comments: every field at once, with messages that say how to fix it.

Each `_check_*` turns one raw value into a clean one or raises `FieldProblem`; `_run` applies a set of them
and collects every problem, so a form can show them all together (one 400 with per-field messages).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from ..converters import ID_MAX
from ..errors import ApiError, ValidationError
from .models import AUTHOR_MAX, BODY_MAX, EMAIL_MAX, PAGE_MAX, WEBSITE_MAX

# A path as a browser's location.pathname gives it: percent-encoded, no scheme, host, query or fragment.
PAGE_PATH = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*")
EDITABLE_FIELDS = ("body", "author", "website")
MODERATION_VIEWS = ("pending", "all")
MODERATION_PAGE_MAX = 500
MODERATION_PAGE_DEFAULT = 100


class FieldProblem(ValueError):
    """What is wrong with one field, worded for the person who filled it in."""


@dataclass(frozen=True)
class NewComment:
    """A comment as a visitor asked to post it, every field checked."""

    page: str
    parent: int | None
    author: str
    email: str | None
    website: str | None
    body: str


@dataclass(frozen=True)
class ModerationQuery:
    status: str
    limit: int
    before: int | None


Check = Callable[[Any], Any]


def _run(fields: Mapping[str, Any], checks: Mapping[str, Check]) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, check in checks.items():
        try:
            values[name] = check(fields.get(name))
        except FieldProblem as problem:
            problems[name] = str(problem)
    return values, problems


def _checked(fields: Mapping[str, Any], checks: Mapping[str, Check]) -> dict[str, Any]:
    values, problems = _run(fields, checks)
    if problems:
        raise ValidationError(problems)
    return values


def _line(raw: Any, *, max_length: int) -> str | None:
    """One line of text, trimmed; None when blank."""
    value = "" if raw is None else str(raw).strip()
    if len(value) > max_length:
        raise FieldProblem(f"Keep it to {max_length:,} characters (this has {len(value):,}).")
    return value or None


def _required_line(raw: Any, *, max_length: int, missing: str) -> str:
    """One line of text that must be there; `missing` tells the person what to write."""
    value = _line(raw, max_length=max_length)
    if value is None:
        raise FieldProblem(missing)
    return value


def _whole_number(raw: Any, *, low: int, high: int, problem: str) -> int | None:
    """A whole number from low to high, given as a number or as text (forms, query strings); None when blank."""
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > len(str(high)) or not low <= int(text) <= high:
        raise FieldProblem(problem)
    return int(text)


def _optional_id(raw: Any, problem: str) -> int | None:
    return _whole_number(raw, low=1, high=ID_MAX, problem=problem)


def is_page_path(text: str) -> bool:
    """Whether `text` is a clean path on the site: no scheme, host, query, fragment, `//`, `.` or `..`."""
    segments = text.split("/")
    return bool(PAGE_PATH.fullmatch(text)) and "//" not in text and "." not in segments and ".." not in segments


def _check_page(raw: Any) -> str:
    page = _required_line(raw, max_length=PAGE_MAX, missing="Say which page, by its path on the site, like /about/.")
    if not is_page_path(page):
        raise FieldProblem("Use the page's path on the site, like /2024/05/03/clean-air/ "
                           "(no scheme, host, query or fragment).")
    return page


def _check_parent(raw: Any) -> int | None:
    return _optional_id(raw, "Use the id of the comment you are replying to, or leave it out.")


def _check_author(raw: Any) -> str:
    return _required_line(raw, max_length=AUTHOR_MAX, missing="Write the name to show with your comment.")


def _check_email(raw: Any) -> str | None:
    email = _line(raw, max_length=EMAIL_MAX)
    if email is None:
        return None
    try:
        return validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise FieldProblem(f"{error} Or leave it out: it is optional.") from error


def _check_website(raw: Any) -> str | None:
    website = _line(raw, max_length=WEBSITE_MAX)
    if website is None:
        return None
    try:
        parts = urlsplit(website)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in {"http", "https"} or not parts.hostname \
            or any(character.isspace() for character in website):
        raise FieldProblem("Use a full address starting with http:// or https://, or leave it out.")
    return website


def _check_body(raw: Any) -> str:
    body = "" if raw is None else str(raw).rstrip()
    if not body.strip():
        raise FieldProblem("Write your comment.")
    if len(body) > BODY_MAX:
        raise FieldProblem(f"Keep it to {BODY_MAX:,} characters (this has {len(body):,}).")
    return body


def _check_since(raw: Any) -> datetime | None:
    if raw is None or raw == "":
        return None
    text = str(raw).strip()
    for candidate in (text, _plus_restored(text)):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise FieldProblem("Use an ISO 8601 time, like 2024-05-03T10:00:00Z (a comment's `created`).")


def _plus_restored(text: str) -> str:
    """An unencoded `+00:00` offset in a query string arrives as ` 00:00`; put the plus back."""
    head, space, offset = text.rpartition(" ")
    return f"{head}+{offset}" if space and "T" in head else text


NEW_COMMENT_CHECKS: dict[str, Check] = {
    "page": _check_page,
    "parent": _check_parent,
    "author": _check_author,
    "email": _check_email,
    "website": _check_website,
    "body": _check_body,
}
EDIT_CHECKS: dict[str, Check] = {"body": _check_body, "author": _check_author, "website": _check_website}


def validate_new_comment(fields: Mapping[str, Any], replyable_page: Callable[[int], str | None]) -> NewComment:
    """The checked comment; `replyable_page(id)` gives the page of a comment one may reply to, or None."""
    values, problems = _run(fields, NEW_COMMENT_CHECKS)
    parent = values.get("parent")
    if parent is not None and "page" in values and replyable_page(parent) != values["page"]:
        problems["parent"] = f"There is no comment {parent} to reply to on this page."
    if problems:
        raise ValidationError(problems)
    return NewComment(**values)


def validate_edit(fields: Mapping[str, Any]) -> dict[str, str | None]:
    """The changes an author asked for, among body, author and website (a blank website removes it)."""
    checks = {name: check for name, check in EDIT_CHECKS.items() if name in fields}
    if not checks:
        raise ApiError(400, f"Send at least one of {', '.join(EDITABLE_FIELDS)} to change.", code="invalid",
                       fields={name: "Nothing to change." for name in EDITABLE_FIELDS})
    return _checked(fields, checks)


def validate_page_query(args: Mapping[str, Any]) -> tuple[str, datetime | None]:
    """The `page` and optional `since` of `GET /api/comments`."""
    values = _checked(args, {"page": _check_page, "since": _check_since})
    return values["page"], values["since"]


def _check_status_view(raw: Any) -> str:
    status = raw or "pending"
    if status not in MODERATION_VIEWS:
        raise FieldProblem("Use status=pending (waiting for approval) or status=all.")
    return status


def _check_limit(raw: Any) -> int:
    limit = _whole_number(raw, low=1, high=MODERATION_PAGE_MAX,
                          problem=f"Use a whole number from 1 to {MODERATION_PAGE_MAX}.")
    return MODERATION_PAGE_DEFAULT if limit is None else limit


def _check_before(raw: Any) -> int | None:
    return _optional_id(raw, "Use the id of the last comment of the previous page, or leave it out.")


def validate_moderation_query(args: Mapping[str, Any]) -> ModerationQuery:
    """The `status`, `limit` and `before` of the admin's comment list."""
    values = _checked(args, {"status": _check_status_view, "limit": _check_limit, "before": _check_before})
    return ModerationQuery(**values)
