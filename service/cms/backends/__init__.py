"""The content backends: where a save becomes a commit. `backend_for` picks the one HERALD_CMS_BACKEND names:
`local` (a working clone, local.py), `github` (github.py) or `gitlab` (gitlab.py); base.py is their contract."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..settings import CmsSettings, load_settings
from .base import ContentBackend
from .github import GitHubBackend
from .gitlab import GitLabBackend
from .local import LocalBackend


def backend_for(config: Mapping[str, Any], instance_folder: Path | None = None) -> ContentBackend | None:
    """The backend the app's config chooses, or None when HERALD_CMS_BACKEND is unset (no content manager).

    `instance_folder` is where the github and gitlab backends keep their mirror unless HERALD_CMS_MIRROR says;
    a ConfigError names what is missing or wrong.
    """
    settings = load_settings(config, instance_folder)
    return None if settings is None else backend_from_settings(settings)


def backend_from_settings(settings: CmsSettings) -> ContentBackend:
    """The backend for settings already parsed."""
    if settings.backend == "local":
        return LocalBackend(settings)
    if settings.backend == "github":
        return GitHubBackend(settings)
    return GitLabBackend(settings)
