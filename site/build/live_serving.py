"""`build.py serve`: the site's app with drafts, loading through a build cache of its own, with live reload.

Here because it joins the speed-ups (the build cache's loader, which re-reads only the files a save changed)
to the web app, as a build does (`herald_site.build.pipeline`); the web layer knows no cache.
"""

from __future__ import annotations

import fcntl
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, cast

from flask import Flask

from herald_site.build.pipeline import default_cache_dir
from herald_site.content import ContentProblems
from herald_site.speed.cache import BuildCache, open_cache
from herald_site.speed.cached_loading import cached_loader
from herald_site.web.app import create_app
from herald_site.web.live.reload import LIVE_PATH, compile_templates_once, enable_live_reload
from herald_site.web.live.watcher import DEFAULT_INTERVAL, Watcher
from herald_site.web.served_index import EXTENSION_KEY, SiteContent

# Beside the build's own cache, not in it: a build run while `serve` runs would wait for its lock.
SERVE_CACHE = "serve"


def serve_cache_dir(content_dir: Path) -> Path:
    return default_cache_dir(content_dir) / SERVE_CACHE


def in_use(folder: Path) -> bool:
    """Whether another process holds the cache in `folder` (a second `serve` of the same content)."""
    if not folder.is_dir():
        return False
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)  # closing releases the lock, if taken
    return False


class ServedCache:
    """The build cache as `serve` uses it: the renderings the page being served shows are kept.

    A load forgets the rendering of a file's old text once the file changed; a build has no use for it, but
    `serve` keeps showing the last index that loaded while a save breaks the content, and that index's
    documents take their HTML from the cache. Their renderings are forgotten once no served document uses them.
    Everything else is the build cache's own.
    """

    def __init__(self, cache: BuildCache, served: Callable[[], Iterable[str]]) -> None:
        self._cache = cache
        self._served = served  # the source hashes of the documents being served
        self._kept: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cache, name)

    def forget_renderings(self, source_hashes: Iterable[str], *, other_settings: bool = False) -> None:
        served = set(self._served())
        unused = self._kept | set(source_hashes)
        self._kept = unused & served
        self._cache.forget_renderings(unused - served, other_settings=other_settings)


def served_hashes(content: SiteContent) -> set[str]:
    """The source hashes of the documents `content` serves now (none before its first load)."""
    try:
        index = content.index
    except ContentProblems:  # only problems so far
        return set()
    return {document.source_hash for document in (*index.posts, *index.pages)}


def quiet_long_polls(record: logging.LogRecord) -> bool:
    """Werkzeug's request log without the pages' long-polls, one per open tab every 20 s."""
    return f"GET {LIVE_PATH}?" not in record.getMessage()


@contextmanager
def live_site(
    content_dir: Path,
    *,
    report: Callable[[str], None],
    cache_dir: Path | None = None,
    interval: float = DEFAULT_INTERVAL,
) -> Iterator[Flask]:
    """The app `serve` runs, its watcher looking for changes until the block ends.

    A second `serve` of the same content, which would wait for the first one's cache, keeps a cache of its own
    in a temporary folder instead (its first load is then a cold one)."""
    with ExitStack() as stack:
        folder = cache_dir or serve_cache_dir(content_dir)
        if in_use(folder):
            report(f"Another serve uses the cache in {folder}; this one keeps its own until it stops.")
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="herald-serve-cache-")))
        cache = stack.enter_context(open_cache(folder))
        holder: list[SiteContent] = []  # the app's content, once made: the served documents' renderings stay
        served = ServedCache(cache, lambda: served_hashes(holder[0]) if holder else set())
        loader = cached_loader(cast(BuildCache, served), os.cpu_count() or 1, keep=True)
        app = create_app(content_dir, drafts=True, watch=True, loader=loader)
        content: SiteContent = app.extensions[EXTENSION_KEY]
        holder.append(content)
        watcher = Watcher(content, enable_live_reload(app), report=report, interval=interval,
                          forget_templates=compile_templates_once(app))
        logging.getLogger("werkzeug").addFilter(quiet_long_polls)
        watcher.start()
        try:
            yield app
        finally:
            watcher.stop()
            logging.getLogger("werkzeug").removeFilter(quiet_long_polls)
