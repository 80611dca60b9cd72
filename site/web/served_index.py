"""The site index an app serves: loaded once for a build, reloaded on every content change for `serve`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from flask import current_app

from herald_site.content import ContentProblems, SiteIndex

EXTENSION_KEY = "herald"


def _fingerprint(content_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every content file: changes whenever an editor saves or deletes."""
    files = sorted(path for path in content_dir.rglob("*") if path.is_file())
    return tuple((str(path), path.stat().st_size, path.stat().st_mtime_ns) for path in files)


class SiteContent:
    """Holds the SiteIndex; with `watch`, reloads it when a file under the content folder changed.

    Without `watch`, a failed load raises ContentProblems at once. With it, each request raises them until
    the content is fixed, so the editor sees the problems in the browser instead of a stale page.
    """

    def __init__(self, content_dir: Path, load: Callable[[], SiteIndex], *, watch: bool = False) -> None:
        self.content_dir = content_dir
        self._load = load
        self._watch = watch
        self._lock = threading.Lock()
        self._seen = _fingerprint(content_dir) if watch else ()
        self._state: SiteIndex | ContentProblems = self._try_load() if watch else load()

    @property
    def index(self) -> SiteIndex:
        if self._watch:
            with self._lock:
                seen = _fingerprint(self.content_dir)
                if seen != self._seen:
                    self._seen = seen
                    self._state = self._try_load()
        if isinstance(self._state, ContentProblems):
            raise self._state
        return self._state

    def _try_load(self) -> SiteIndex | ContentProblems:
        try:
            return self._load()
        except ContentProblems as problems:
            return problems


def site_content() -> SiteContent:
    content: SiteContent = current_app.extensions[EXTENSION_KEY]
    return content


def current_index() -> SiteIndex:
    """The index of the app handling the current request."""
    return site_content().index
