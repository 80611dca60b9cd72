"""Reading the stored edits: the CLI's status, the dashboard's list of saves, who last saved each file, and an
edit's text to give back to its editor after a conflict."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import COMMITTED, ContentEdit, ContentEditFile

LISTED = 200


def list_edits(session: Session, status: str | None = None, *, limit: int = LISTED) -> list[ContentEdit]:
    """Edits newest first, all or those in one state, their files loaded."""
    query = select(ContentEdit).order_by(ContentEdit.id.desc()).limit(limit)
    if status is not None:
        query = query.where(ContentEdit.status == status)
    return list(session.scalars(query))


def get_edit(session: Session, edit_id: int) -> ContentEdit | None:
    """One edit with its files (each path's bytes as the editor saved them), or None."""
    return session.get(ContentEdit, edit_id)


def last_saves_by_path(session: Session) -> dict[str, ContentEdit]:
    """Each content path's newest committed edit made in the dashboard (who saved it last, and when); a path
    changed only through git has none."""
    newest = (select(ContentEditFile.path, func.max(ContentEdit.id).label("edit_id"))
              .join(ContentEdit, ContentEdit.id == ContentEditFile.edit_id)
              .where(ContentEdit.status == COMMITTED).group_by(ContentEditFile.path).subquery())
    rows = session.execute(select(newest.c.path, ContentEdit).join(ContentEdit, ContentEdit.id == newest.c.edit_id))
    return {path: edit for path, edit in rows}
