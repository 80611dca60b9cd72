"""The current app's content manager: its settings and backend, made once at start (worker.py) and read by
saving, the CLI and the dashboard's views."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from .backends.base import ContentBackend
from .settings import CmsSettings

STATE_KEY = "herald_cms"


@dataclass(frozen=True)
class CmsState:
    settings: CmsSettings
    backend: ContentBackend


class NoContentManager(Exception):
    """HERALD_CMS_BACKEND is unset: the service has no content manager."""

    def __init__(self) -> None:
        super().__init__("No content backend is configured: set HERALD_CMS_BACKEND to local, github or gitlab "
                         "(see the README's settings).")


def cms_state() -> CmsState | None:
    """The current app's content manager, or None when it has none."""
    return current_app.extensions.get(STATE_KEY)


def required_cms_state() -> CmsState:
    """The current app's content manager, or NoContentManager."""
    state = cms_state()
    if state is None:
        raise NoContentManager()
    return state
