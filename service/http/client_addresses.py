"""Who is asking: the client's address as the trusted proxies report it, and the network one rate-limit budget
covers; stored, or handed to Redis, only ever as a keyed hash."""

from __future__ import annotations

import ipaddress

from flask import request

from ..keyed_hash import keyed_hash


def client_address() -> str:
    """The client's address after ProxyFix (HERALD_TRUSTED_PROXIES hops); never a raw X-Forwarded-For."""
    return request.remote_addr or "unknown"


def client_network(address: str) -> str:
    """What one rate-limit budget covers: an IPv4 address, or the /64 an IPv6 address is in.

    A home or a server on IPv6 is given a whole /64 (2^64 addresses) to pick from, so per address the limits
    would not hold anyone. An IPv4 address written as IPv6 (::ffff:203.0.113.7) counts as itself.
    """
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address  # not an IP (a Unix socket's peer, "unknown"): one budget for all such
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((int(parsed) >> 64 << 64, 64)))
    return str(parsed)


def client_key() -> str:
    """The rate-limit key for the client's network: a hash, so Redis never holds an address either."""
    return keyed_hash("ratelimit", client_network(client_address()))[:32]
