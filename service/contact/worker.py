"""The per-process delivery worker: a daemon thread that mails the outbox outside every request.

It wakes when a message is taken (through `signals.contact_received`) and every HERALD_CONTACT_POLL_SECONDS for
retries that have come due. It starts on the first request a process serves (so each server process, forked
or not, has its own) and only when HERALD_SMTP_URL is set and HERALD_CONTACT_WORKER is on. Nothing it meets
stops it: errors are logged and it tries again at the next wake.
"""

from __future__ import annotations

import logging
import os
import threading

from flask import Flask, current_app

from ..db import Database
from ..signals import contact_received
from .delivery import deliver_due
from .settings import ContactSettings, load_settings

log = logging.getLogger(__name__)

SETTINGS_KEY = "herald_contact"
WORKER_KEY = "herald_outbox_worker"


class OutboxWorker:
    """One background delivery thread for one app in one process."""

    def __init__(self, db: Database, settings: ContactSettings) -> None:
        self.db = db
        self.settings = settings
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None

    def ensure_running(self) -> None:
        """Start the thread unless it runs in this process already (a fork leaves the parent's thread behind)."""
        if self._running():
            return
        with self._lock:
            if self._running():
                return
            self._stopping.clear()
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="herald-outbox", daemon=True)
            self._thread.start()

    def _running(self) -> bool:
        return self._pid == os.getpid() and self._thread is not None and self._thread.is_alive()

    def wake(self) -> None:
        """Deliver soon: a message was just taken."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Let the thread finish its current message and end (tests, and orderly shutdowns)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                deliver_due(self.db, self.settings)
            except Exception:  # a broken database or server must not end the thread; the next wake retries
                log.exception("outbox delivery run failed; retrying in %s s", self.settings.poll_seconds)
            self._wake.wait(self.settings.poll_seconds)


def init_app(app: Flask) -> None:
    """Read the contact settings (a bad one stops the start) and prepare, not start, the app's worker."""
    settings = load_settings(app.config)
    app.extensions[SETTINGS_KEY] = settings
    if settings.smtp is not None and settings.worker:
        app.extensions[WORKER_KEY] = OutboxWorker(app.extensions["herald_db"], settings)


def contact_settings() -> ContactSettings:
    """The current app's contact settings."""
    return current_app.extensions[SETTINGS_KEY]


def outbox_worker(app: Flask) -> OutboxWorker | None:
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
