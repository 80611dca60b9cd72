"""The secret in a comment's edit token: random, made when the comment is stored, kept only as its SHA-256.

The row holds the hash, never the secret, so whoever reads the database (a backup, a leak) cannot make a token
from it. A fast hash is enough: 256 random bits leave nothing to guess, which slow hashes exist to guard.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

HASH_LENGTH = 64  # hex of SHA-256
_SECRET_BYTES = 32


def new_edit_secret() -> tuple[str, str]:
    """A fresh secret, for its author's token, and its hash, for the row."""
    secret = secrets.token_urlsafe(_SECRET_BYTES)
    return secret, _hash(secret)


def secret_matches(secret: str, stored_hash: str | None) -> bool:
    """Whether `secret` is the one `stored_hash` was made from, compared in constant time; no hash matches nothing."""
    return stored_hash is not None and hmac.compare_digest(_hash(secret), stored_hash)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
