"""The per-process syndication worker: a background thread (service/background.py) that runs `sync` every
HERALD_SOCIAL_POLL_SECONDS, only when an account is configured and HERALD_SOCIAL_WORKER is on."""

from __future__ import annotations

from functools import partial

from flask import Flask, current_app

from ..background import PeriodicWorker
from .settings import SocialSettings, load_settings
from .syndication import SyncReport, sync

SETTINGS_KEY = "herald_social"
WORKER_KEY = "herald_social_worker"


def init_app(app: Flask) -> None:
    """Read the social settings (a bad one stops the start) and prepare, not start, the app's worker."""
    settings = load_settings(app.config)
    app.extensions[SETTINGS_KEY] = settings
    if settings.accounts and settings.worker:
        job = partial(sync, app.extensions["herald_db"], settings, moderation=app.config["HERALD_MODERATION"])
        app.extensions[WORKER_KEY] = PeriodicWorker("herald-social", job, settings.poll_seconds)


def social_settings() -> SocialSettings:
    """The current app's social settings."""
    return current_app.extensions[SETTINGS_KEY]


def run_sync() -> SyncReport:
    """A whole syndication run for the current app, as `flask social sync` starts it."""
    return sync(current_app.extensions["herald_db"], social_settings(),
                moderation=current_app.config["HERALD_MODERATION"])


def start_worker() -> None:
    """Before each request: make sure this process's worker runs (cheap once it does)."""
    worker: PeriodicWorker | None = current_app.extensions.get(WORKER_KEY)
    if worker is not None:
        worker.ensure_running()
