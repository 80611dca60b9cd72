"""What a visitor may post to the board, checked on the shared toolkit in service/field_checks.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from herald_site.i18n import N_

from ..field_checks import Check, checked, email, line, text_block
from ..http.paging import requested_page

TITLE_MAX = 200
AUTHOR_MAX = 100
BODY_MAX = 20_000
PER_PAGE_DEFAULT = 20
PER_PAGE_MAX = 100

THREAD_FIELDS = ("title", "author", "email", "body")
REPLY_FIELDS = ("author", "email", "body")

POST_CHECKS: dict[str, Check] = {
    "author": line(AUTHOR_MAX, missing=N_("Required.")),
    "body": text_block(BODY_MAX, missing=N_("Required.")),
    "email": email(),
}
THREAD_CHECKS: dict[str, Check] = {"title": line(TITLE_MAX, missing=N_("Required.")), **POST_CHECKS}


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


def parse_pagination(args: Mapping[str, Any]) -> tuple[int, int]:
    """`page` and `per_page` of a list of threads or posts (see service/http/paging.py)."""
    return requested_page(args, per_page_default=PER_PAGE_DEFAULT, per_page_max=PER_PAGE_MAX)
