"""What a visitor may post to the board, checked on the shared toolkit in service/fields.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..fields import Check, checked, email, line, text_block, whole_number

TITLE_MAX = 200
AUTHOR_MAX = 100
BODY_MAX = 20_000
PER_PAGE_DEFAULT = 20
PER_PAGE_MAX = 100
PAGE_MAX = 100_000  # far past any real board; keeps the offset a number every database takes

THREAD_FIELDS = ("title", "author", "email", "body")
REPLY_FIELDS = ("author", "email", "body")

POST_CHECKS: dict[str, Check] = {
    "author": line(AUTHOR_MAX, missing="Required."),
    "body": text_block(BODY_MAX, missing="Required."),
    "email": email(),
}
THREAD_CHECKS: dict[str, Check] = {"title": line(TITLE_MAX, missing="Required."), **POST_CHECKS}
PAGINATION_CHECKS: dict[str, Check] = {
    "page": whole_number(1, PAGE_MAX, default=1),
    "per_page": whole_number(1, PER_PAGE_MAX, default=PER_PAGE_DEFAULT),
}


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
    values = checked(fields, THREAD_CHECKS)
    title = values.pop("title")
    return NewThread(title=title, opening=NewPost(**values))


def validate_reply(fields: Mapping[str, Any]) -> NewPost:
    """A reply from the posted fields, or a ValidationError naming every field that is wrong."""
    return NewPost(**checked(fields, POST_CHECKS))


def parse_pagination(args: Mapping[str, str]) -> tuple[int, int]:
    """`page` and `per_page` from a query string, with defaults; a ValidationError when either is no fit."""
    values = checked(args, PAGINATION_CHECKS)
    return values["page"], values["per_page"]
