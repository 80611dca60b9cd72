"""What a visitor may post to the board, checked all at once so every problem comes back per field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email

from ..errors import ValidationError

TITLE_MAX = 200
AUTHOR_MAX = 100
BODY_MAX = 20_000
PER_PAGE_DEFAULT = 20
PER_PAGE_MAX = 100
PAGE_MAX = 100_000  # far past any real board; keeps the offset a number every database takes

THREAD_FIELDS = ("title", "author", "email", "body")
REPLY_FIELDS = ("author", "email", "body")


@dataclass(frozen=True)
class NewPost:
    author: str
    body: str
    email: str | None


@dataclass(frozen=True)
class NewThread:
    title: str
    opening: NewPost


def validate_thread(fields: Mapping[str, Any]) -> NewThread:
    """A new thread from the posted fields, or a ValidationError naming every field that is wrong."""
    problems: dict[str, str] = {}
    title = _line(fields, "title", TITLE_MAX, problems)
    opening = _post(fields, problems)
    if problems:
        raise ValidationError(problems)
    return NewThread(title=title, opening=opening)


def validate_reply(fields: Mapping[str, Any]) -> NewPost:
    """A reply from the posted fields, or a ValidationError naming every field that is wrong."""
    problems: dict[str, str] = {}
    post = _post(fields, problems)
    if problems:
        raise ValidationError(problems)
    return post


def parse_pagination(args: Mapping[str, str]) -> tuple[int, int]:
    """`page` and `per_page` from a query string, with defaults; a ValidationError when either is no fit."""
    problems: dict[str, str] = {}
    page = _whole_number(args, "page", 1, PAGE_MAX, problems)
    per_page = _whole_number(args, "per_page", PER_PAGE_DEFAULT, PER_PAGE_MAX, problems)
    if problems:
        raise ValidationError(problems)
    return page, per_page


def _post(fields: Mapping[str, Any], problems: dict[str, str]) -> NewPost:
    return NewPost(
        author=_line(fields, "author", AUTHOR_MAX, problems),
        body=_text(fields, "body", BODY_MAX, problems),
        email=_optional_email(fields, problems),
    )


def _line(fields: Mapping[str, Any], name: str, limit: int, problems: dict[str, str]) -> str:
    """Single-line text (a title, a name): runs of whitespace, newlines included, become one space."""
    return " ".join(_text(fields, name, limit, problems).split())


def _text(fields: Mapping[str, Any], name: str, limit: int, problems: dict[str, str]) -> str:
    raw = fields.get(name)
    value = "" if raw is None else str(raw).strip()
    if not value:
        problems[name] = "Required."
    elif len(value) > limit:
        problems[name] = f"At most {limit} characters, please (this has {len(value)})."
    elif "\x00" in value:
        problems[name] = "Contains a NUL character; remove it."
    return value


def _optional_email(fields: Mapping[str, Any], problems: dict[str, str]) -> str | None:
    raw = fields.get("email")
    value = "" if raw is None else str(raw).strip()
    if not value:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        problems["email"] = str(error)
        return None


def _whole_number(args: Mapping[str, str], name: str, default: int, highest: int,
                  problems: dict[str, str]) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    fits = raw.isascii() and raw.isdigit() and len(raw) <= len(str(highest)) and 1 <= int(raw) <= highest
    if not fits:
        problems[name] = f"Use a whole number from 1 to {highest}."
        return default
    return int(raw)
