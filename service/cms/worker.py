"""The per-process retry worker: a background thread (service/background.py) that attempts queued edits again
every HERALD_CMS_POLL_SECONDS, only when a content backend is configured and HERALD_CMS_WORKER is on."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from flask import Flask, current_app

from ..background import PeriodicWorker
from .app_state import STATE_KEY, CmsState
from .backends import backend_from_settings
from .saving import retry_due
from .settings import load_settings

WORKER_KEY = "herald_cms_worker"


def init_app(app: Flask) -> None:
    """Read the content settings (a bad one stops the start), make the backend and prepare, not start, the
    app's retry worker."""
    settings = load_settings(app.config, Path(app.instance_path))
    if settings is None:
        return
    state = CmsState(settings, backend_from_settings(settings))
    app.extensions[STATE_KEY] = state
    if settings.worker:
        job = partial(retry_due, app.extensions["herald_db"], state.backend, settings.retry)
        app.extensions[WORKER_KEY] = PeriodicWorker("herald-content", job, settings.poll_seconds)
        app.before_request(start_worker)


def start_worker() -> None:
    """Before each request: make sure this process's worker runs (cheap once it does)."""
    worker: PeriodicWorker | None = current_app.extensions.get(WORKER_KEY)
    if worker is not None:
        worker.ensure_running()
