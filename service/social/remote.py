"""What the networks' clients share: a post made there, a reply fetched from there, and the errors they raise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .failures import UNREACHABLE

USER_AGENT = "Herald syndication"  # how the service names itself to the networks and the site


class NetworkError(Exception):
    """A network did not do what was asked (down, refused, answered nonsense); the message says which and why,
    `summary` the class of failure in a short line for the dashboard (service/social/failures.py).
    The copy is retried with backoff; a reply fetch keeps the replies it had."""

    def __init__(self, message: str, summary: str = UNREACHABLE) -> None:
        super().__init__(message)
        self.summary = summary


class RemoteGone(Exception):
    """The post asked about no longer exists at the source (deleted there): its replies go too."""


@dataclass(frozen=True)
class RemotePost:
    """A post made on a network: its id there (a Mastodon status id, a Bluesky at:// URI) and its web address."""

    id: str
    url: str


@dataclass(frozen=True)
class FetchedReply:
    """A reply as a network gave it, its HTML already cleaned by the service's visitor allowlist."""

    id: str
    handle: str
    author: str
    url: str
    html: str
    created: datetime
