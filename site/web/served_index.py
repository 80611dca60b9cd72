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

    Without `watch`, a failed load raises ContentProblems at once. With it, each request raises them until
    the content is fixed, so the editor sees the problems in the browser instead of a stale page.
    """

    def __init__(self, content_dir: Path, load: Load, *, watch: bool = False) -> None:
        self.content_dir = content_dir
        self._load = load
        self._watch = watch
        self._lock = threading.Lock()
        if watch:
            files = scan_content(content_dir)
            self._seen = files.digest()
            self._state: SiteIndex | ContentProblems = self._try_load(files)
        else:
            self._state = load(None)

    @property
    def index(self) -> SiteIndex:
        if self._watch:
            with self._lock:
                files = scan_content(self.content_dir)  # a file saved, added or deleted changes the digest
                if (seen := files.digest()) != self._seen:
                    self._seen = seen
                    self._state = self._try_load(files)
        if isinstance(self._state, ContentProblems):
            raise self._state
        return self._state

    def _try_load(self, files: ContentFiles) -> SiteIndex | ContentProblems:
        try:
            return self._load(files)
        except ContentProblems as problems:
            return problems


def site_content() -> SiteContent:
    content: SiteContent = current_app.extensions[EXTENSION_KEY]
    return content


def current_index() -> SiteIndex:
    """The index of the app handling the current request."""
    return site_content().index
