"""Keyed hashes under SECRET_KEY: what the service keeps instead of a client's address or the admin token."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app


def keyed_hash(*parts: str) -> str:
    """An HMAC of the parts under SECRET_KEY: stable for one deployment, meaningless outside it."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.digest(key, "\x1f".join(parts).encode(), hashlib.sha256).hex()  # one-shot: C speed, per request
