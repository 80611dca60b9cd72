"""Whose budget a request spends: one per IPv4 address, one per IPv6 /64 (a single home or server holds a whole
/64), and an IPv4 address written as IPv6 is the same client as written plainly."""

from __future__ import annotations

import pytest

from service.http.client_addresses import client_network

EVENT = {"type": "pageview", "path": "/"}
FIREFOX = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}


@pytest.mark.parametrize(("address", "network"), [
    ("203.0.113.7", "203.0.113.7"),
    ("::ffff:203.0.113.7", "203.0.113.7"),
    ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
    ("2001:DB8:1:2::ffff", "2001:db8:1:2::/64"),
    ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
    ("unknown", "unknown"),
])
def test_the_network_a_budget_covers(address, network):
    assert client_network(address) == network


def post_from(client, address: str) -> int:
    return client.post("/api/events", json=EVENT, headers=FIREFOX, environ_base={"REMOTE_ADDR": address}).status_code


def test_addresses_of_one_ipv6_64_share_one_budget(make_app):
    client = make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_EVENTS="2 per minute").test_client()
    assert [post_from(client, f"2001:db8:1:2::{host}") for host in (1, 2, 3)] == [204, 204, 429]
    assert post_from(client, "2001:db8:1:2:ffff:ffff:ffff:ffff") == 429
    assert post_from(client, "2001:db8:1:3::1") == 204  # the next /64 is someone else


def test_an_ipv4_address_written_as_ipv6_is_the_same_client(make_app):
    client = make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_EVENTS="2 per minute").test_client()
    assert [post_from(client, address) for address in ("203.0.113.7", "::ffff:203.0.113.7", "203.0.113.7")] == [
        204, 204, 429]
    assert post_from(client, "203.0.113.8") == 204
