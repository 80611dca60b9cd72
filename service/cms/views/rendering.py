"""What every page of the Content section is rendered with, and the few facts of the site they show."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec
from zoneinfo import ZoneInfo

from flask import current_app, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import RequestEntityTooLarge

from herald_site.content.model import ContentError
from herald_site.content.settings import read_settings
from herald_site.editing import DocumentEntry, list_documents

from ...admin.signin import csrf_token, current_person
from ...db import utcnow
from ...http.errors import ValidationError
from ..publishing import content_folder

P = ParamSpec("P")

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")
MEDIA_FOLDER = "media"


def document_entry(path: str) -> DocumentEntry | None:
    """The document as the list shows it, from the branch head: its state ("published", ...) and address."""
    return next((item for item in list_documents(content_folder(), now=utcnow()) if item.path == path), None)


def page(template: str, **context: Any) -> str:
    return render_template(template, csrf_token=csrf_token(), review_on=review_on(), **context)


def review_on() -> bool:
    """Whether an editor's Publish is a submission for review (HERALD_CMS_REVIEW)."""
    return bool(current_app.config.get("HERALD_CMS_REVIEW"))


def publishes_directly() -> bool:
    """Whether the signed-in person's Publish commits at once: always without review, only an admin's with it."""
    person = current_person()
    return not review_on() or (person is not None and person.role == "admin")


def site_timezone(content_dir: Path) -> ZoneInfo:
    """The site's time zone (site.yml's `timezone`), in which a date without an offset is read; UTC when unread."""
    try:
        return read_settings(content_dir).config.timezone
    except ContentError:
        return ZoneInfo("UTC")


def media_files(content_dir: Path) -> list[str]:
    """The pictures in media/, as content paths, for the image picker."""
    folder = content_dir / MEDIA_FOLDER
    if not folder.is_dir():
        return []
    return sorted(f"{MEDIA_FOLDER}/{path.relative_to(folder).as_posix()}" for path in folder.rglob("*")
                  if path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES)


def accepts_up_to(size: int, field: str = "body", message: str | None = None) -> Callable[
        [Callable[P, ResponseReturnValue]], Callable[P, ResponseReturnValue]]:
    """Let a view's post be up to `size` bytes (the service's default is a visitor's comment, 64 KB); more is
    refused at `field` with `message` (else one giving the figure), before the sign-in check reads the form."""

    def decorate(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
        @functools.wraps(view)
        def larger(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
            too_large = ValidationError({field: message or f"This is more than the {size // 1048576} MB one save "
                                                           "takes."})
            if (request.content_length or 0) > size:
                raise too_large  # said before the form is read: nothing is spooled to disk for nothing
            request.max_content_length = size
            request.max_form_memory_size = size
            try:
                return view(*args, **kwargs)
            except RequestEntityTooLarge as error:
                raise too_large from error

        return larger

    return decorate
