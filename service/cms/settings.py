"""The content manager's settings, from the environment only, checked at start.

HERALD_CMS_BACKEND unset means no content manager: nothing here is needed then. A backend chosen without what
it needs stops the start with a message naming the missing variable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from ..config import ConfigError, positive_setting
from ..queue import RetryPolicy
from .changes import Author

BACKENDS = ("local", "github", "gitlab")
GITHUB_REPOSITORY = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}")
BRANCH = re.compile(r"(?!-)(?!.*\.\.)[A-Za-z0-9._/-]{1,200}(?<![./])")


@dataclass(frozen=True)
class CmsSettings:
    """Everything the content backends and the retry worker read, parsed."""

    backend: str
    branch: str
    content_path: str  # the content folder inside the repository, "" for its root
    committer: Author
    timeout: float
    worker: bool
    poll_seconds: float
    retry: RetryPolicy
    repository: Path | None = None  # local: the working clone
    mirror: Path | None = None  # github, gitlab: where the branch's content folder is kept
    api: str = ""  # github, gitlab: the API's base URL
    project: str = ""  # github: owner/name; gitlab: the project's id or full path
    token: str = ""  # github, gitlab: never logged, never shown

    def repository_path(self, path: str) -> str:
        """A content path as a path inside the repository."""
        return f"{self.content_path}/{path}" if self.content_path else path


def load_settings(config: Mapping[str, Any], instance_folder: Path | None) -> CmsSettings | None:
    """The settings of the chosen backend, or None when HERALD_CMS_BACKEND is unset. The github and gitlab
    backends keep their mirror in HERALD_CMS_MIRROR, else in `instance_folder`."""
    backend = _text(config, "HERALD_CMS_BACKEND")
    if backend is None:
        return None
    if backend not in BACKENDS:
        raise ConfigError(f"HERALD_CMS_BACKEND={backend!r}: use one of {', '.join(BACKENDS)}, or leave it unset")
    branch = _text(config, "HERALD_CMS_BRANCH") or "main"
    if not BRANCH.fullmatch(branch):
        raise ConfigError(f"HERALD_CMS_BRANCH={branch!r} is no branch name")
    common: dict[str, Any] = {
        "backend": backend, "branch": branch, "content_path": _content_path(config),
        "committer": _committer(config), "timeout": positive_setting(config, "HERALD_CMS_TIMEOUT"),
        "worker": bool(config["HERALD_CMS_WORKER"]),
        "poll_seconds": positive_setting(config, "HERALD_CMS_POLL_SECONDS"),
        "retry": RetryPolicy(first=timedelta(seconds=positive_setting(config, "HERALD_CMS_RETRY_SECONDS")),
                             longest=timedelta(seconds=positive_setting(config, "HERALD_CMS_RETRY_MAX_SECONDS")),
                             attempts=int(positive_setting(config, "HERALD_CMS_MAX_ATTEMPTS"))),
    }
    if backend == "local":
        repository = _required(config, "HERALD_CMS_REPOSITORY", "the path of the site's working clone")
        return CmsSettings(repository=Path(repository), **common)
    mirror_setting = _text(config, "HERALD_CMS_MIRROR")
    if mirror_setting is not None:
        mirror = Path(mirror_setting)
    elif instance_folder is not None:
        mirror = instance_folder / "cms-mirror"
    else:
        raise ConfigError(f"HERALD_CMS_BACKEND={backend} needs HERALD_CMS_MIRROR: a folder for the content mirror")
    if backend == "github":
        project = _required(config, "HERALD_GITHUB_REPOSITORY", "owner/name")
        if not GITHUB_REPOSITORY.fullmatch(project):
            raise ConfigError(f"HERALD_GITHUB_REPOSITORY={project!r}: write it as owner/name")
        return CmsSettings(mirror=mirror, api=_api(config, "HERALD_GITHUB_API"), project=project,
                           token=_required(config, "HERALD_GITHUB_TOKEN", "a fine-grained token with Contents: "
                                           "read and write on that repository"), **common)
    return CmsSettings(mirror=mirror, api=_api(config, "HERALD_GITLAB_API"),
                       project=_required(config, "HERALD_GITLAB_PROJECT", "the project's id or its path, group/name"),
                       token=_required(config, "HERALD_GITLAB_TOKEN", "a project access token with the api scope"),
                       **common)


def _text(config: Mapping[str, Any], name: str) -> str | None:
    value = config.get(name)
    return str(value).strip() or None if value is not None else None


def _required(config: Mapping[str, Any], name: str, what: str) -> str:
    value = _text(config, name)
    if value is None:
        raise ConfigError(f"HERALD_CMS_BACKEND={config['HERALD_CMS_BACKEND']} needs {name}: {what}")
    return value


def _api(config: Mapping[str, Any], name: str) -> str:
    url = _text(config, name) or ""
    if not re.match(r"https?://[^/\s]+", url):
        raise ConfigError(f"{name}={url!r}: give the API's base URL, starting with https://")
    return url.rstrip("/")


def _content_path(config: Mapping[str, Any]) -> str:
    raw = (_text(config, "HERALD_CMS_CONTENT_PATH") or "").strip("/")
    if raw in {"", "."}:
        return ""
    if "\\" in raw or any(part in {"", ".", ".."} for part in raw.split("/")):
        raise ConfigError(f"HERALD_CMS_CONTENT_PATH={raw!r}: a folder inside the repository, such as content")
    return raw


def _committer(config: Mapping[str, Any]) -> Author:
    raw = _text(config, "HERALD_CMS_COMMITTER") or ""
    name, email = parseaddr(raw)
    if not name or "@" not in email:
        raise ConfigError(f"HERALD_CMS_COMMITTER={raw!r}: write it as Name <email>, e.g. Herald <herald@localhost>")
    return Author(name, email)
