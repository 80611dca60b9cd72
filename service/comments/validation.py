"""Checking what a visitor sends about comments, on the shared toolkit in service/field_checks.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from herald_site.i18n import N_

from ..field_checks import (Check, checked, collect, database_id, email, iso_datetime, line, site_path, text_block,
                            web_address, whole_number)
from ..http.errors import ApiError, ValidationError
from ..http.phrases import Phrase
from ..moderation import QUEUE_VIEW
from .models import AUTHOR_MAX, BODY_MAX, PAGE_MAX, WEBSITE_MAX

EDITABLE_FIELDS = ("body", "author", "website")
MODERATION_PAGE_MAX = 500
MODERATION_PAGE_DEFAULT = 100


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


PAGE = site_path(PAGE_MAX, missing=N_("Say which page, by its path on the site, like /about/."))
AUTHOR = line(AUTHOR_MAX, missing=N_("Write the name to show with your comment."))
WEBSITE = web_address(WEBSITE_MAX)
BODY = text_block(BODY_MAX, missing=N_("Write your comment."))

NEW_COMMENT_CHECKS: dict[str, Check] = {
    "page": PAGE,
    "parent": database_id(N_("Use the id of the comment you are replying to, or leave it out.")),
    "author": AUTHOR,
    "email": email(),
    "website": WEBSITE,
    "body": BODY,
}
EDIT_CHECKS: dict[str, Check] = {"body": BODY, "author": AUTHOR, "website": WEBSITE}
PAGE_QUERY_CHECKS: dict[str, Check] = {"page": PAGE, "since": iso_datetime}
MODERATION_CHECKS: dict[str, Check] = {
    "status": QUEUE_VIEW,
    "limit": whole_number(1, MODERATION_PAGE_MAX, default=MODERATION_PAGE_DEFAULT),
    "before": database_id(N_("Use the id of the last comment of the previous page, or leave it out.")),
}


def validate_new_comment(fields: Mapping[str, Any], replyable_page: Callable[[int], str | None]) -> NewComment:
    """The checked comment; `replyable_page(id)` gives the page of a comment one may reply to, or None."""
    values, problems = collect(fields, NEW_COMMENT_CHECKS)
    parent = values.get("parent")
    if parent is not None and "page" in values and replyable_page(parent) != values["page"]:
        problems["parent"] = Phrase(N_("There is no comment %(id)s to reply to on this page."), id=str(parent))
    if problems:
        raise ValidationError(problems)
    return NewComment(**values)


def validate_edit(fields: Mapping[str, Any]) -> dict[str, str | None]:
    """The changes an author asked for, among body, author and website (a blank website removes it)."""
    checks = {name: check for name, check in EDIT_CHECKS.items() if name in fields}
    if not checks:
        raise ApiError(400, Phrase(N_("Send at least one of %(fields)s to change."), fields=EDITABLE_FIELDS),
                       code="invalid", fields={name: N_("Nothing to change.") for name in EDITABLE_FIELDS})
    return checked(fields, checks)


def validate_page_query(args: Mapping[str, Any]) -> tuple[str, datetime | None]:
    """The `page` and optional `since` of `GET /api/comments`."""
    values = checked(args, PAGE_QUERY_CHECKS)
    return values["page"], values["since"]


def validate_moderation_query(args: Mapping[str, Any]) -> ModerationQuery:
    """The `status`, `limit` and `before` of the admin's comment list."""
    return ModerationQuery(**checked(args, MODERATION_CHECKS))
