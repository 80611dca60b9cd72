"""Saving content: an edit is stored in the database first, then committed through the content backend.

`save_changes` is what the dashboard calls; `retry_due` is the one retry run the background worker and
`flask --app service content retry` share. Either way one attempt ends as committed (the commit's id), conflict
(the branch changed under the edit: the path and a unified diff, the edit kept so its text can be given back),
or queued again with the reason in words and a later attempt (backoff from service/queue.py).
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..db import Database, utcnow
from ..queue import SENDING, RetryPolicy, claim_next, finish, record_failure
from .app_state import required_cms_state
from .backends.base import ContentBackend
from .changes import Author, BackendUnavailable, Conflict, FileChange, content_path
from .models import COMMITTED, CONFLICT, ContentEdit, ContentEditFile

log = logging.getLogger(__name__)
CLAIM_LEASE = timedelta(minutes=15)  # an attempt older than this died with its process; git times out sooner
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class ConflictReport:
    """The file that changed on the branch under an edit, and how the branch's version differs from the editor's."""

    path: str
    diff: str


@dataclass(frozen=True)
class SaveOutcome:
    """What one attempt at one edit came to. `status` is committed, conflict, queued or failed."""

    edit_id: int
    status: str
    attempts: int
    commit_id: str | None = None
    conflict: ConflictReport | None = None
    error: str | None = None  # why the edit is still queued (or failed), in words


def save_changes(db: Database, changes: Sequence[FileChange], *, author: Author, message: str,
                 expected: Mapping[str, str | None], person_id: int | None = None,
                 backend: ContentBackend | None = None, policy: RetryPolicy | None = None,
                 clock: Clock = utcnow) -> SaveOutcome:
    """Store the edit (committed to the database before the repository is asked), then commit it through
    the backend (the current app's unless given). A ValueError says what is wrong with the save (no change, no
    message, a path twice or not a content path), and nothing is stored then; NoContentManager when the app has
    no backend. `expected` maps each path to the blob id the editor started from; a path left out is expected
    not to exist."""
    if backend is None or policy is None:
        state = required_cms_state()
        backend, policy = backend or state.backend, policy or state.settings.retry
    if not changes:
        raise ValueError("a save changes at least one file")
    if not message.strip():
        raise ValueError("a save needs a message saying what changed")
    for change in changes:
        content_path(change.path)
    if len({change.path for change in changes}) < len(changes):
        raise ValueError("a save names each path once")
    now = clock()
    with db.session() as session:
        edit = ContentEdit(author_name=author.name, author_email=author.email, person_id=person_id,
                           message=message, status=SENDING, attempts=1, claimed_at=now, next_attempt_at=now,
                           created=now,
                           files=[ContentEditFile(position=position, path=change.path, content=change.content,
                                                  expected_blob=expected.get(change.path))
                                  for position, change in enumerate(changes)])
        session.add(edit)
        session.flush()
        work = _Work.of(edit)
    return _attempt(db, backend, work, policy=policy, clock=clock)


def retry_due(db: Database, backend: ContentBackend, policy: RetryPolicy, *, only_ids: Collection[int] | None = None,
              clock: Clock = utcnow) -> list[SaveOutcome]:
    """Attempt every edit due now (or only those of `only_ids` that are due), each once in this run."""
    started = clock()
    outcomes = []
    while True:
        now = clock()
        with db.session() as session:
            edit = claim_next(session, ContentEdit, now=now, due_before=started, stale_before=now - CLAIM_LEASE,
                              only_ids=only_ids)
            if edit is None:
                return outcomes
            work = _Work.of(edit)
        outcomes.append(_attempt(db, backend, work, policy=policy, clock=clock))


@dataclass(frozen=True)
class _Work:
    """An edit as one attempt needs it, read while its session was open (the attempt runs without one)."""

    edit: ContentEdit
    changes: list[FileChange]
    expected: dict[str, str | None]

    @classmethod
    def of(cls, edit: ContentEdit) -> _Work:
        files = list(edit.files)
        return cls(edit, [FileChange(file.path, file.content) for file in files],
                   {file.path: file.expected_blob for file in files})


def _attempt(db: Database, backend: ContentBackend, work: _Work, *, policy: RetryPolicy,
             clock: Clock) -> SaveOutcome:
    edit, changes = work.edit, work.changes
    try:
        commit_id = backend.commit(changes, author=Author(edit.author_name, edit.author_email),
                                   message=edit.message, expected=work.expected)
    except Conflict as conflict:
        mine = next((change.content for change in changes if change.path == conflict.path), None)
        report = ConflictReport(conflict.path, unified_diff(conflict.path, conflict.head, mine))
        with db.session() as session:
            finish(session, ContentEdit, edit.id, status=CONFLICT, conflict_path=report.path,
                   conflict_diff=report.diff, finished=clock())
        return SaveOutcome(edit.id, CONFLICT, edit.attempts, conflict=report)
    except Exception as error:  # whatever goes wrong leaves the edit queued with the reason, never lost
        reason = str(error) if isinstance(error, BackendUnavailable) else f"{type(error).__name__}: {error}"
        if not isinstance(error, BackendUnavailable):
            log.exception("content edit %s: unexpected failure; kept queued", edit.id)
        with db.session() as session:
            status = record_failure(session, edit, reason, now=clock(), policy=policy)
        return SaveOutcome(edit.id, status, edit.attempts, error=reason)
    with db.session() as session:
        finish(session, ContentEdit, edit.id, status=COMMITTED, commit_id=commit_id, last_error=None,
               finished=clock())
    return SaveOutcome(edit.id, COMMITTED, edit.attempts, commit_id=commit_id)


def unified_diff(path: str, head: bytes | None, mine: bytes | None) -> str:
    """How the branch's version of `path` differs from the editor's, as a unified diff with plain labels."""
    if _binary(head) or _binary(mine):
        return f"Binary file {path}: the branch holds another version than the one you started from.\n"
    lines = difflib.unified_diff(_lines(head), _lines(mine), fromfile=f"{path} (on the branch now)",
                                 tofile=f"{path} (your version)")
    return "".join(line if line.endswith("\n") else f"{line}\n" for line in lines)


def _binary(content: bytes | None) -> bool:
    if content is None:
        return False
    try:
        content.decode()
    except UnicodeDecodeError:
        return True
    return b"\x00" in content


def _lines(content: bytes | None) -> list[str]:
    return [] if content is None else content.decode().splitlines(keepends=True)


