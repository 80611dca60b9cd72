"""GitLab's REST endpoints the gitlab backend calls (repository tree with keyset pagination, raw blobs,
branches, repository files, commits with actions), over a MemoryRepository, each request's fields checked."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote, unquote, urlencode

from tests.service.repository_hosts import GITLAB_PROJECT, GITLAB_TOKEN, Commit, HostHandler, decoded_content, path_after

PREFIX = f"/api/v4/projects/{quote(GITLAB_PROJECT, safe='')}"
PAGE_SIZE = 2  # small, so a test's tree takes several pages


class GitLabHandler(HostHandler):
    def authorized(self) -> bool:
        return self.headers.get("PRIVATE-TOKEN") == GITLAB_TOKEN

    def route(self, method: str, path: str, query: dict[str, str], document: Any) -> None:
        rest = path_after(path, PREFIX)
        repository = self.repository
        if rest is None:
            return self._json(404, {"message": "404 Project Not Found"})
        if method == "GET" and rest == "/repository/tree":
            return self._tree(query)
        if method == "GET" and rest.startswith("/repository/blobs/") and rest.endswith("/raw"):
            content = repository.blobs.get(rest.split("/")[3])
            if content is None:
                return self._json(404, {"message": "404 Blob Not Found"})
            return self._send(200, content, "application/octet-stream")
        if method == "GET" and rest == "/repository/branches/main":
            return self._json(200, {"name": "main", "commit": {"id": repository.head}})
        if method == "GET" and (name := path_after(rest, "/repository/files/")) is not None:
            return self._file(name, query)
        if method == "POST" and rest == "/repository/commits":
            return self._commit(document)
        self._json(404, {"message": "404 Not Found"})

    def _tree(self, query: dict[str, str]) -> None:
        self._expect(query.get("recursive") == "true" and query.get("pagination") == "keyset",
                     f"tree asked without recursive and keyset pagination: {query!r}")
        self._expect(query.get("ref") == "main", f"tree asked at ref {query.get('ref')!r}")
        prefix = f"{query['path']}/" if query.get("path") else ""
        names = sorted(name for name in self.repository.tree() if name.startswith(prefix))
        after = query.get("page_token")
        start = names.index(after) + 1 if after else 0
        page = names[start:start + PAGE_SIZE]
        headers = {}
        if start + PAGE_SIZE < len(names):
            following = {**query, "page_token": page[-1]}
            headers["Link"] = f'<http://{self.headers["Host"]}{PREFIX}/repository/tree?{urlencode(following)}>; rel="next"'
        self._json(200, [{"id": self.repository.tree()[name], "name": name.rsplit("/", 1)[-1], "type": "blob",
                          "path": name, "mode": "100644"} for name in page], headers)

    def _file(self, quoted: str, query: dict[str, str]) -> None:
        self._expect("/" not in quoted, f"a file path not URL-encoded: {quoted}")
        name, ref = unquote(quoted), query.get("ref", "")
        if not self._expect(ref == "main" or ref in self.repository.commits, f"file asked at ref {ref!r}"):
            return self._json(404, {"message": "404 Commit Not Found"})
        ref = self.repository.head if ref == "main" else ref
        content = self.repository.file(name, ref)
        if content is None:
            return self._json(404, {"message": "404 File Not Found"})
        self._json(200, {"file_path": name, "blob_id": self.repository.tree(ref)[name], "encoding": "base64",
                         "content": base64.b64encode(content).decode(), "last_commit_id": self.repository.last_commit_of(name, ref)})

    def _commit(self, document: dict[str, Any]) -> None:
        self._expect(document.get("branch") == "main", f"commit on branch {document.get('branch')!r}")
        self._expect(bool(document.get("commit_message")), "a commit without a message")
        self._expect(bool(document.get("author_name") and document.get("author_email")), "a commit without author")
        while self.repository.before_branch_moves:
            self.repository.before_branch_moves.pop(0)()
        tree = dict(self.repository.tree())
        for action in document.get("actions", []):
            refused = self._apply(action, tree)
            if refused:
                return self._json(400, {"message": refused})
        author = f"{document['author_name']} <{document['author_email']}>"
        self.repository.head = self.repository.add_commit(Commit(
            tree, [self.repository.head], author, "Project bot <bot@gitlab.example>", document["commit_message"]))
        self._json(201, {"id": self.repository.head, "message": document["commit_message"]})

    def _apply(self, action: dict[str, Any], tree: dict[str, str]) -> str | None:
        """Apply one action to `tree`; the refusal GitLab would answer, or None."""
        name, kind = action.get("file_path", ""), action.get("action")
        exists = name in tree
        if kind in {"update", "delete"}:
            if not exists:
                return "A file with this name doesn't exist"
            if not self._expect("last_commit_id" in action, f"{kind} of {name} without last_commit_id"):
                return "last_commit_id missing"
            if action["last_commit_id"] != self.repository.last_commit_of(name, self.repository.head):
                return "You are attempting to update a file that has changed since you started editing it."
        if kind == "create" and exists:
            return "A file with this name already exists"
        if kind == "delete":
            tree.pop(name)
            return None
        self._expect(action.get("encoding") == "base64", f"{kind} of {name} not in base64")
        content = decoded_content(self.repository, f"{kind} {name}", action)
        if kind not in {"create", "update"} or content is None:
            return f"Unknown action {kind!r}"
        tree[name] = self.repository.add_blob(content)
        return None
