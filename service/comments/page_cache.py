"""The answers to `GET /api/comments?page=...` a process keeps, each with the page's version it was made at.

A page's answer is the same bytes for every reader until one of its comments changes, and changing one raises
the page's version in the database (triggers on `comments`, whoever writes). So a read first asks the database
for the version (one indexed row) and answers from here when it matches: never another page's answer, never
an answer older than the last commit any process made. Reading the version before the comments keeps a race
harmless: comments newer than the version they are kept under only cost one more read.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask import Flask, current_app

PAGES_KEPT = 1024  # the pages read most recently; a page's answer is some kilobytes
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class PageAnswer:
    """A page's comments as the API sends them, and the strong ETag of those bytes."""

    body: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> PageAnswer:
        return cls(body, hashlib.sha1(body).hexdigest())  # werkzeug's add_etag digest, computed once


class VersionedCache(Generic[K, V]):
    """Values each kept with the page version they were made at; the least recently read go first.

    Thread-safe: a process's request threads share its cache. Callers compare the version they read.
    """

    def __init__(self, size: int = PAGES_KEPT) -> None:
        self.size = size
        self._entries: OrderedDict[K, tuple[int | None, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> tuple[int | None, V] | None:
        """The (version, value) kept under `key`, or None."""
        with self._lock:
            kept = self._entries.get(key)
            if kept is not None:
                self._entries.move_to_end(key)
            return kept

    def put(self, key: K, version: int | None, value: V) -> None:
        with self._lock:
            self._entries[key] = (version, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


PageAnswers = VersionedCache[str, PageAnswer]  # by page


def page_answers() -> PageAnswers:
    """The current app's answers (each app its own, so tests and apps never share them)."""
    return current_app.extensions["herald_page_answers"]


def init_app(app: Flask) -> None:
    app.extensions["herald_page_answers"] = PageAnswers()
