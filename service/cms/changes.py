"""What a save hands to a content backend, and what a backend answers besides a commit id.

Paths are relative to the site's content folder with forward slashes ("posts/2026-12-07-x.md", "site.yml");
`content_path` refuses any other shape, so no backend ever writes outside the content folder.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class FileChange:
    """One file of a save: its new bytes, or None to delete it."""

    path: str
    content: bytes | None


@dataclass(frozen=True)
class Author:
    """Who made a save: the commit's author (the committer is the service)."""

    name: str
    email: str

    def signature(self) -> str:
        return f"{self.name} <{self.email}>"


class Conflict(Exception):
    """The branch's head holds another version of `path` than the one the editor started from.

    `head` is that version's bytes (None: the file is gone from the branch), for the diff the editor is shown.
    """

    def __init__(self, path: str, head: bytes | None) -> None:
        super().__init__(f"{path} changed on the branch since it was opened")
        self.path = path
        self.head = head


class BackendUnavailable(Exception):
    """The repository could not be reached or did not finish (network, 5xx, 429, a push that failed); worth
    retrying. The message says why in words an editor can pass on."""


class AccessRefused(BackendUnavailable):
    """The repository host refused the service's token (401, 403): a setting to fix. The edit stays queued, so
    nothing is lost, and retries keep failing with this message until the token is right."""


def content_path(path: str) -> str:
    """`path` if it names a file inside the content folder in the agreed shape, else a ValueError saying why."""
    if not path or "\\" in path or "\x00" in path:
        raise ValueError(f"{path!r}: a content path is a relative path with forward slashes")
    pure = PurePosixPath(path)
    if pure.is_absolute() or any(part in {"", ".", ".."} for part in path.split("/")):
        raise ValueError(f"{path!r}: a content path stays inside the content folder (no leading /, no . or ..)")
    if path.split("/")[0] == ".git":
        raise ValueError(f"{path!r}: .git is not content")
    return path


def blob_id(content: bytes) -> str:
    """The git blob id (SHA-1) of `content`, as `git hash-object` computes it."""
    return hashlib.sha1(b"blob %d\x00" % len(content) + content, usedforsecurity=False).hexdigest()
