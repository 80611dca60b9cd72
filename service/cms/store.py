"""Reading the stored edits: the CLI's status, and the dashboard's list of saves and an edit's text to give back
to its editor after a conflict."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import ContentEdit

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
