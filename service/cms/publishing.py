"""One save from the dashboard, done the same way for every page of the Content section: the site's own
check on the changed files within the whole site (herald_site.editing.check_change), then the commit through
the content backend with the signed-in person as its author (service/cms/saving.py), then the audit log's line,
then a notice in words: saved, queued with the reason, or the conflict to resolve.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from herald_site.content.model import Problem
from herald_site.editing import check_change

from ..admin.signin import current_person
from ..audit.store import record
from ..db import database, get_session
from ..http.errors import ApiError
from .app_state import NoContentManager, required_cms_state
from .backends.base import ContentBackend
from .changes import Author, FileChange
from .models import COMMITTED, CONFLICT
from .saving import SaveOutcome, save_changes

SAVED = "Saved. The site rebuilds in a minute."


@dataclass(frozen=True)
class Save:
    """What one save changes (path -> bytes, None deletes), the versions it was made against, and what it says:
    the commit's message, and the audit log's action and target."""

    changes: Mapping[str, bytes | None]
    expected: Mapping[str, str | None]
    message: str
    action: str
    target: str


def backend() -> ContentBackend:
    """The app's content backend; a 404 page saying how to turn the content manager on when it has none."""
    try:
        return required_cms_state().backend
    except NoContentManager as error:
        raise ApiError(404, str(error), code="no_content_manager") from error


def content_folder() -> Path:
    return backend().content_folder()


def problems_of(changes: Mapping[str, bytes | None]) -> list[Problem]:
    """Every problem `build.py check` would find in the whole site with `changes` applied."""
    return list(check_change(content_folder(), changes))


def errors_of(changes: Mapping[str, bytes | None]) -> list[Problem]:
    """The problems of `changes` that refuse a save (warnings are shown and allowed)."""
    return [problem for problem in problems_of(changes) if problem.is_error]


def author() -> tuple[Author, int | None]:
    """The commit's author: the signed-in person (for the admin token, the name and address it signs in as)."""
    person = current_person()
    if person is None:
        raise ApiError(403, "Sign in to change the site's content.")
    return Author(person.name, person.email), person.id


def commit(save: Save, *, as_author: Author | None = None, person_id: int | None = None) -> SaveOutcome:
    """Commit `save` (stored first, so nothing is lost) and write the audit log's line."""
    signed_in, signed_in_id = author()
    outcome = save_changes(database(), [FileChange(path, content) for path, content in save.changes.items()],
                           author=as_author or signed_in, message=save.message, expected=save.expected,
                           person_id=person_id if as_author else signed_in_id)
    session = get_session()
    record(session, save.action, save.target, f"{save.message} — {describe(outcome)}")
    session.commit()
    return outcome


def describe(outcome: SaveOutcome) -> str:
    if outcome.status == COMMITTED:
        return f"committed {(outcome.commit_id or '')[:12]}".strip()
    if outcome.status == CONFLICT and outcome.conflict is not None:
        return f"conflict on {outcome.conflict.path}"
    return f"{outcome.status}: {outcome.error}"


def notice(outcome: SaveOutcome, done: str = SAVED) -> tuple[str, str]:
    """The flash message and its category for an outcome that is not a conflict (that one has its own page):
    `done`, saying what happened, once committed."""
    if outcome.status == COMMITTED:
        return done, "message"
    if outcome.status == "queued":
        return f"Queued: {outcome.error}. It is kept and will be retried; nothing is lost.", "problem"
    return (f"Not saved yet: {outcome.error}. The edit is kept; an admin can retry it with "
            "`flask --app service content retry --all`.", "problem")
