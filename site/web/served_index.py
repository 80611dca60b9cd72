"""The site index an app serves: loaded once for a build, reloaded on every content change for `serve`.

`serve` learns of a change from the content walk (`herald_site.content.walk`), the one stat of every content
file that loading makes too, and hands the listing it made to the loading.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from flask import current_app

from herald_site.content import ContentProblems, SiteIndex
from herald_site.content.walk import ContentFiles, scan_content

EXTENSION_KEY = "herald"

Load = Callable[[ContentFiles | None], SiteIndex]
"""Loads the site index, from the content folder's listing when one was made already."""


class SiteContent:
    """Holds the SiteIndex; with `watch`, reloads it when a file under the content folder changed.

    Without `watch`, a failed load raises ContentProblems at once. With it, each request scans the folder and
    raises them until the content is fixed, so the editor sees the problems in the browser instead of a stale
    page. Once a watcher thread scans instead (`follow_watcher`, `herald_site.web.live.watcher`), requests stop
    scanning and a failed load keeps the last good index served, its `problems` shown beside it.
    """

    def __init__(self, content_dir: Path, load: Load, *, watch: bool = False) -> None:
        self.content_dir = content_dir
        self._load = load
        self._scan_per_request = watch
        self._keep_last_good = False
        self._lock = threading.Lock()
        self._seen = ""
        self._index: SiteIndex | None = None
        self._problems: ContentProblems | None = None
        if watch:
            self.update(scan_content(content_dir))
        else:
            self._index = load(None)

    @property
    def index(self) -> SiteIndex:
        if self._scan_per_request:
            self.update(scan_content(self.content_dir))  # a file saved, added or deleted changes the digest
        index, problems = self._index, self._problems
        if index is None or (problems is not None and not self._keep_last_good):
            assert problems is not None, "an index or the problems that kept it from loading"
            raise problems
        return index

    @property
    def problems(self) -> ContentProblems | None:
        """What kept the latest change from loading (the index served is the one before it), or None."""
        return self._problems

    def update(self, files: ContentFiles) -> bool:
        """Load the content again when `files` differ from the listing of the last load; whether it did."""
        with self._lock:
            if (seen := files.digest()) == self._seen:
                return False
            self._seen = seen
            try:
                self._index, self._problems = self._load(files), None
            except ContentProblems as problems:
                self._problems = problems
            return True

    def follow_watcher(self) -> None:
        """A watcher thread calls `update` from now on: requests stop scanning, and keep the last good index."""
        self._scan_per_request = False
        self._keep_last_good = True


def site_content() -> SiteContent:
    content: SiteContent = current_app.extensions[EXTENSION_KEY]
    return content


def current_index() -> SiteIndex:
    """The index of the app handling the current request."""
    return site_content().index
