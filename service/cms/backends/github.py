"""The `github` backend: GitHub's REST API with a repository token. A path's head version comes from the
contents API; a save, however many files, is one commit made with the Git Data API (blobs, a tree on the head's,
a commit with the editor as author, the branch moved without force, so a branch that moved meanwhile is read
again instead of overwritten). The mirror follows the branch's recursive tree."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from ..changes import Author, BackendUnavailable, FileChange
from ..settings import CmsSettings
from .api_backend import ApiBackend, BranchMoved, HeadFile
from .http_calls import ApiAnswer, RestApi

API_VERSION = "2022-11-28"


class GitHubBackend(ApiBackend):
    host = "GitHub"

    def __init__(self, settings: CmsSettings) -> None:
        super().__init__(settings)
        self.api = RestApi("GitHub", f"{settings.api}/repos/{settings.project}",
                           {"Authorization": f"Bearer {settings.token}", "Accept": "application/vnd.github+json",
                            "X-GitHub-Api-Version": API_VERSION}, settings.timeout)
        self.branch = quote(settings.branch, safe="/")

    def tree(self) -> dict[str, tuple[str, str]]:
        answer = self.api.json("GET", f"/git/trees/{self.branch}", params={"recursive": "1"})
        if answer.get("truncated"):
            raise BackendUnavailable("GitHub sent only part of the repository's tree (too many files for one "
                                     "answer); the content mirror was left as it was")
        return self.content_entries({entry["path"]: (entry["mode"], entry["sha"]) for entry in answer["tree"]
                                     if entry.get("type") == "blob"})

    def fetch_blob(self, sha: str) -> bytes:
        return _decoded(self.api.json("GET", f"/git/blobs/{sha}"))

    def head_commit(self) -> str:
        return self.api.json("GET", f"/git/ref/heads/{self.branch}")["object"]["sha"]

    def head_file(self, path: str, head: str) -> HeadFile:
        in_repository = quote(self.settings.repository_path(path), safe="/")
        try:
            answer = self.api.json("GET", f"/contents/{in_repository}", params={"ref": head})
        except ApiAnswer as error:
            if error.status == 404:
                return HeadFile(None)
            raise BackendUnavailable(f"GitHub: reading {path}: {error}") from error
        if not isinstance(answer, dict) or answer.get("type") != "file":
            return HeadFile(None)  # a folder or a link where a file was expected: the save creates nothing there
        content = _decoded(answer) if answer.get("encoding") == "base64" and answer.get("content") else None
        return HeadFile(answer["sha"], content)

    def make_commit(self, changes: Sequence[FileChange], current: Mapping[str, HeadFile], *, head: str,
                    author: Author, message: str) -> str:
        tree = self.api.json("GET", f"/git/commits/{head}")["tree"]["sha"]
        entries = []
        for change in changes:
            in_repository = self.settings.repository_path(change.path)
            if change.content is None:
                if current[change.path].sha is not None:
                    entries.append({"path": in_repository, "mode": "100644", "type": "blob", "sha": None})
                continue
            blob = self.api.json("POST", "/git/blobs", json={
                "content": base64.b64encode(change.content).decode(), "encoding": "base64"})
            entries.append({"path": in_repository, "mode": "100644", "type": "blob", "sha": blob["sha"]})
        new_tree = self.api.json("POST", "/git/trees", json={"base_tree": tree, "tree": entries})["sha"]
        committer = self.settings.committer
        commit = self.api.json("POST", "/git/commits", json={
            "message": message, "tree": new_tree, "parents": [head],
            "author": {"name": author.name, "email": author.email},
            "committer": {"name": committer.name, "email": committer.email}})["sha"]
        try:
            self.api.call("PATCH", f"/git/refs/heads/{self.branch}", json={"sha": commit, "force": False})
        except ApiAnswer as error:
            if error.status in (409, 422):
                raise BranchMoved() from error
            raise BackendUnavailable(f"GitHub: moving the branch: {error}") from error
        return commit


def _decoded(answer: Mapping[str, object]) -> bytes:
    try:
        return base64.b64decode(str(answer["content"]))
    except (KeyError, ValueError) as error:
        raise BackendUnavailable("GitHub sent a blob that is not base64") from error
