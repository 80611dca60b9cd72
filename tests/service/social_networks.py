"""Mastodon and Bluesky as small servers on loopback: the documented endpoints syndication calls, each request's
shape checked (bearer token, Idempotency-Key, JSON bodies, facets, the blob's content type), and the site's feed
and a cover picture beside them. What a check refuses goes to `problems`, which each test expects empty."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.service.loopback_http import LoopbackHttpServer

MASTODON_TOKEN = "mastodon-token-for-tests"
BLUESKY_HANDLE = "cleanair.bsky.social"
BLUESKY_PASSWORD = "abcd-efgh-ijkl-mnop"
BLUESKY_DID = "did:plc:cleanairtests"
ACCESS_JWT = "bluesky-access-jwt"
COVER_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@dataclass
class FeedEntry:
    path: str
    title: str
    published: datetime
    image: bool = False


@dataclass
class Networks:
    """The state both fake networks keep, which tests read and change."""

    origin: str = ""
    feed: list[FeedEntry] = field(default_factory=list)
    statuses: dict[str, dict[str, Any]] = field(default_factory=dict)  # Mastodon status id -> its form
    keys: dict[str, str] = field(default_factory=dict)  # Idempotency-Key -> status id
    mastodon_replies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # rkey -> record
    blobs: list[tuple[str, bytes]] = field(default_factory=list)
    bluesky_replies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # rkey -> thread replies
    sessions: int = 0  # Bluesky sign-ins (createSession), which Bluesky limits per day
    failing: bool = False  # answer every network call with failing_status and failing_answer
    failing_status: int = 503
    failing_answer: dict[str, str] = field(default_factory=lambda: {"error": "Unavailable"})
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def atom(self) -> bytes:
        entries = "".join(
            f"<entry><id>{self.origin}{entry.path}</id><title>{entry.title}</title>"
            f'<link rel="alternate" href="{self.origin}{entry.path}"/>'
            + (f'<link rel="enclosure" type="image/png" href="{self.origin}/cover.png"/>' if entry.image else "")
            + f"<published>{entry.published.isoformat()}</published><updated>{entry.published.isoformat()}</updated>"
            f"<summary>About {entry.title}</summary></entry>"
            for entry in self.feed)
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<id>{self.origin}/</id><title>Clean Air Now</title><updated>2026-01-01T00:00:00Z</updated>"
                f"{entries}</feed>").encode()


class Handler(BaseHTTPRequestHandler):
    networks: Networks

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        if url.path == "/atom.xml":
            return self._send(200, self.networks.atom(), "application/atom+xml")
        if url.path == "/cover.png":
            return self._send(200, COVER_PNG, "image/png")
        if any(entry.path == url.path for entry in self.networks.feed):  # the post's page, as item 1's head has it
            return self._send(200, b'<!doctype html><html><head><meta property="og:image" content="/cover.png">'
                              b"</head><body>...</body></html>", "text/html; charset=utf-8")
        if self.networks.failing:
            return self._json(self.networks.failing_status, self.networks.failing_answer)
        if url.path.startswith("/api/v1/statuses/") and url.path.endswith("/context"):
            return self._context(url.path.split("/")[4])
        if url.path == "/xrpc/com.atproto.repo.getRecord":
            return self._get_record(query)
        if url.path == "/xrpc/app.bsky.feed.getPostThread":
            return self._thread(query)
        self._json(404, {"error": "NotFound"})

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.networks.failing:
            return self._json(self.networks.failing_status, self.networks.failing_answer)
        routes = {"/api/v1/statuses": self._post_status, "/xrpc/com.atproto.server.createSession": self._session,
                  "/xrpc/com.atproto.repo.uploadBlob": self._upload, "/xrpc/com.atproto.repo.createRecord": self._create}
        route = routes.get(urlsplit(self.path).path)
        if route is None:
            return self._json(404, {"error": "NotFound"})
        with self.networks.lock:
            route(body)

    # Mastodon

    def _post_status(self, body: bytes) -> None:
        self._bearer(MASTODON_TOKEN)
        key = self.headers.get("Idempotency-Key")
        if not key:
            self._problem("POST /api/v1/statuses without an Idempotency-Key")
        kind = self.headers.get("Content-Type", "")
        form = json.loads(body) if kind.startswith("application/json") else {
            name: values[0] for name, values in parse_qs(body.decode()).items()}
        if not form.get("status") or form.get("visibility") != "public":
            self._problem(f"status form {form!r}")
        if key in self.networks.keys:  # Mastodon answers a repeated key with the first status
            status_id = self.networks.keys[key]
        else:
            status_id = str(100 + len(self.networks.statuses))
            self.networks.statuses[status_id] = form
            self.networks.keys[key or status_id] = status_id
        self._json(200, self._status(status_id, form["status"]))

    def _status(self, status_id: str, content: str, account: str = "cleanair") -> dict[str, Any]:
        host = urlsplit(self.networks.origin).netloc
        return {"id": status_id, "uri": f"{self.networks.origin}/users/{account}/statuses/{status_id}",
                "url": f"{self.networks.origin}/@{account}/{status_id}", "content": content,
                "created_at": "2026-03-01T12:00:00.000Z", "visibility": "public", "in_reply_to_id": None,
                "account": {"id": "1", "acct": f"{account}@{host}", "username": account, "display_name": account,
                            "url": f"{self.networks.origin}/@{account}"}}

    def _context(self, status_id: str) -> None:
        self._bearer(MASTODON_TOKEN)
        if status_id not in self.networks.statuses:
            return self._json(404, {"error": "Record not found"})
        replies = self.networks.mastodon_replies.get(status_id, [])
        self._json(200, {"ancestors": [], "descendants": [
            {**self._status(reply["id"], reply["content"], reply["account"]), "in_reply_to_id": status_id}
            for reply in replies]})

    # Bluesky

    def _session(self, body: bytes) -> None:
        form = self._json_body(body)
        if form != {"identifier": BLUESKY_HANDLE, "password": BLUESKY_PASSWORD}:
            self._problem(f"createSession with {form!r}")
            return self._json(401, {"error": "AuthenticationRequired"})
        self.networks.sessions += 1
        self._json(200, {"did": BLUESKY_DID, "handle": BLUESKY_HANDLE, "accessJwt": ACCESS_JWT,
                         "refreshJwt": "refresh"})

    def _upload(self, body: bytes) -> None:
        self._bearer(ACCESS_JWT)
        kind = self.headers.get("Content-Type", "")
        if kind != "image/png" or body != COVER_PNG:
            self._problem(f"uploadBlob of {kind} ({len(body)} bytes)")
        self.networks.blobs.append((kind, body))
        self._json(200, {"blob": {"$type": "blob", "ref": {"$link": "bafkreicover"}, "mimeType": kind,
                                  "size": len(body)}})

    def _create(self, body: bytes) -> None:
        self._bearer(ACCESS_JWT)
        form = self._json_body(body)
        rkey = form.get("rkey")
        if form.get("repo") != BLUESKY_DID or form.get("collection") != "app.bsky.feed.post" or not rkey:
            self._problem(f"createRecord {form!r}")
        record = form.get("record") or {}
        if record.get("$type") != "app.bsky.feed.post" or not record.get("createdAt"):
            self._problem(f"record {record!r}")
        if rkey in self.networks.records:
            return self._json(400, {"error": "InvalidRequest", "message": "Record already exists"})
        self.networks.records[rkey] = record
        self._json(200, {"uri": f"at://{BLUESKY_DID}/app.bsky.feed.post/{rkey}", "cid": "bafyrecord"})

    def _get_record(self, query: dict[str, str]) -> None:
        rkey = query.get("rkey", "")
        if rkey not in self.networks.records:
            return self._json(400, {"error": "RecordNotFound"})
        self._json(200, {"uri": f"at://{BLUESKY_DID}/app.bsky.feed.post/{rkey}", "value": self.networks.records[rkey]})

    def _thread(self, query: dict[str, str]) -> None:
        if "Authorization" in self.headers:  # the public AppView: read without signing in
            self._problem("getPostThread sent credentials to the public AppView")
        rkey = query.get("uri", "").rsplit("/", 1)[-1]
        if rkey not in self.networks.records:
            return self._json(400, {"error": "NotFound", "message": "Post not found"})
        replies = [{"$type": "app.bsky.feed.defs#threadViewPost", "post": {
            "uri": f"at://did:plc:{reply['handle'].split('.')[0]}/app.bsky.feed.post/{reply['rkey']}", "cid": "c",
            "author": {"did": "did:plc:x", "handle": reply["handle"], "displayName": reply["handle"]},
            "record": {"$type": "app.bsky.feed.post", "text": reply["text"], "createdAt": "2026-03-01T13:00:00Z"},
            "indexedAt": "2026-03-01T13:00:01Z"}, "replies": []}
            for reply in self.networks.bluesky_replies.get(rkey, [])]
        self._json(200, {"thread": {"$type": "app.bsky.feed.defs#threadViewPost", "post": {
            "uri": query["uri"], "record": self.networks.records[rkey]}, "replies": replies}})

    # shared

    def _bearer(self, token: str) -> None:
        if self.headers.get("Authorization") != f"Bearer {token}":
            self._problem(f"{self.command} {self.path} with Authorization {self.headers.get('Authorization')!r}")

    def _json_body(self, body: bytes) -> dict[str, Any]:
        if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
            self._problem(f"{self.path} sent as {self.headers.get('Content-Type')!r}, not JSON")
        try:
            return json.loads(body)
        except ValueError:
            self._problem(f"{self.path}: body is not JSON")
            return {}

    def _problem(self, text: str) -> None:
        self.networks.problems.append(text)

    def _json(self, status: int, answer: Any) -> None:
        self._send(status, json.dumps(answer).encode(), "application/json")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class NetworksServer(LoopbackHttpServer):
    """Both networks, the feed and the picture on one loopback port, in a thread."""

    def __init__(self) -> None:
        self.networks = Networks()
        super().__init__(type("BoundHandler", (Handler,), {"networks": self.networks}))
        self.networks.origin = self.url
