"""The console mailer: with no mail server configured, each mail is written whole to the service's standard
error (its console log), as Django's console e-mail backend does, so the demo's sign-in links can be followed
with no set-up."""

from __future__ import annotations

import sys
import threading
from email.message import EmailMessage
from typing import TextIO

SEPARATOR = "-" * 72


class ConsoleMailer:
    """Prints every mail it is given instead of sending it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._lock = threading.Lock()  # two threads' mails never interleave

    def send(self, message: EmailMessage) -> None:
        stream = self._stream or sys.stderr  # looked up at each send: a test or a server may replace it
        with self._lock:
            stream.write(f"{SEPARATOR}\nMail not sent (no HERALD_SMTP_URL); it reads:\n{readable(message)}\n"
                         f"{SEPARATOR}\n")
            stream.flush()


def readable(message: EmailMessage) -> str:
    """The mail as a person reads it: its headers, then its text decoded (the wire's quoted-printable would
    break a long link across lines with `=`); a mail with parts is shown as sent."""
    if message.is_multipart():
        return message.as_string()
    headers = "".join(f"{name}: {value}\n" for name, value in message.items()
                      if name.lower() not in {"content-type", "content-transfer-encoding", "mime-version"})
    return f"{headers}\n{message.get_content()}"
