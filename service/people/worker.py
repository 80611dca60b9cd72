"""Sending the sign-in mail: at once in the request, or through a background thread (service/background.py).

With HERALD_SMTP_URL set and HERALD_CONTACT_WORKER on, a process's worker starts with its first sign-in mail,
sends new mail when woken and, every HERALD_CONTACT_POLL_SECONDS, what the mail server refused before (a link
lasts 30 minutes to 3 days, so mail left from before a restart goes with the next one). Handing new mail to
it also keeps the sign-in form's answer as quick for an address of the team as for any other, so its timing
tells nothing. Otherwise the request delivers the mail itself (the console mailer, in the demo, never refuses).
"""

from __future__ import annotations

from functools import partial

from flask import Flask, current_app

from ..background import PeriodicWorker
from ..contact.settings import ContactSettings
from ..contact.worker import SETTINGS_KEY, contact_settings
from ..db import database
from .mail import deliver

WORKER_KEY = "herald_sign_in_mail_worker"


def init_app(app: Flask) -> None:
    """Prepare, not start, the app's worker (the contact settings were read when its blueprint registered)."""
    settings: ContactSettings = app.extensions[SETTINGS_KEY]
    if settings.smtp is not None and settings.worker:
        job = partial(deliver, app.extensions["herald_db"], settings)
        app.extensions[WORKER_KEY] = PeriodicWorker("herald-sign-in-mail", job, settings.poll_seconds)


def mail_worker(app: Flask) -> PeriodicWorker | None:
    """The app's sign-in mail worker, or None when the request sends the mail itself."""
    return app.extensions.get(WORKER_KEY)


def send_soon(mail_id: int) -> None:
    """Deliver a stored (and committed) mail: wake the worker, or send it now when there is none."""
    worker = mail_worker(current_app)
    if worker is not None:
        worker.ensure_running()
        worker.wake()
    else:
        deliver(database(), contact_settings(), [mail_id])
