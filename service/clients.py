"""Who is asking: the client's address as the trusted proxies report it, only ever kept as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request


def client_address() -> str:
    """The client's address after ProxyFix (HERALD_TRUSTED_PROXIES hops); never a raw X-Forwarded-For."""
    return request.remote_addr or "unknown"


def keyed_hash(*parts: str) -> str:
    """An HMAC of the parts under SECRET_KEY: stable for one deployment, meaningless outside it."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.digest(key, "\x1f".join(parts).encode(), hashlib.sha256).hex()  # one-shot: C speed, per request


def client_key() -> str:
    """The rate-limit key for the client: a hash of its address, so Redis never holds an address either."""
    return keyed_hash("ratelimit", client_address())[:32]
