"""Plain reads of a page's comments, answered in front of Flask while the page is unchanged.

Every visitor's page asks for its comments, and for an unchanged page Flask's own request handling (contexts,
routing, request hooks, the response object) costs several times the one indexed read that proves the page
unchanged. So a page's first plain read goes through Flask like any request, and its whole answer (status,
headers and body, as Flask and every hook made them) is kept in the page's entry of the page cache
(page_cache.py), under the version the view read; the next identical requests get that answer after the same
version check, for as long as the cache's one rule lets the entry stand.

Only requests whose answer depends on nothing but what the key holds are taken: GET /api/comments?page=...
(and no other parameter, so one page has few keys) without a cookie, credentials, a range header or a
condition other than If-None-Match, from no Origin or the site's own. The Origin (the answer's CORS headers
depend on it) and If-None-Match (a browser revalidating gets Flask's 304 again) are part of the key.
Anything else, and any database error, goes to Flask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from ..db import Database
from ..http.origins import site_origin
from . import store
from .page_cache import VERSION_KEY, PageCache, Replay, holds

PATH = "/api/comments"
UNTAKEN_HEADERS = ("HTTP_COOKIE", "HTTP_AUTHORIZATION", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH",
                   "HTTP_IF_UNMODIFIED_SINCE", "HTTP_IF_RANGE", "HTTP_RANGE")
KEPT_STATUSES = ("200 ", "304 ")  # the page's answer, or "not modified" to a client holding it
Key = tuple[str, str | None, str | None]  # query string, Origin, If-None-Match
UNKNOWN = object()  # the version when the database did not answer: never equal to a kept one

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class PageReadShortcut:
    """WSGI middleware: answers a plain page read from the answer kept for it while the page's version holds."""

    def __init__(self, app: Flask, wsgi_app: WsgiApp) -> None:
        self.wsgi_app = wsgi_app
        self.database: Database = app.extensions["herald_db"]
        self.pages: PageCache = app.extensions["herald_page_cache"]
        with app.app_context():
            self.site_origin = site_origin()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        kept = self.pages.replay(key)
        if kept is not None and holds(kept[1], self._version(kept[0])):
            replay = kept[2]
            start_response(replay.status, list(replay.headers))
            return [replay.body]
        return self._through_flask(key, environ, start_response)

    def _key(self, environ: dict[str, Any]) -> Key | None:
        """(query string, Origin, If-None-Match) of a read this may answer, or None."""
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") != PATH:
            return None
        if any(name in environ for name in UNTAKEN_HEADERS):
            return None
        query = environ.get("QUERY_STRING", "")
        if not query.startswith("page=") or "&" in query or ";" in query:  # no other parameter makes more keys
            return None
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and origin != self.site_origin:
            return None
        return query, origin, environ.get("HTTP_IF_NONE_MATCH")

    def _version(self, page: str) -> object:
        try:
            with self.database.reads.connect() as connection:
                return store.page_version(connection, page)
        except SQLAlchemyError:
            return UNKNOWN  # Flask answers, with the database's 503

    def _through_flask(self, key: Key, environ: dict[str, Any],
                       start_response: StartResponse) -> Iterable[bytes]:
        answered: list[tuple[str, list[tuple[str, str]]]] = []

        def noting(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            answered.append((status, headers))
            return start_response(status, headers, exc_info)

        result = self.wsgi_app(environ, noting)
        made = environ.get(VERSION_KEY)
        if made is None or not answered or not answered[-1][0].startswith(KEPT_STATUSES):
            return result
        try:
            body = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
        page, version = made
        status, headers = answered[-1]
        self.pages.keep_replay(page, version, key, Replay(status, tuple(headers), body))
        return [body]
