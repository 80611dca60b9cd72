"""Syndication's settings: the site's feed and the accounts, from the environment only, checked at start.

The Mastodon token and the Bluesky app password are the networks' secrets, not ours, so their length is theirs
to decide; a handle or URL that cannot be right stops the start with a message naming the variable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from ..config import ConfigError, positive_setting

MASTODON = "mastodon"
BLUESKY = "bluesky"
NETWORKS = (MASTODON, BLUESKY)
# A Bluesky handle is a domain name (atproto's handle syntax): labels of letters, digits and hyphens, a TLD that
# starts with a letter, 253 characters at most.
HANDLE = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?")


@dataclass(frozen=True)
class Account:
    """One configured account: its network, who it is (the name the dashboard shows), and how to reach it."""

    network: str
    name: str
    server: str  # the Mastodon server's or the Bluesky PDS's base URL
    secret: str  # the Mastodon access token, or the Bluesky app password


@dataclass(frozen=True)
class SocialSettings:
    """Everything syndication reads from the app's config, parsed."""

    feed_url: str | None
    accounts: tuple[Account, ...]
    worker: bool
    poll_seconds: float
    timeout: float
    replies_window: timedelta  # how long after posting a copy's replies are fetched
    bluesky_appview: str  # where public threads are read (getPostThread)

    def account(self, network: str) -> Account | None:
        return next((account for account in self.accounts if account.network == network), None)


def load_settings(config: Mapping[str, Any]) -> SocialSettings:
    """Parse the social settings (defaults and environment already applied by service/config.py)."""
    accounts = tuple(account for account in (_mastodon(config), _bluesky(config)) if account is not None)
    feed_url = _text(config, "HERALD_SOCIAL_FEED")
    if feed_url is None and accounts and config.get("HERALD_SITE_ORIGIN"):
        feed_url = f"{str(config['HERALD_SITE_ORIGIN']).rstrip('/')}/atom.xml"
    if accounts and feed_url is None:
        raise ConfigError("HERALD_SOCIAL_FEED is not set and neither is HERALD_SITE_ORIGIN: name the site's Atom "
                          "feed (https://example.org/atom.xml) so the service can see new posts")
    if feed_url is not None:
        _web_address("HERALD_SOCIAL_FEED", feed_url)
    return SocialSettings(feed_url=feed_url, accounts=accounts, worker=bool(config["HERALD_SOCIAL_WORKER"]),
                          poll_seconds=positive_setting(config, "HERALD_SOCIAL_POLL_SECONDS"),
                          timeout=positive_setting(config, "HERALD_SOCIAL_TIMEOUT"),
                          replies_window=timedelta(days=positive_setting(config, "HERALD_SOCIAL_REPLIES_DAYS")),
                          bluesky_appview=_appview(config))


def _mastodon(config: Mapping[str, Any]) -> Account | None:
    pair = _both_or_neither(config, "HERALD_MASTODON_URL", "HERALD_MASTODON_TOKEN",
                            "your server, https://mastodon.social, and an access token with write:statuses and "
                            "read:statuses")
    if pair is None:
        return None
    server, token = pair
    return Account(MASTODON, _web_address("HERALD_MASTODON_URL", server), server.rstrip("/"), token)


def _bluesky(config: Mapping[str, Any]) -> Account | None:
    pair = _both_or_neither(config, "HERALD_BLUESKY_HANDLE", "HERALD_BLUESKY_APP_PASSWORD",
                            "the account's handle, cleanair.bsky.social, and an app password from Bluesky's "
                            "settings, never the account's password")
    if pair is None:
        return None
    handle, password = pair[0].removeprefix("@").lower(), pair[1]
    if not HANDLE.fullmatch(handle):
        raise ConfigError(f"HERALD_BLUESKY_HANDLE={handle!r} is not a Bluesky handle: write the domain name the "
                          "account goes by, without spaces or @ inside, like cleanair.bsky.social")
    server = _text(config, "HERALD_BLUESKY_SERVICE") or "https://bsky.social"
    _web_address("HERALD_BLUESKY_SERVICE", server)
    return Account(BLUESKY, handle, server.rstrip("/"), password)


def _appview(config: Mapping[str, Any]) -> str:
    appview = _text(config, "HERALD_BLUESKY_APPVIEW") or "https://public.api.bsky.app"
    _web_address("HERALD_BLUESKY_APPVIEW", appview)
    return appview.rstrip("/")


def _both_or_neither(config: Mapping[str, Any], first: str, second: str, what: str) -> tuple[str, str] | None:
    """An account's two settings, or None when neither is set; one without the other stops the start."""
    values = _text(config, first), _text(config, second)
    if values == (None, None):
        return None
    if None in values:
        raise ConfigError(f"Set both {first} and {second} ({what}), or neither")
    return values  # type: ignore[return-value]


def _text(config: Mapping[str, Any], name: str) -> str | None:
    value = str(config.get(name) or "").strip()
    return value or None


def _web_address(name: str, url: str) -> str:
    """The host of an http(s) URL, or a ConfigError naming the setting."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"{name}={url!r} is not a web address; write it like https://example.org")
    return parts.netloc
