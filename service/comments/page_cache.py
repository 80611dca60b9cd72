"""The one cache of `GET /api/comments?page=...` answers a process keeps: an entry per page, made at one version.

A page's answer is the same bytes for every reader until one of its comments changes, and changing one raises
the page's version in the database (triggers on `comments`, whoever writes). An entry holds the page's answer
(its body and ETag, which the view sends) and the whole HTTP answers Flask gave to plain reads of it (which
shortcut.py sends again in front of Flask). One rule invalidates both: an entry answers only a read that found
the page at the entry's version, so never another page's answer, never one older than the last commit any
process made. A new version's answer replaces the page's entry, its replays with it. Reading the version before
the comments keeps a race harmless: comments newer than the version they are kept under cost one more read.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field, replace

from flask import Flask, current_app

PAGES_KEPT = 1024  # the pages read most recently; a page's answer is some kilobytes
# Plain reads of one page differ by Origin (none, or the site's) and If-None-Match (none, or an ETag a reader
# holds): a few keys per page. More, from made-up ETags, push out the oldest; none holds a second body.
REPLAYS_PER_PAGE = 8
# Where the view leaves the (page, version) its whole answer was made at, for shortcut.py to keep the replay under.
VERSION_KEY = "herald.page_version"


@dataclass(frozen=True)
class PageAnswer:
    """A page's comments as the API sends them, and the strong ETag of those bytes."""

    body: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> PageAnswer:
        return cls(body, hashlib.sha1(body).hexdigest())  # werkzeug's add_etag digest, computed once


@dataclass(frozen=True)
class Replay:
    """The whole answer Flask gave one plain read of a page: status, headers and body, as every hook made them."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass
class PageEntry:
    version: int | None  # None: the page's comments were never written
    answer: PageAnswer
    replays: dict[Hashable, Replay] = field(default_factory=dict)  # by the read's key (see shortcut.py)


def holds(kept_version: int | None, read_version: object) -> bool:
    """The cache's one rule: what was made at `kept_version` answers a read that found the page at `read_version`
    only when they are the same version."""
    return kept_version == read_version


class PageCache:
    """Each page's entry; the least recently read pages go first. Thread-safe: a process's request threads share it."""

    def __init__(self, size: int = PAGES_KEPT) -> None:
        self.size = size
        self._entries: OrderedDict[str, PageEntry] = OrderedDict()
        # The page each kept replay belongs to, by its key: shortcut.py finds a replay without decoding the query.
        self._page_of: dict[Hashable, str] = {}
        self._lock = threading.Lock()

    def answer(self, page: str, version: int | None) -> PageAnswer | None:
        """The page's kept answer, if it was made at `version`."""
        with self._lock:
            entry = self._read(page)
            return entry.answer if entry is not None and holds(entry.version, version) else None

    def keep(self, page: str, version: int | None, answer: PageAnswer) -> None:
        """Keep the page's answer made at `version`; it replaces the page's entry, replays and all."""
        with self._lock:
            self._drop_replays(self._entries.get(page))
            self._entries[page] = PageEntry(version, answer)
            self._entries.move_to_end(page)
            while len(self._entries) > self.size:
                self._drop_replays(self._entries.popitem(last=False)[1])

    def replay(self, key: Hashable) -> tuple[str, int | None, Replay] | None:
        """The replay kept for `key`, with its page and the version it was made at: the caller reads the page's
        version and sends the replay only when `holds(...)` says so."""
        with self._lock:
            page = self._page_of.get(key)
            entry = None if page is None else self._read(page)
            replay = None if entry is None else entry.replays.get(key)
            if page is None or entry is None or replay is None:
                return None
            return page, entry.version, replay

    def keep_replay(self, page: str, version: int | None, key: Hashable, replay: Replay) -> None:
        """Keep Flask's whole answer to a read under `key`, if the page's entry is still the one made at `version`
        (the view's answer it was made from). A 200 shares the entry's body rather than holding a copy."""
        with self._lock:
            entry = self._entries.get(page)
            if entry is None or not holds(entry.version, version):
                return
            if replay.body == entry.answer.body:
                replay = replace(replay, body=entry.answer.body)
            entry.replays.pop(key, None)
            entry.replays[key] = replay
            self._page_of[key] = page
            while len(entry.replays) > REPLAYS_PER_PAGE:
                oldest = next(iter(entry.replays))
                del entry.replays[oldest]
                del self._page_of[oldest]

    def _drop_replays(self, entry: PageEntry | None) -> None:
        for key in entry.replays if entry is not None else ():
            self._page_of.pop(key, None)

    def _read(self, page: str) -> PageEntry | None:
        entry = self._entries.get(page)
        if entry is not None:
            self._entries.move_to_end(page)
        return entry


def page_cache() -> PageCache:
    """The current app's cache (each app its own, so tests and apps never share it)."""
    return current_app.extensions["herald_page_cache"]


def init_app(app: Flask) -> None:
    app.extensions["herald_page_cache"] = PageCache()
