"""What the github and gitlab backends share: the mirror of the content folder, the lock, and the commit loop
that checks each expected blob against the branch head and tries again when the branch moves mid-commit."""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..changes import Author, BackendUnavailable, Conflict, FileChange, blob_id, content_path
from ..settings import CmsSettings
from .base import RepositoryLock
from .http_calls import ApiAnswer
from .mirror import Mirror

ROUNDS = 3  # attempts when the branch moves between reading its head and moving it


class BranchMoved(Exception):
    """The branch moved while a commit was being made; the next round reads the new head."""


@dataclass(frozen=True)
class HeadFile:
    """A path at the branch head as the host reports it: its blob id and, when the host has it at hand, bytes."""

    sha: str | None
    content: bytes | None = None


class ApiBackend(ABC):
    """A repository reached through its host's REST API; subclasses speak the host's dialect."""

    host = "the repository host"

    def __init__(self, settings: CmsSettings) -> None:
        assert settings.mirror is not None
        self.settings = settings
        self.mirror = Mirror(settings.mirror)
        self.lock = RepositoryLock(settings.mirror / "lock")

    def content_folder(self) -> Path:
        return self.mirror.folder

    def refresh(self) -> None:
        with self.lock.held(), self._refusals_in_words("reading the branch"):
            self.mirror.sync(self.tree(), self.fetch_blob)

    def blob_id(self, path: str) -> str | None:
        return self.mirror.blob_id(path)

    def read(self, path: str) -> bytes | None:
        return self.mirror.read(path)

    def commit(self, changes: Sequence[FileChange], *, author: Author, message: str,
               expected: Mapping[str, str | None]) -> str:
        for change in changes:
            content_path(change.path)
        with self.lock.held(), self._refusals_in_words("committing"):
            for _ in range(ROUNDS):
                try:
                    commit_id = self._commit_round(changes, author=author, message=message, expected=expected)
                except BranchMoved:
                    continue
                self._mirror_changes(changes)
                return commit_id
        raise BackendUnavailable(f"the branch {self.settings.branch!r} on {self.host} kept moving during "
                                 f"{ROUNDS} attempts")

    @contextlib.contextmanager
    def _refusals_in_words(self, doing: str) -> Iterator[None]:
        """An answer the backend did not expect (a 4xx other than those it handles) as a failure to retry,
        said in words: the edit stays queued and its editor or the admin can read why."""
        try:
            yield
        except ApiAnswer as error:
            raise BackendUnavailable(f"{self.host} refused {doing} ({error})") from error

    def _commit_round(self, changes: Sequence[FileChange], *, author: Author, message: str,
                      expected: Mapping[str, str | None]) -> str:
        head = self.head_commit()
        current = {change.path: self.head_file(change.path, head) for change in changes}
        wanted = {change.path: None if change.content is None else blob_id(change.content) for change in changes}
        if all(current[path].sha == wanted[path] for path in wanted):
            return head  # already on the branch: an earlier attempt whose answer was lost
        for path, found in current.items():
            if found.sha != expected.get(path):
                raise Conflict(path, found.content if found.sha is None or found.content is not None
                               else self.fetch_blob(found.sha))
        return self.make_commit(changes, current, head=head, author=author, message=message)

    def _mirror_changes(self, changes: Sequence[FileChange]) -> None:
        """The mirror takes a save's files at once, so the editor reads what was just committed."""
        for change in changes:
            if change.content is None:
                self.mirror.remove(change.path)
            else:
                self.mirror.store(change.path, blob_id(change.content), change.content)
        self.mirror.save_index()

    def content_entries(self, entries: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
        """A repository's tree (repository path -> (mode, blob id)) cut to the content folder, content paths."""
        prefix = f"{self.settings.content_path}/" if self.settings.content_path else ""
        return {path[len(prefix):]: entry for path, entry in entries.items() if path.startswith(prefix)}

    # What each host implements.

    @abstractmethod
    def tree(self) -> dict[str, tuple[str, str]]:
        """The branch head's content folder: content path -> (mode, blob id)."""

    @abstractmethod
    def fetch_blob(self, sha: str) -> bytes:
        """A blob's bytes."""

    @abstractmethod
    def head_commit(self) -> str:
        """The id of the branch's head commit."""

    @abstractmethod
    def head_file(self, path: str, head: str) -> HeadFile:
        """A content path at commit `head`."""

    @abstractmethod
    def make_commit(self, changes: Sequence[FileChange], current: Mapping[str, HeadFile], *, head: str,
                    author: Author, message: str) -> str:
        """One commit of all `changes` on `head`; BranchMoved when the branch is no longer there."""
