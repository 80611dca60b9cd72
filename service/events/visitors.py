"""What the events keep of a visitor: a browser family, a referring site's host, and a hash that lasts one day.

No Flask in here: callers hand over the headers' values and the secret, so these work in any context.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .models import HOST_LENGTH

if TYPE_CHECKING:
    from werkzeug.datastructures import Headers

# Substrings (lower case) of user agents that are programs, not people. Checked before anything is stored.
BOT_MARKERS = (
    "bot", "crawl", "spider", "slurp", "headless", "phantomjs", "puppeteer", "selenium", "lighthouse",
    "curl/", "wget/", "httpie/", "python-requests", "python-urllib", "python-httpx", "aiohttp", "okhttp",
    "go-http-client", "java/", "apache-httpclient", "libwww-perl", "node-fetch", "axios/", "scrapy",
    "feedfetcher", "facebookexternalhit", "preview", "monitor", "uptime", "pingdom", "validator",
)
_BOT_PATTERN = re.compile("|".join(re.escape(marker) for marker in BOT_MARKERS))

# (family, tokens) in the order they must be tried: Edge and Opera also claim Chrome, Chrome claims Safari.
BROWSER_FAMILIES = (
    ("Edge", ("edg/", "edge/", "edga/", "edgios/")),
    ("Opera", ("opr/", "opera", "opios/")),
    ("Firefox", ("firefox/", "fxios/")),
    ("Chrome", ("chrome/", "crios/", "chromium/")),
    ("Safari", ("safari/",)),
)
OTHER_BROWSER = "Other"


def is_bot(user_agent: str | None) -> bool:
    """Whether the user agent is a crawler, a monitor or a script; a missing one is never a browser."""
    return not user_agent or _BOT_PATTERN.search(user_agent.lower()) is not None


def browser_family(user_agent: str | None) -> str | None:
    """The browser family (Firefox, Chrome, Safari, Edge, Opera or Other), or None with no user agent."""
    if not user_agent:
        return None
    lowered = user_agent.lower()
    for family, tokens in BROWSER_FAMILIES:
        if any(token in lowered for token in tokens):
            return family
    return OTHER_BROWSER


def referrer_host(referrer: str | None, own_hosts: Collection[str]) -> str | None:
    """The referring site's host name, or None when there is none or it is one of our own hosts."""
    if not referrer:
        return None
    try:
        parts = urlsplit(referrer.strip())
        host = parts.hostname
    except ValueError:  # e.g. a malformed IPv6 literal
        return None
    if parts.scheme not in {"http", "https"} or not host or host in own_hosts:
        return None
    return host[:HOST_LENGTH]


def visitor_hash(daily_salt: str, address: str, user_agent: str | None) -> str:
    """A keyed hash of (address, user agent) under one day's salt: counts visitors without knowing them."""
    message = f"{address}\x1f{user_agent or ''}".encode()
    return hmac.digest(daily_salt.encode(), message, hashlib.sha256).hex()


def tracking_refused(headers: Headers | Mapping[str, str]) -> bool:
    """Whether the browser asks not to be tracked (Do Not Track or Global Privacy Control)."""
    return headers.get("DNT", "").strip() == "1" or headers.get("Sec-GPC", "").strip() == "1"
