"""Who last changed each content file, read from the local clone's history: one `git log` over the content
folder, newest first, the first commit seen for a path being its last change, so a file edited with git directly
shows its author too. The answer is kept per branch head: a list while nothing was committed runs one
`git rev-parse` and no log."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from .git_command import Git

RECORD = "\x1e"  # starts each commit's line in the log: no file name or author name holds it
FIELD = "\x1f"


@dataclass(frozen=True)
class FileCommit:
    """The newest commit touching a file: its author's name and date."""

    author: str
    when: datetime


class FileHistory:
    """The last commit of every file under the content folder on `branch`, cached per head commit id."""

    def __init__(self, git: Git, branch: str, content_path: str) -> None:
        self.git = git
        self.branch = branch
        self.content_path = content_path
        self._lock = threading.Lock()
        self._cached: tuple[str, dict[str, FileCommit]] | None = None

    def last_commits(self) -> dict[str, FileCommit]:
        """Content path -> its newest commit; empty when the branch has no commit yet."""
        head = self.git.run("rev-parse", "--verify", "--quiet", self.branch, check=False).strip()
        if not head:
            return {}
        with self._lock:
            if self._cached is None or self._cached[0] != head:
                self._cached = (head, self._read(head))
            return self._cached[1]

    def _read(self, head: str) -> dict[str, FileCommit]:
        output = self.git.run("-c", "core.quotePath=false", "log", "--no-renames", "--name-only",
                              f"--format={RECORD}%an{FIELD}%aI", head, "--", self.content_path or ".")
        prefix = f"{self.content_path}/" if self.content_path else ""
        found: dict[str, FileCommit] = {}
        for record in output.split(RECORD)[1:]:
            header, *paths = record.splitlines()
            author, _, date = header.partition(FIELD)
            commit = FileCommit(author, datetime.fromisoformat(date))
            for path in paths:
                if path and path.startswith(prefix):
                    found.setdefault(path[len(prefix):], commit)
        return found
