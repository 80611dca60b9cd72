"""Comments baked into the post pages at build time, so they show without JavaScript and search engines see them.

The build asks the service for every post's approved comments at once, a few at a time with a short timeout.
A service that does not answer costs one warning, never the build: the pages then carry no baked comments,
and the site's script loads them in the browser as it does the comments written after the build.

The build does not take the service's word that its HTML is safe: each comment's HTML is cleaned again with
the service's own allowlist (`herald_site.visitor_html`), and a website that the service's own check would
refuse is not linked. So a build pointed at a wrong or compromised service publishes no script through them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from flask import Flask, current_app
from werkzeug.test import Client

from herald_site.content import Post
from herald_site.visitor_html import clean_html, web_address_problem

EXTENSION_KEY = "herald_comments"
TIMEOUT_SECONDS = 3.0
WORKERS = 4

CommentFetch = Callable[[str], Any]
"""Takes a page path and returns the service's answer to `GET /api/comments?page=PATH` as parsed JSON."""


class CommentsUnavailable(Exception):
    """The service did not answer with a page's comments; the message says where and why."""


@dataclass(frozen=True)
class BakedComment:
    """One comment as the post page shows it; a deleted one keeps only its place for its replies."""

    id: int
    author: str | None
    website: str | None
    html: str  # sanitized by the service, and again by the build
    created: datetime
    edited: bool
    deleted: bool
    replies: tuple[BakedComment, ...]


@dataclass(frozen=True)
class PageComments:
    """A page's comment threads, how many comments can be read, and the newest `created` for `?since=`."""

    threads: tuple[BakedComment, ...]
    count: int
    newest: str | None  # exactly as the service wrote it, so the script can hand it back


def http_fetch(service_url: str, *, timeout: float = TIMEOUT_SECONDS) -> CommentFetch:
    """A CommentFetch over HTTP to the service at `service_url`."""

    def fetch(page: str) -> Any:
        url = f"{service_url.rstrip('/')}/api/comments?{urlencode({'page': page})}"
        request = Request(url, headers={"Accept": "application/json", "User-Agent": "Herald site build"})
        try:
            with urlopen(request, timeout=timeout) as response:
                return json.load(response)
        except (OSError, ValueError) as error:  # URLError, HTTPError and timeouts are OSErrors
            raise CommentsUnavailable(f"GET {url} failed: {error}") from error

    return fetch


def wsgi_fetch(app: Callable[..., Iterable[bytes]]) -> CommentFetch:
    """A CommentFetch that calls the service's WSGI app in this process (no server needed), as `demo` does."""

    def fetch(page: str) -> Any:
        response = Client(app).get("/api/comments", query_string={"page": page})
        if response.status_code != 200:
            raise CommentsUnavailable(f"GET /api/comments?page={page} answered {response.status}")
        return response.json

    return fetch


def fetch_comments(fetch: CommentFetch, pages: Iterable[str], *, workers: int = WORKERS) -> dict[str, PageComments]:
    """Every page's comments, fetched concurrently; raises CommentsUnavailable at the first page that fails."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="herald-comments") as pool:
        futures = {page: pool.submit(fetch, page) for page in pages}
        try:
            return {page: page_comments(page, future.result()) for page, future in futures.items()}
        except CommentsUnavailable:
            pool.shutdown(cancel_futures=True)
            raise


def page_comments(page: str, answer: Any) -> PageComments:
    """The threads of one page from the service's flat, oldest-first list (replies point to `parent`)."""
    try:
        rows = answer["comments"]
        replies: dict[int | None, list[Mapping[str, Any]]] = {}
        for row in rows:
            replies.setdefault(row["parent"], []).append(row)

        def build(row: Mapping[str, Any]) -> BakedComment:
            return BakedComment(
                id=int(row["id"]), author=row["author"], website=_linkable(row.get("website")),
                html=clean_html(row["html"] or ""),
                created=_moment(row["created"]), edited=bool(row.get("edited")), deleted=bool(row.get("deleted")),
                replies=tuple(build(reply) for reply in replies.get(row["id"], ())),
            )

        threads = tuple(build(row) for row in replies.get(None, ()))
        newest = max((row["created"] for row in rows), key=_moment, default=None)
        count = sum(not row.get("deleted") for row in rows)
    except (KeyError, TypeError, ValueError) as error:
        raise CommentsUnavailable(f"the service's comments of {page} are not a comment list ({error!r})") from error
    return PageComments(threads, count, newest)


def _linkable(website: str | None) -> str | None:
    """The comment's website if the service's own check accepts it (http or https, a host), else None."""
    if not website or web_address_problem(website):
        return None
    return website


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def attach_comments(app: Flask, baked: dict[str, PageComments]) -> None:
    """Give the app's templates `page_comments(post)`, answering from comments fetched before."""
    app.extensions[EXTENSION_KEY] = baked
    app.add_template_global(baked_comments, "page_comments")


def baked_comments(post: Post) -> PageComments | None:
    """The comments baked for `post`, or None when the build baked none (the script then loads them)."""
    baked: dict[str, PageComments] = current_app.extensions.get(EXTENSION_KEY, {})
    return baked.get(post.url_path)
