"""The local copy of the branch's content folder that the github and gitlab backends keep, synced through the
host's API: only blobs whose id changed are fetched, each checked against its id, and nothing is written
outside the mirror (no `..`, no absolute path, no link, no submodule)."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from ..changes import BackendUnavailable, blob_id, content_path
from .base import read_file

log = logging.getLogger(__name__)
REGULAR_MODES = {"100644", "100755"}  # a link (120000) or a submodule (160000) is never mirrored
INDEX_NAME = "index.json"


class Mirror:
    """`root/content` holds the files; `root/index.json` maps each content path to its blob id."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "content"
        self.index_file = root / INDEX_NAME
        self.folder.mkdir(parents=True, exist_ok=True)
        self.blobs: dict[str, str] = self._read_index()

    def blob_id(self, path: str) -> str | None:
        return self.blobs.get(content_path(path))

    def read(self, path: str) -> bytes | None:
        return read_file(self.folder, content_path(path)) if content_path(path) in self.blobs else None

    def sync(self, entries: Mapping[str, tuple[str, str]], fetch: Callable[[str], bytes]) -> None:
        """Make the mirror hold `entries` (content path -> (mode, blob id)), fetching each changed blob."""
        wanted = {}
        for path, (mode, sha) in entries.items():
            try:
                content_path(path)
            except ValueError:
                log.warning("content mirror: %r skipped: not a path inside the content folder", path)
                continue
            if mode not in REGULAR_MODES:
                log.warning("content mirror: %s skipped: a link or submodule (mode %s)", path, mode)
                continue
            wanted[path] = sha
        for path, sha in wanted.items():
            if self.blobs.get(path) != sha or not (self.folder / path).is_file():
                self.store(path, sha, fetch(sha))
        for path in set(self.blobs) - set(wanted):
            self.remove(path)
        self._write_index()

    def store(self, path: str, sha: str, content: bytes) -> None:
        """Write one file after checking that its bytes are the blob named."""
        if blob_id(content) != sha:
            raise BackendUnavailable(f"the blob of {path} did not match its id {sha}; the mirror was left as it was")
        target = self._inside(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as temporary:
            temporary.write(content)
        os.replace(temporary.name, target)
        self.blobs[path] = sha

    def remove(self, path: str) -> None:
        self._inside(path).unlink(missing_ok=True)
        self.blobs.pop(path, None)

    def save_index(self) -> None:
        self._write_index()

    def _inside(self, path: str) -> Path:
        target = self.folder / content_path(path)
        parent = target.parent.resolve()
        if not parent.is_relative_to(self.folder.resolve()) or target.is_symlink():
            raise BackendUnavailable(f"{path} would be written outside the content mirror; refused")
        return target

    def _read_index(self) -> dict[str, str]:
        try:
            loaded = json.loads(self.index_file.read_text())
        except (OSError, ValueError):
            return {}
        return {str(path): str(sha) for path, sha in loaded.items()} if isinstance(loaded, dict) else {}

    def _write_index(self) -> None:
        temporary = self.index_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.blobs, sort_keys=True))
        os.replace(temporary, self.index_file)
