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

from flask import Flask, current_app

PAGES_KEPT = 1024  # the pages read most recently; a page's answer is some kilobytes


@dataclass(frozen=True)
class PageAnswer:
    """A page's comments as the API sends them, and the strong ETag of those bytes."""

    body: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> PageAnswer:
        return cls(body, hashlib.sha1(body).hexdigest())  # werkzeug's add_etag digest, computed once


class PageAnswers:
    """Page answers keyed by page, each valid for one version; the least recently read go first."""

    def __init__(self, size: int = PAGES_KEPT) -> None:
        self.size = size
        self._entries: OrderedDict[str, tuple[int | None, PageAnswer]] = OrderedDict()
        self._lock = threading.Lock()  # gunicorn's threads share one process's answers

    def get(self, page: str, version: int | None) -> PageAnswer | None:
        """The answer kept for `page` if it was made at `version`, else None."""
        with self._lock:
            kept = self._entries.get(page)
            if kept is None or kept[0] != version:
                return None
            self._entries.move_to_end(page)
            return kept[1]

    def put(self, page: str, version: int | None, answer: PageAnswer) -> None:
        with self._lock:
            self._entries[page] = (version, answer)
            self._entries.move_to_end(page)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


def page_answers() -> PageAnswers:
    """The current app's answers (each app its own, so tests and apps never share them)."""
    return current_app.extensions["herald_page_answers"]


def init_app(app: Flask) -> None:
    app.extensions["herald_page_answers"] = PageAnswers()
