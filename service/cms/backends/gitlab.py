"""The `gitlab` backend: GitLab's REST API with a project access token. A path's head version (blob id and last
commit) comes from the repository files API; a save, however many files, is one call to the commits API with
its actions (create, update, delete), each update and delete naming the last commit the editor's version came
from (`last_commit_id`), so GitLab refuses it when the file changed meanwhile. The mirror follows the
repository tree (keyset pagination) and raw blobs."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from ..changes import Author, BackendUnavailable, FileChange
from ..settings import CmsSettings
from .api_backend import ApiBackend, BranchMoved, HeadFile
from .http_calls import ApiAnswer, RestApi

PAGE_SIZE = 100
PAGES_MAX = 1000  # 100,000 entries: a content folder far larger than any site's


class GitLabBackend(ApiBackend):
    host = "GitLab"

    def __init__(self, settings: CmsSettings) -> None:
        super().__init__(settings)
        self.api = RestApi("GitLab", f"{settings.api}/projects/{quote(settings.project, safe='')}",
                           {"PRIVATE-TOKEN": settings.token}, settings.timeout)
        self._last_commits: dict[str, str] = {}

    def tree(self) -> dict[str, tuple[str, str]]:
        first_page: dict[str, Any] = {"ref": self.settings.branch, "recursive": "true", "pagination": "keyset",
                                      "per_page": PAGE_SIZE}
        if self.settings.content_path:
            first_page["path"] = self.settings.content_path
        url, params, entries = "/repository/tree", first_page, {}
        for _ in range(PAGES_MAX):
            response = self.api.call("GET", url, params=params)
            entries.update({entry["path"]: (entry["mode"], entry["id"]) for entry in response.json()
                            if entry.get("type") == "blob"})
            following = response.links.get("next", {}).get("url")
            if not following:
                return self.content_entries(entries)
            url, params = following, {}  # the next page's URL carries every parameter
        raise BackendUnavailable(f"GitLab's tree went on past {PAGES_MAX} pages; the mirror was left as it was")

    def fetch_blob(self, sha: str) -> bytes:
        return self.api.call("GET", f"/repository/blobs/{sha}/raw").content

    def head_commit(self) -> str:
        return self.api.json("GET", f"/repository/branches/{quote(self.settings.branch, safe='')}")["commit"]["id"]

    def head_file(self, path: str, head: str) -> HeadFile:
        in_repository = quote(self.settings.repository_path(path), safe="")
        try:
            answer = self.api.json("GET", f"/repository/files/{in_repository}", params={"ref": head})
        except ApiAnswer as error:
            if error.status == 404:
                return HeadFile(None)
            raise BackendUnavailable(f"GitLab: reading {path}: {error}") from error
        self._last_commits[path] = answer["last_commit_id"]
        return HeadFile(answer["blob_id"], base64.b64decode(answer["content"]))

    def make_commit(self, changes: Sequence[FileChange], current: Mapping[str, HeadFile], *, head: str,
                    author: Author, message: str) -> str:
        actions = []
        for change in changes:
            exists = current[change.path].sha is not None
            action: dict[str, str] = {"file_path": self.settings.repository_path(change.path)}
            if change.content is None:
                if not exists:
                    continue
                action["action"] = "delete"
            else:
                action.update(action="update" if exists else "create", encoding="base64",
                              content=base64.b64encode(change.content).decode())
            if exists:
                action["last_commit_id"] = self._last_commits[change.path]
            actions.append(action)
        try:
            answer = self.api.json("POST", "/repository/commits", json={
                "branch": self.settings.branch, "commit_message": message, "author_name": author.name,
                "author_email": author.email, "actions": actions})
        except ApiAnswer as error:
            if error.status == 400:  # a file changed, appeared or went since it was read: read the head again
                raise BranchMoved() from error
            raise BackendUnavailable(f"GitLab: committing: {error}") from error
        return answer["id"]
