"""A real SMTP server on loopback for tests (aiosmtpd), recording every message it accepts.

It can be stopped and started again on the same port, so a test can show that mail sent while the server was
down still arrives, once. Use the `smtp_server` fixture (import it into a test module) or the class directly.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.conftest import free_port


@dataclass(frozen=True)
class Received:
    """One accepted message: the envelope and the parsed mail."""

    mail_from: str
    rcpt_tos: list[str]
    mail: EmailMessage


class _Recorder:
    """aiosmtpd handler that keeps what it is given."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        mail = message_from_bytes(envelope.original_content or b"", policy=policy.default)
        with self.arrived:
            self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), mail))
            self.arrived.notify_all()
        return "250 Message accepted for delivery"


class RecordingSmtpServer:
    """An SMTP server on 127.0.0.1 and a fixed free port, that can go down and come back."""

    def __init__(self, port: int | None = None) -> None:
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self._recorder = _Recorder()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    @property
    def received(self) -> list[Received]:
        with self._recorder.arrived:
            return list(self._recorder.received)

    def start(self) -> None:
        self._controller = Controller(self._recorder, hostname=self.host, port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def message_id_counts(self) -> Counter[str]:
        """How often each Message-ID arrived (more than 1 means a duplicate delivery)."""
        return Counter(str(item.mail["Message-ID"]) for item in self.received)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        """Block until at least `count` messages arrived; fail the test if they do not in time."""
        deadline = time.monotonic() + timeout
        with self._recorder.arrived:
            while len(self._recorder.received) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    pytest.fail(f"expected {count} messages, the SMTP server got {len(self._recorder.received)}")
                self._recorder.arrived.wait(remaining)
            return list(self._recorder.received)

    def mail_to(self, address: str, timeout: float = 10.0) -> Received:
        """Block until a message for `address` alone arrived, and return the first; fail the test if none does."""
        deadline = time.monotonic() + timeout
        with self._recorder.arrived:
            while not (found := [item for item in self._recorder.received if item.rcpt_tos == [address]]):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    pytest.fail(f"no message for {address} arrived; the SMTP server got "
                                f"{len(self._recorder.received)} for others")
                self._recorder.arrived.wait(remaining)
            return found[0]


@pytest.fixture
def smtp_server() -> Iterator[RecordingSmtpServer]:
    """A running recording SMTP server for the test, stopped afterwards."""
    server = RecordingSmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
