"""GitHub and GitLab as small servers on loopback: the documented REST endpoints the content backends call,
over one in-memory repository each, checking every request's shape (the token header, GitHub's Accept and API
version headers, the JSON fields, base64 content, the branch, sha and last_commit_id). What a check refuses goes
to `problems`, which each test expects empty."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from service.cms.changes import blob_id
from tests.service.loopback_http import LoopbackHttpServer

GITHUB_TOKEN = "github-token-for-tests"
GITLAB_TOKEN = "gitlab-token-for-tests"
GITHUB_REPOSITORY = "cleanair/site"
GITLAB_PROJECT = "cleanair/site"


@dataclass
class Commit:
    tree: dict[str, str]  # repository path -> blob id
    parents: list[str]
    author: str
    committer: str
    message: str


@dataclass
class MemoryRepository:
    """One branch, `main`, its commits, blobs and trees; the state tests read and change."""

    blobs: dict[str, bytes] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)
    trees: dict[str, dict[str, str]] = field(default_factory=dict)
    head: str = ""
    problems: list[str] = field(default_factory=list)
    fail_next: list[int] = field(default_factory=list)  # statuses to answer the next requests with
    requests: list[str] = field(default_factory=list)  # "METHOD path" of each request
    before_branch_moves: list[Any] = field(default_factory=list)  # callables run once before a branch update
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_blob(self, content: bytes) -> str:
        sha = blob_id(content)
        self.blobs[sha] = content
        return sha

    def add_tree(self, tree: dict[str, str]) -> str:
        sha = hashlib.sha1(json.dumps(sorted(tree.items())).encode()).hexdigest()
        self.trees[sha] = dict(tree)
        return sha

    def add_commit(self, commit: Commit) -> str:
        sha = hashlib.sha1(json.dumps([sorted(commit.tree.items()), commit.parents, commit.message,
                                       len(self.commits)]).encode()).hexdigest()
        self.commits[sha] = commit
        return sha

    def tree(self, ref: str = "main") -> dict[str, str]:
        return self.commits[self.head if ref == "main" else ref].tree

    def file(self, path: str, ref: str = "main") -> bytes | None:
        sha = self.tree(ref).get(path)
        return None if sha is None else self.blobs[sha]

    def push(self, files: dict[str, bytes | None], message: str, author: str = "Someone Else <else@example.org>") -> str:
        """Someone else's commit on main (or the first one)."""
        tree = dict(self.commits[self.head].tree) if self.head else {}
        for path, content in files.items():
            if content is None:
                tree.pop(path, None)
            else:
                tree[path] = self.add_blob(content)
        self.add_tree(tree)
        self.head = self.add_commit(Commit(tree, [self.head] if self.head else [], author, author, message))
        return self.head

    def last_commit_of(self, path: str, ref: str) -> str:
        """The newest commit, from `ref` back, whose change touched `path` (GitLab's last_commit_id)."""
        sha = ref
        while True:
            commit = self.commits[sha]
            parent = commit.parents[0] if commit.parents else None
            if parent is None or self.commits[parent].tree.get(path) != commit.tree.get(path):
                return sha
            sha = parent

    def log(self) -> list[Commit]:
        found, sha = [], self.head
        while sha:
            found.append(self.commits[sha])
            sha = self.commits[sha].parents[0] if self.commits[sha].parents else ""
        return found


def encoded(content: bytes) -> str:
    """Base64 as GitHub sends it: in lines of 60 characters."""
    text = base64.b64encode(content).decode()
    return "\n".join(text[start:start + 60] for start in range(0, len(text), 60)) + "\n"


class HostHandler(BaseHTTPRequestHandler, ABC):
    repository: MemoryRepository

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:  # noqa: N802
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def do_PATCH(self) -> None:  # noqa: N802
        self._handle("PATCH")

    def _handle(self, method: str) -> None:
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        with self.repository.lock:
            self.repository.requests.append(f"{method} {url.path}")
            if self.repository.fail_next:
                return self._json(self.repository.fail_next.pop(0), {"message": "Service Unavailable"})
            if not self.authorized():
                return self._json(401, {"message": "Bad credentials"})
            try:
                document = json.loads(body) if body else None
            except ValueError:
                self._problem(f"{method} {url.path}: the body is not JSON")
                return self._json(400, {"message": "Problems parsing JSON"})
            self.route(method, url.path, query, document)

    @abstractmethod
    def authorized(self) -> bool:
        """Whether the request carries the host's token (and, as the host wants, its other headers)."""

    @abstractmethod
    def route(self, method: str, path: str, query: dict[str, str], document: Any) -> None:
        """Answer one request."""

    def _problem(self, text: str) -> None:
        self.repository.problems.append(text)

    def _expect(self, condition: bool, text: str) -> bool:
        if not condition:
            self._problem(text)
        return condition

    def _json(self, status: int, answer: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(answer).encode(), "application/json", headers)

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class Host(LoopbackHttpServer):
    """A handler class serving one repository on a loopback port in a thread."""

    def __init__(self, handler: type[HostHandler], repository: MemoryRepository, kind: str) -> None:
        super().__init__(type(handler.__name__, (handler,), {"repository": repository}))
        self.repository = repository
        self.kind = kind


def path_after(path: str, prefix: str) -> str | None:
    """The rest of a request path after `prefix` (still quoted), or None when it does not start so."""
    return path[len(prefix):] if path.startswith(prefix) else None


def decoded_content(repository: MemoryRepository, what: str, document: dict[str, Any]) -> bytes | None:
    """The base64 content of a request, or None (a problem noted) when it is not base64."""
    try:
        return base64.b64decode(document["content"], validate=True)
    except (KeyError, ValueError, TypeError):
        repository.problems.append(f"{what}: content is not base64")
        return None

