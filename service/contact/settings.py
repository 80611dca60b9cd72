"""The contact concern's settings, read and checked once when the app is built, so a typo stops the start.

Defaults live with the service's other settings in service/config.py.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from email.errors import HeaderParseError
from email.headerregistry import Address

from ..config import ConfigError, positive_setting
from .smtp import SmtpServer, parse_smtp_url

TOPICS_EXAMPLE = "press=press@example.org,volunteering=help@example.org"



@dataclass(frozen=True)
class ContactSettings:
    """Everything the contact concern reads from the app's config, parsed."""

    contact_to: str | None
    sender: str
    topics: dict[str, str]
    smtp: SmtpServer | None
    worker: bool
    poll_seconds: float
    retry_seconds: float
    retry_max_seconds: float
    max_attempts: int

    def recipient_for(self, topic: str | None) -> str | None:
        """The address a message on `topic` goes to (the general address when there is no topic)."""
        return self.topics[topic] if topic else self.contact_to


def load_settings(config: MutableMapping[str, Any]) -> ContactSettings:
    """Parse every contact setting (defaults and environment already applied by service/config.py)."""
    contact_to = _address(config, "HERALD_CONTACT_TO")
    smtp_url = config.get("HERALD_SMTP_URL")
    if smtp_url and not contact_to:
        raise ConfigError("HERALD_SMTP_URL is set but HERALD_CONTACT_TO is not: name the address contact mail goes to")
    timeout = positive_setting(config, "HERALD_SMTP_TIMEOUT")
    return ContactSettings(
        contact_to=contact_to,
        sender=_address(config, "HERALD_CONTACT_FROM") or "herald@localhost",
        topics=parse_topics(str(config.get("HERALD_CONTACT_TOPICS") or "")),
        smtp=parse_smtp_url(smtp_url, timeout=timeout) if smtp_url else None,
        worker=bool(config["HERALD_CONTACT_WORKER"]),
        poll_seconds=positive_setting(config, "HERALD_CONTACT_POLL_SECONDS"),
        retry_seconds=positive_setting(config, "HERALD_CONTACT_RETRY_SECONDS"),
        retry_max_seconds=positive_setting(config, "HERALD_CONTACT_RETRY_MAX_SECONDS"),
        max_attempts=int(positive_setting(config, "HERALD_CONTACT_MAX_ATTEMPTS")),
    )


def parse_topics(raw: str) -> dict[str, str]:
    """`press=press@example.org,volunteering=help@example.org` as {topic: address}; ConfigError if malformed."""
    topics: dict[str, str] = {}
    for part in filter(None, (piece.strip() for piece in raw.split(","))):
        name, equals, address = (piece.strip() for piece in part.partition("="))
        if not equals or not name or not address:
            raise ConfigError(f"HERALD_CONTACT_TOPICS: {part!r} is not topic=address; write it like {TOPICS_EXAMPLE}")
        if name in topics:
            raise ConfigError(f"HERALD_CONTACT_TOPICS names the topic {name!r} twice; keep one")
        topics[name] = _checked_address(f"HERALD_CONTACT_TOPICS ({name})", address)
    return topics


def _address(config: Mapping[str, Any], name: str) -> str | None:
    value = str(config.get(name) or "").strip()
    return _checked_address(name, value) if value else None


def _checked_address(name: str, address: str) -> str:
    """An operator's own address; lenient (root@localhost is fine) but never something that breaks a header."""
    try:
        return Address(addr_spec=address).addr_spec
    except (ValueError, IndexError, HeaderParseError) as error:  # what the email package raises for bad ones
        raise ConfigError(f"{name}={address!r} is not an email address; write it like help@example.org") from error
