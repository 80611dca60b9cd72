"""Talking to the mail server named by HERALD_SMTP_URL: parsing the URL and sending one message."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from ..config import ConfigError

URL_EXAMPLE = "smtp://user:password@mail.example.org:587?starttls=1 (or smtps://... for implicit TLS)"
DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
TRUE_WORDS = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to hand mail over; `str()` never shows the password."""

    host: str
    port: int
    implicit_tls: bool = False
    starttls: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = 10.0

    def __str__(self) -> str:
        scheme = "smtps" if self.implicit_tls else "smtp"
        return f"{scheme}://{self.host}:{self.port}{'?starttls=1' if self.starttls else ''}"

    def send(self, message: EmailMessage) -> None:
        """Hand `message` to the server; raises OSError or smtplib.SMTPException when that fails."""
        connection: smtplib.SMTP
        if self.implicit_tls:
            connection = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                          context=ssl.create_default_context())
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with connection:
            if self.starttls:
                connection.starttls(context=ssl.create_default_context())
            if self.username:
                connection.login(self.username, self.password or "")
            connection.send_message(message)


def parse_smtp_url(url: str, *, timeout: float) -> SmtpServer:
    """An `SmtpServer` from `smtp://user:pass@host:port[?starttls=1]` or `smtps://...`; ConfigError if malformed."""
    parts = urlsplit(url.strip())
    if parts.scheme not in DEFAULT_PORTS:
        raise ConfigError(f"HERALD_SMTP_URL must start with smtp:// or smtps://; write it like {URL_EXAMPLE}")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as error:
        raise ConfigError(f"HERALD_SMTP_URL has a bad port; write it like {URL_EXAMPLE}") from error
    if not parts.hostname:
        raise ConfigError(f"HERALD_SMTP_URL names no host; write it like {URL_EXAMPLE}")
    starttls = parse_qs(parts.query).get("starttls", ["0"])[-1].strip().lower() in TRUE_WORDS
    if starttls and parts.scheme == "smtps":
        raise ConfigError("HERALD_SMTP_URL: smtps:// is already encrypted; drop ?starttls=1 or use smtp://")
    return SmtpServer(
        host=parts.hostname,
        port=port,
        implicit_tls=parts.scheme == "smtps",
        starttls=starttls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        timeout=timeout,
    )
