"""Bluesky through plain HTTP calls to the documented XRPC endpoints (requests).

Why not the `atproto` SDK: it is pre-1.0 with one maintainer and generated models for the whole protocol,
while syndication needs five JSON calls (createSession, uploadBlob, createRecord, getRecord on the account's
PDS; getPostThread on the public AppView) whose shapes the lexicons fix. Bluesky has no idempotency key: a post's record key (rkey) is derived from the
post and the account, so an attempt made again after a crash collides with the first record instead of
duplicating it, and a collision whose record exists is taken as success.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests

from .failures import http_summary
from .remote import USER_AGENT, FetchedReply, NetworkError, RemoteGone, RemotePost
from .settings import Account

POST_COLLECTION = "app.bsky.feed.post"
TEXT_GRAPHEMES = 300  # Bluesky's limit; code points are never fewer than graphemes, so counting them is safe
THUMB_MAX_BYTES = 1_000_000  # the largest blob an external embed's thumbnail may be
REPLIES_MAX = 500
THREAD_DEPTH = 6
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"  # atproto's base32-sortable


@dataclass(frozen=True)
class LinkCard:
    """The external embed under a post: where it leads, its title, description and thumbnail's address."""

    url: str
    title: str
    description: str
    image: str | None


def record_key(published: datetime, seed: int) -> str:
    """A TID (the record key app.bsky.feed.post takes) fixed by the post's time and a seed from post+account:
    53 bits of microseconds, 10 bits of "clock id", written in base32-sortable."""
    value = (int(published.timestamp() * 1_000_000) << 10) | (seed & 0x3FF)
    return "".join(TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


def post_text(title: str, url: str) -> tuple[str, list[dict[str, Any]]]:
    """The post's text (title, blank line, link) and the link's facet, its offsets in UTF-8 bytes."""
    room = TEXT_GRAPHEMES - len(url) - 2
    title = title if len(title) <= room else title[: room - 1].rstrip() + "…"
    prefix = f"{title}\n\n"
    start = len(prefix.encode())
    facet = {"index": {"byteStart": start, "byteEnd": start + len(url.encode())},
             "features": [{"$type": "app.bsky.richtext.facet#link", "uri": url}]}
    return prefix + url, [facet]


class BlueskySession:
    """One signed-in session on the account's PDS (createSession), for one run."""

    def __init__(self, account: Account, *, timeout: float) -> None:
        self.account = account
        self.timeout = timeout
        self.http = requests.Session()
        self.http.headers["User-Agent"] = USER_AGENT
        answer = self._call("POST", "com.atproto.server.createSession",
                            json={"identifier": account.name, "password": account.secret})
        self.did = str(answer["did"])
        self.http.headers["Authorization"] = f"Bearer {answer['accessJwt']}"

    def publish(self, title: str, card: LinkCard, rkey: str) -> RemotePost:
        """Create the post at `rkey`; if a record is there already (an earlier attempt got through), that one."""
        text, facets = post_text(title, card.url)
        external: dict[str, Any] = {"uri": card.url, "title": card.title, "description": card.description}
        thumb = self._thumbnail(card.image)
        if thumb is not None:
            external["thumb"] = thumb
        record = {"$type": POST_COLLECTION, "text": text, "facets": facets,
                  "createdAt": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                  "embed": {"$type": "app.bsky.embed.external", "external": external}}
        try:
            answer = self._call("POST", "com.atproto.repo.createRecord",
                                json={"repo": self.did, "collection": POST_COLLECTION, "rkey": rkey, "record": record})
        except NetworkError:
            if not self._record_exists(rkey):
                raise
            answer = {"uri": f"at://{self.did}/{POST_COLLECTION}/{rkey}"}
        return RemotePost(str(answer["uri"]), f"https://bsky.app/profile/{self.account.name}/post/{rkey}")

    def _thumbnail(self, image: str | None) -> dict[str, Any] | None:
        """The card's picture uploaded as a blob, or None (no picture, or one that cannot be had): decoration."""
        if not image:
            return None
        try:
            response = requests.get(image, timeout=self.timeout, headers={"User-Agent": USER_AGENT})
            response.raise_for_status()
        except requests.RequestException:
            return None
        kind = response.headers.get("Content-Type", "").split(";")[0].strip()
        if not kind.startswith("image/") or len(response.content) > THUMB_MAX_BYTES:
            return None
        answer = self._call("POST", "com.atproto.repo.uploadBlob", data=response.content,
                            headers={"Content-Type": kind})
        return answer["blob"]

    def _record_exists(self, rkey: str) -> bool:
        try:
            self._call("GET", "com.atproto.repo.getRecord",
                       params={"repo": self.did, "collection": POST_COLLECTION, "rkey": rkey})
        except NetworkError:
            return False
        return True

    def _call(self, method: str, name: str, **arguments: Any) -> Any:
        return xrpc(self.http, self.account.server, method, name, timeout=self.timeout, **arguments)


def thread_replies(http: requests.Session, appview: str, uri: str, *, timeout: float) -> list[FetchedReply]:
    """Every reply under the post at `uri`, breadth first, from the public AppView (no session: Bluesky limits
    sign-ins per day, and threads are public); RemoteGone when the post was deleted."""
    try:
        answer = xrpc(http, appview, "GET", "app.bsky.feed.getPostThread", timeout=timeout,
                      params={"uri": uri, "depth": THREAD_DEPTH})
    except _NotFound as error:
        raise RemoteGone(f"{uri} is gone") from error
    found: list[FetchedReply] = []
    pending = list(answer["thread"].get("replies") or ())
    while pending and len(found) < REPLIES_MAX:
        node = pending.pop(0)
        if "post" in node:  # a threadViewPost; a notFoundPost or blockedPost shows nothing
            found.append(_reply(node["post"]))
            pending.extend(node.get("replies") or ())
    return found


def xrpc(http: requests.Session, base: str, method: str, name: str, *, timeout: float, **arguments: Any) -> Any:
    """One XRPC call: its JSON answer, or NetworkError naming the method and XRPC's error name."""
    try:
        response = http.request(method, f"{base}/xrpc/{name}", timeout=timeout, **arguments)
        answer = response.json() if response.content else {}
    except (requests.RequestException, ValueError) as error:
        raise NetworkError(f"Bluesky {name}: {error}") from error
    if response.status_code >= 400:
        problem = answer.get("error") if isinstance(answer, dict) else None
        said = (answer.get("message") if isinstance(answer, dict) else None) or problem
        message = f"Bluesky {name} answered {response.status_code} {problem or ''}".rstrip()
        raise (_NotFound if problem == "NotFound" else NetworkError)(message, http_summary(response.status_code,
                                                                                             said))
    return answer


class _NotFound(NetworkError):
    """XRPC's NotFound error: what getPostThread answers for a deleted post."""


def _reply(post: dict[str, Any]) -> FetchedReply:
    author, record = post["author"], post["record"]
    rkey = str(post["uri"]).rsplit("/", 1)[-1]
    text = html.escape(str(record.get("text") or "")).replace("\n", "<br>")
    created = datetime.fromisoformat(str(record.get("createdAt") or post.get("indexedAt")).replace("Z", "+00:00"))
    return FetchedReply(id=str(post["uri"]), handle=str(author["handle"]),
                        author=str(author.get("displayName") or author["handle"]),
                        url=f"https://bsky.app/profile/{author['handle']}/post/{rkey}",
                        html=f"<p>{text}</p>", created=created if created.tzinfo else created.replace(tzinfo=UTC))
