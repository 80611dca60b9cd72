"""GitHub's REST endpoints the github backend calls (git/trees, git/blobs, git/ref(s), git/commits, contents),
over a MemoryRepository, each request's headers and fields checked."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from tests.service.repository_hosts import (GITHUB_REPOSITORY, GITHUB_TOKEN, Commit, HostHandler, decoded_content,
                                            encoded, path_after)

PREFIX = f"/repos/{GITHUB_REPOSITORY}"


class GitHubHandler(HostHandler):
    def authorized(self) -> bool:
        self._expect(self.headers.get("Accept") == "application/vnd.github+json", "Accept is not GitHub's")
        self._expect(self.headers.get("X-GitHub-Api-Version") == "2022-11-28", "no X-GitHub-Api-Version")
        return self.headers.get("Authorization") == f"Bearer {GITHUB_TOKEN}"

    def route(self, method: str, path: str, query: dict[str, str], document: Any) -> None:
        rest = path_after(path, PREFIX)
        repository = self.repository
        if rest is None:
            return self._json(404, {"message": "Not Found"})
        if method == "GET" and rest == "/git/trees/main":
            self._expect(query.get("recursive") == "1", "the tree was not asked for recursively")
            tree = repository.tree()
            return self._json(200, {"sha": repository.add_tree(tree), "truncated": False, "tree": [
                {"path": name, "mode": "100644", "type": "blob", "sha": sha} for name, sha in sorted(tree.items())]})
        if method == "GET" and (sha := path_after(rest, "/git/blobs/")) is not None:
            if sha not in repository.blobs:
                return self._json(404, {"message": "Not Found"})
            return self._json(200, {"sha": sha, "content": encoded(repository.blobs[sha]), "encoding": "base64"})
        if method == "GET" and rest == "/git/ref/heads/main":
            return self._json(200, {"ref": "refs/heads/main", "object": {"type": "commit", "sha": repository.head}})
        if method == "GET" and (sha := path_after(rest, "/git/commits/")) is not None:
            commit = repository.commits[sha]
            return self._json(200, {"sha": sha, "tree": {"sha": repository.add_tree(commit.tree)}})
        if method == "GET" and (name := path_after(rest, "/contents/")) is not None:
            return self._contents(unquote(name), query)
        if method == "POST" and rest == "/git/blobs":
            return self._create_blob(document)
        if method == "POST" and rest == "/git/trees":
            return self._create_tree(document)
        if method == "POST" and rest == "/git/commits":
            return self._create_commit(document)
        if method == "PATCH" and rest == "/git/refs/heads/main":
            return self._update_ref(document)
        self._json(404, {"message": "Not Found"})

    def _contents(self, name: str, query: dict[str, str]) -> None:
        ref = query.get("ref", "main")
        if not self._expect(ref == "main" or ref in self.repository.commits, f"contents asked at ref {ref!r}"):
            return self._json(404, {"message": "No commit found for the ref"})
        content = self.repository.file(name, ref)
        if content is None:
            return self._json(404, {"message": "Not Found"})
        self._json(200, {"type": "file", "path": name, "sha": self.repository.tree(ref)[name],
                         "encoding": "base64", "content": encoded(content)})

    def _create_blob(self, document: dict[str, Any]) -> None:
        self._expect(document.get("encoding") == "base64", "a blob not sent as base64")
        content = decoded_content(self.repository, "POST git/blobs", document)
        if content is None:
            return self._json(422, {"message": "Invalid request"})
        self._json(201, {"sha": self.repository.add_blob(content)})

    def _create_tree(self, document: dict[str, Any]) -> None:
        base = self.repository.trees.get(document.get("base_tree", ""))
        if not self._expect(base is not None, "a tree without a known base_tree"):
            return self._json(422, {"message": "Invalid tree"})
        tree = dict(base or {})
        for entry in document.get("tree", []):
            self._expect(entry.get("mode") == "100644" and entry.get("type") == "blob", f"tree entry {entry!r}")
            if entry.get("sha") is None:
                if not self._expect(entry["path"] in tree, f"deleting {entry['path']}, which is not there"):
                    return self._json(422, {"message": "GitRPC::BadObjectState"})
                tree.pop(entry["path"])
            elif self._expect(entry["sha"] in self.repository.blobs, f"an unknown blob in {entry!r}"):
                tree[entry["path"]] = entry["sha"]
        self._json(201, {"sha": self.repository.add_tree(tree)})

    def _create_commit(self, document: dict[str, Any]) -> None:
        author, committer = document.get("author", {}), document.get("committer", {})
        self._expect(bool(author.get("name") and author.get("email")), f"commit author {author!r}")
        self._expect(bool(committer.get("name") and committer.get("email")), f"commit committer {committer!r}")
        self._expect(bool(document.get("message")), "a commit without a message")
        parents = document.get("parents", [])
        self._expect(len(parents) == 1 and parents[0] in self.repository.commits, f"commit parents {parents!r}")
        commit = Commit(self.repository.trees[document["tree"]], parents, f"{author['name']} <{author['email']}>",
                        f"{committer['name']} <{committer['email']}>", document["message"])
        self._json(201, {"sha": self.repository.add_commit(commit)})

    def _update_ref(self, document: dict[str, Any]) -> None:
        self._expect(document.get("force") is False, "a branch update that may force")
        while self.repository.before_branch_moves:
            self.repository.before_branch_moves.pop(0)()
        commit = self.repository.commits.get(document.get("sha", ""))
        if commit is None or commit.parents != [self.repository.head]:
            return self._json(422, {"message": "Update is not a fast forward"})
        self.repository.head = document["sha"]
        self._json(200, {"ref": "refs/heads/main", "object": {"type": "commit", "sha": self.repository.head}})
