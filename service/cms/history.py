"""Who last changed each document through the dashboard, and when: the newest committed edit of each path
(service/cms/models.py). A change made with git directly is not in the service's table and shows no one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import COMMITTED, ContentEdit, ContentEditFile


@dataclass(frozen=True)
class LastChange:
    who: str
    when: datetime | None


def last_changes(session: Session) -> dict[str, LastChange]:
    """Each content path's newest committed edit, by path."""
    newest = (select(ContentEditFile.path, func.max(ContentEdit.id).label("edit_id"))
              .join(ContentEdit, ContentEdit.id == ContentEditFile.edit_id)
              .where(ContentEdit.status == COMMITTED)
              .group_by(ContentEditFile.path).subquery())
    rows = session.execute(select(newest.c.path, ContentEdit.author_name, ContentEdit.finished)
                           .join(ContentEdit, ContentEdit.id == newest.c.edit_id))
    return {path: LastChange(name, finished) for path, name, finished in rows}
