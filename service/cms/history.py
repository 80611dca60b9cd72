"""Who last changed each document, and when, for the Content list. With the `local` backend, the clone's git
history (service/cms/backends/git_history.py): every commit counts, a change made with git directly too. With
github or gitlab, whose history is behind their APIs, only the newest committed edit from the dashboard
(service/cms/models.py): a change made outside it shows no one. A dashboard edit newer than the history wins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .backends.base import ContentBackend
from .backends.local import LocalBackend
from .models import COMMITTED, ContentEdit, ContentEditFile


@dataclass(frozen=True)
class LastChange:
    who: str
    when: datetime | None


def last_changes(session: Session, backend: ContentBackend) -> dict[str, LastChange]:
    """Each content path's last change, by path."""
    changes = {path: LastChange(commit.author, commit.when)
               for path, commit in (backend.history.last_commits().items()
                                    if isinstance(backend, LocalBackend) else ())}
    for path, change in dashboard_changes(session).items():
        known = changes.get(path)
        if known is None or known.when is None or (change.when is not None and change.when > known.when):
            changes[path] = change
    return changes


def dashboard_changes(session: Session) -> dict[str, LastChange]:
    """Each content path's newest committed edit from the dashboard, by path."""
    newest = (select(ContentEditFile.path, func.max(ContentEdit.id).label("edit_id"))
              .join(ContentEdit, ContentEdit.id == ContentEditFile.edit_id)
              .where(ContentEdit.status == COMMITTED)
              .group_by(ContentEditFile.path).subquery())
    rows = session.execute(select(newest.c.path, ContentEdit.author_name, ContentEdit.finished)
                           .join(ContentEdit, ContentEdit.id == newest.c.edit_id))
    return {path: LastChange(name, finished) for path, name, finished in rows}
