"""The Content section's list: every post and page with its state, date, address and last change, searched,
filtered by kind, state and tag, and paged; and the editor's script and styles."""

from __future__ import annotations

from math import ceil
from pathlib import Path
from typing import Any

from flask import request, send_from_directory
from flask.typing import ResponseReturnValue

from herald_site.editing import DocumentEntry, list_documents

from ...admin.signin import role_required
from ...db import get_session, utcnow
from ...field_checks import checked, choice, line, whole_number
from ...http.error_answers import renders_html
from ...http.errors import ValidationError
from .. import reviews
from ..history import last_changes
from ..publishing import backend, content_folder
from . import bp
from .rendering import page

PER_PAGE = 25
STATES = ("draft", "scheduled", "published", "review")
STATIC_FOLDER = Path(__file__).resolve().parents[2] / "static"
LIST_QUERY = {"q": line(200), "kind": choice(("post", "page"), optional=True),
              "state": choice(STATES, optional=True), "tag": line(200),
              "page": whole_number(1, 100_000, default=1)}


@bp.get("/admin/content/")
@renders_html
@role_required("content")
def content_list() -> ResponseReturnValue:
    try:
        query = checked(request.args, LIST_QUERY)
        problems: dict[str, str] = {}
    except ValidationError as error:
        query, problems = checked({}, LIST_QUERY), error.fields
    session = get_session()
    entries = list_documents(content_folder(), now=utcnow())
    waiting = reviews.pending_paths(session)
    shown = [entry for entry in entries if _matches(entry, query, waiting)]
    pages = max(1, ceil(len(shown) / PER_PAGE))
    number = min(query["page"], pages)
    return page("admin/content_list.html", entries=shown[(number - 1) * PER_PAGE:number * PER_PAGE],
                total=len(shown), every=len(entries), page_number=number, pages=pages, query=query,
                problems=problems, waiting=waiting, changes=last_changes(session, backend()),
                tags=sorted({tag for entry in entries for tag in entry.tags}, key=str.casefold),
                pending_reviews=len(waiting))


def _matches(entry: DocumentEntry, query: dict[str, Any], waiting: set[str]) -> bool:
    if query["kind"] and entry.kind != query["kind"]:
        return False
    if query["state"] == "review":
        if entry.path not in waiting:
            return False
    elif query["state"] and entry.state != query["state"]:
        return False
    if query["tag"] and query["tag"].casefold() not in {tag.casefold() for tag in entry.tags}:
        return False
    words = (query["q"] or "").casefold().split()
    haystack = f"{entry.title} {entry.path} {entry.url}".casefold()
    return all(word in haystack for word in words)


@bp.get("/admin/content/content-editor.js")
@role_required("content")
def editor_script() -> ResponseReturnValue:
    """The editor's script, a file as the CSP wants it (no inline script on any page). Like everything under
    /admin/ it is for those signed in who may edit (only the editor's page loads it), so no shared cache keeps it."""
    response = send_from_directory(STATIC_FOLDER, "content-editor.js", max_age=3600)
    response.cache_control.public = False
    response.cache_control.private = True
    return response
