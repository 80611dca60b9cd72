"""Comments baked into the post pages at build time, so they show without JavaScript and search engines see them,
with the post's copies on Mastodon and Bluesky ("Discuss on ...") and the replies brought home from there.

The build asks the service for every post's approved comments at once, a few at a time with a short timeout.
A service that does not answer costs one warning, never the build: the pages then carry no baked comments,
and the site's script loads them in the browser as it does the comments written after the build.

The build does not take the service's word that its HTML is safe: each comment's and reply's HTML is cleaned
again with the service's own allowlist (`herald_site.visitor_html`), a website that the service's own check
would refuse is not linked, and a network the build does not know is not shown. So a build pointed at a wrong or compromised service publishes no script through them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode
from urllib.error import HTTPError
from urllib.request import Request, urlopen

from flask import Flask, current_app
from werkzeug.test import Client

from herald_site.content import Post
from herald_site.visitor_html import clean_html, web_address_problem

EXTENSION_KEY = "herald_comments"
TIMEOUT_SECONDS = 3.0
WORKERS = 4

NETWORK_NAMES = {"mastodon": "Mastodon", "bluesky": "Bluesky"}  # the networks a post may be syndicated to

CommentFetch = Callable[[str], Any]
"""Takes a page path and returns the service's answer to `GET /api/comments?page=PATH` as parsed JSON, with
its answer to `GET /api/social?page=PATH` under "social" (absent from a service without syndication)."""


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
class SocialCopy:
    """Where the post was published on a network, for "Discuss on ..."."""

    network: str  # as the page names it: "Mastodon", "Bluesky"
    url: str


@dataclass(frozen=True)
class SocialReply:
    """A reply to one of the post's copies, brought home by the service: its network, author, and the original."""

    network: str
    handle: str
    author: str
    url: str
    html: str  # sanitized by the service, and again by the build
    created: datetime


@dataclass(frozen=True)
class PageComments:
    """A page's comment threads, how many comments can be read, the newest `created` for `?since=`, and the
    post's copies on other networks with their replies."""

    threads: tuple[BakedComment, ...]
    count: int
    newest: str | None  # exactly as the service wrote it, so the script can hand it back
    copies: tuple[SocialCopy, ...] = ()
    replies: tuple[SocialReply, ...] = ()


def http_fetch(service_url: str, *, timeout: float = TIMEOUT_SECONDS) -> CommentFetch:
    """A CommentFetch over HTTP to the service at `service_url`."""

    def get(endpoint: str, page: str) -> Any:
        url = f"{service_url.rstrip('/')}/api/{endpoint}?{urlencode({'page': page})}"
        request = Request(url, headers={"Accept": "application/json", "User-Agent": "Herald site build"})
        try:
            with urlopen(request, timeout=timeout) as response:
                return json.load(response)
        except HTTPError as error:
            if endpoint == "social" and error.code == 404:  # a service from before syndication
                return None
            raise CommentsUnavailable(f"GET {url} failed: {error}") from error
        except (OSError, ValueError) as error:  # URLError and timeouts are OSErrors
            raise CommentsUnavailable(f"GET {url} failed: {error}") from error

    def fetch(page: str) -> Any:
        return {**get("comments", page), "social": get("social", page)}

    return fetch


def wsgi_fetch(app: Callable[..., Iterable[bytes]]) -> CommentFetch:
    """A CommentFetch that calls the service's WSGI app in this process (no server needed), as `demo` does."""

    def get(endpoint: str, page: str) -> Any:
        response = Client(app).get(f"/api/{endpoint}", query_string={"page": page})
        if response.status_code != 200:
            raise CommentsUnavailable(f"GET /api/{endpoint}?page={page} answered {response.status}")
        return response.json

    def fetch(page: str) -> Any:
        return {**get("comments", page), "social": get("social", page)}

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
        social = answer.get("social") or {}
        copies = tuple(SocialCopy(NETWORK_NAMES[row["network"]], row["url"]) for row in social.get("copies", ())
                       if row["network"] in NETWORK_NAMES and _linkable(row["url"]))
        social_replies = tuple(
            SocialReply(NETWORK_NAMES[row["network"]], str(row["handle"]), str(row["author"]), row["url"],
                        clean_html(row["html"] or ""), _moment(row["created"]))
            for row in social.get("replies", ()) if row["network"] in NETWORK_NAMES and _linkable(row["url"]))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CommentsUnavailable(f"the service's comments of {page} are not a comment list ({error!r})") from error
    return PageComments(threads, count, newest, copies, social_replies)


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
