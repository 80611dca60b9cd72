"""The per-process delivery worker: a background thread (service/background.py) that mails the outbox outside
every request.

It wakes when a message is taken (through `signals.contact_received`) and every HERALD_CONTACT_POLL_SECONDS for
retries that have come due, only when HERALD_SMTP_URL is set and HERALD_CONTACT_WORKER is on.
"""

from __future__ import annotations

from functools import partial

from flask import Flask, current_app

from ..background import PeriodicWorker
from ..signals import contact_received
from .delivery import deliver_due
from .settings import ContactSettings, load_settings

SETTINGS_KEY = "herald_contact"
WORKER_KEY = "herald_outbox_worker"


def init_app(app: Flask) -> None:
    """Read the contact settings (a bad one stops the start) and prepare, not start, the app's worker."""
    settings = load_settings(app.config)
    app.extensions[SETTINGS_KEY] = settings
    if settings.smtp is not None and settings.worker:
        job = partial(deliver_due, app.extensions["herald_db"], settings)
        app.extensions[WORKER_KEY] = PeriodicWorker("herald-outbox", job, settings.poll_seconds)


def contact_settings() -> ContactSettings:
    """The current app's contact settings."""
    return current_app.extensions[SETTINGS_KEY]


def outbox_worker(app: Flask) -> PeriodicWorker | None:
    """The app's delivery worker, or None when it delivers only on demand."""
    return app.extensions.get(WORKER_KEY)


def start_worker() -> None:
    """Before each request: make sure this process's worker runs (cheap once it does)."""
    worker = outbox_worker(current_app)
    if worker is not None:
        worker.ensure_running()


@contact_received.connect
def _wake_worker(app: Flask, **_message: object) -> None:
    worker = outbox_worker(app)
    if worker is not None:
        worker.wake()
