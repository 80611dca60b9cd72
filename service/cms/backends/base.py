"""What every content backend offers (the contract the dashboard and saving.py use), and the lock that keeps
one backend's repository work in one hand at a time, across threads and across the service's processes."""

from __future__ import annotations

import contextlib
import fcntl
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from ..changes import Author, FileChange


class ContentBackend(Protocol):
    """A site's repository as the content manager sees it: its branch head's content folder, and commits to it."""

    def content_folder(self) -> Path:
        """A local folder holding the branch head's content folder (as of the last refresh)."""

    def refresh(self) -> None:
        """Bring content_folder() up to the branch's head; BackendUnavailable when the host cannot be reached
        (the folder then keeps what it last had)."""

    def blob_id(self, path: str) -> str | None:
        """The git blob id of a content path at the branch head (as of the last refresh), None when absent."""

    def read(self, path: str) -> bytes | None:
        """A content path's bytes at the branch head (as of the last refresh), None when absent."""

    def commit(self, changes: Sequence[FileChange], *, author: Author, message: str,
               expected: Mapping[str, str | None]) -> str:
        """Commit `changes` as one commit by `author` and return its id.

        `expected` maps content paths to the blob id the editor started from (None: the file did not exist);
        a path whose head blob differs raises Conflict. A change already on the branch (an attempt retried after
        its answer was lost) is no conflict: its commit's id is returned. BackendUnavailable: try again later.
        """


class RepositoryLock:
    """A lock held for a backend's git work: a thread lock in this process, then an fcntl lock on `path` so two
    service processes never interleave their fetches, commits and pushes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread_lock = threading.Lock()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self._thread_lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a") as lock_file:
                fcntl.flock(lock_file, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(lock_file, fcntl.LOCK_UN)


def read_file(folder: Path, path: str) -> bytes | None:
    """A content path's bytes in a local content folder, None when there is no such regular file."""
    target = folder / path
    if target.is_symlink() or not target.is_file():
        return None
    return target.read_bytes()
