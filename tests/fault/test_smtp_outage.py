"""The mail server is down while visitors write: messages wait in the outbox and each arrives exactly once
when it comes back, with the background workers of two service processes competing to deliver them."""

from __future__ import annotations

import time

import requests

from tests.conftest import ADMIN_TOKEN, SECRET_KEY
from tests.service.conftest import SITE_ORIGIN
from tests.service.processes import ServiceProcesses
from tests.service.smtp_server import RecordingSmtpServer

MESSAGES = 6
# Retries a few tenths of a second apart, so the test waits for the server, not for the backoff.
FAST_RETRIES = {"HERALD_CONTACT_WORKER": "1", "HERALD_CONTACT_POLL_SECONDS": "0.2",
                "HERALD_CONTACT_RETRY_SECONDS": "0.2", "HERALD_CONTACT_RETRY_MAX_SECONDS": "0.5",
                "HERALD_CONTACT_MAX_ATTEMPTS": "1000", "HERALD_SMTP_TIMEOUT": "2"}


def _outbox_statuses(service: ServiceProcesses) -> dict[str, int]:
    answer = requests.get(f"{service.url}/api/admin/contact", timeout=10,
                          headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert answer.status_code == 200, answer.text
    counts: dict[str, int] = {}
    for message in answer.json()["messages"]:
        counts[message["status"]] = counts.get(message["status"], 0) + 1
    return counts


def test_contact_messages_wait_for_the_mail_server_and_arrive_once(tmp_path):
    smtp = RecordingSmtpServer()  # its port is reserved, but nothing listens yet: the server is down
    environ = {"DATABASE_URL": f"sqlite:///{tmp_path / 'herald.db'}", "SECRET_KEY": SECRET_KEY,
               "HERALD_SITE_ORIGIN": SITE_ORIGIN, "RATELIMIT_ENABLED": "0", "HERALD_ADMIN_TOKEN": ADMIN_TOKEN,
               "HERALD_SMTP_URL": smtp.url, "HERALD_CONTACT_TO": "team@example.org", **FAST_RETRIES}
    with ServiceProcesses(environ, workers=2, log_path=tmp_path / "service.log") as service:
        for number in range(MESSAGES):
            answer = requests.post(f"{service.url}/api/contact", timeout=10, json={
                "name": "Ada", "email": "ada@example.org", "subject": f"message {number}",
                "message": f"Sent while the mail server was down ({number})."})
            assert answer.status_code == 202, answer.text
        time.sleep(1.0)  # several failed attempts by both workers
        assert _outbox_statuses(service).get("sent", 0) == 0
        smtp.start()
        try:
            smtp.wait_for(MESSAGES, timeout=20)
            time.sleep(1.5)  # time for a duplicate to arrive, if a message were sent twice
            statuses = _outbox_statuses(service)
        finally:
            smtp.stop()
    subjects = sorted(str(item.mail["Subject"]) for item in smtp.received)
    assert subjects == sorted(f"[Contact] message {number}" for number in range(MESSAGES))
    assert set(smtp.message_id_counts().values()) == {1}
    assert statuses == {"sent": MESSAGES}
