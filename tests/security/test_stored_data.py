"""What the service keeps: no client address anywhere (database or rate-limit keys), and erasing an email
removes every row that named it and nothing else."""

from __future__ import annotations

import ipaddress

import redis

from tests.conftest import REDIS_URL
from tests.security.conftest import FIREFOX, every_row
from tests.service.conftest import SITE_ORIGIN
from tests.service.test_shared_limit import redis_prefix  # noqa: F401  (a fixture)

CLIENT_ADDRESSES = ["203.0.113.77", "2001:db8:4a7:77::77"]
FORWARDED_ADDRESS = "198.51.100.99"  # what a client claims in X-Forwarded-For (believed with one trusted hop)
GENEROUS_LIMITS = {f"HERALD_LIMIT_{name}": "1000 per minute" for name in ("COMMENTS", "BOARD", "CONTACT", "EVENTS",
                                                                          "EDITS")}


def spellings(address: str) -> set[str]:
    """The ways an address may be written down: as given, compressed, exploded, and reversed for DNS."""
    parsed = ipaddress.ip_address(address)
    return {address, str(parsed), parsed.exploded, parsed.reverse_pointer.rsplit(".", 2)[0]}


def visit_everything(client, remote_addr: str) -> None:
    """One visitor's session: comment (and edit it), open a thread and reply, write to the team, send events."""
    browser = {"environ_base": {"REMOTE_ADDR": remote_addr},
               "headers": {"User-Agent": FIREFOX, "X-Forwarded-For": FORWARDED_ADDRESS, "Origin": SITE_ORIGIN,
                           "Referer": f"{SITE_ORIGIN}/posts/clean-air/"}}
    comment = client.post("/api/comments", json={"page": "/posts/clean-air/", "author": "Ada", "email": "ada@example.org",
                                                 "website": "https://ada.example.org", "body": "Well said."}, **browser)
    assert comment.status_code == 201, comment.get_json()
    edited = client.patch(f"/api/comments/{comment.get_json()['id']}",
                          json={"body": "Well said!", "token": comment.get_json()["token"]}, **browser)
    assert edited.status_code == 200, edited.get_json()
    form = client.post("/api/comments", data={"page": "/posts/clean-air/", "author": "Bo", "body": "By form."}, **browser)
    assert form.status_code == 303
    thread = client.post("/api/board/threads", json={"title": "Bike lanes", "author": "Ada", "email": "ada@example.org",
                                                     "body": "Where next?"}, **browser)
    assert thread.status_code == 201, thread.get_json()
    reply = client.post(f"/api/board/threads/{thread.get_json()['id']}/posts",
                        json={"author": "Bo", "body": "Main Street."}, **browser)
    assert reply.status_code == 201, reply.get_json()
    contact = client.post("/api/contact", json={"name": "Ada", "email": "ada@example.org", "subject": "Hello",
                                                "message": "Can I help?"}, **browser)
    assert contact.status_code == 202, contact.get_json()
    for event in ({"type": "pageview", "path": "/posts/clean-air/", "referrer": "https://news.example/"},
                  {"type": "click", "path": "/posts/clean-air/", "label": "donate"}):
        assert client.post("/api/events", json=event, **browser).status_code == 204


def test_no_client_address_is_stored_in_any_column(make_app):
    for trusted_proxies in (0, 1):
        client = make_app(HERALD_TRUSTED_PROXIES=trusted_proxies).test_client()
        for address in CLIENT_ADDRESSES:
            visit_everything(client, address)
    rows = every_row(client.application)
    tables = {table for table, _key in rows}
    assert {"comments", "board_threads", "board_posts", "contact_messages", "events"} <= tables
    forbidden = set().union(*map(spellings, [*CLIENT_ADDRESSES, FORWARDED_ADDRESS]))
    for (table, key), row in rows.items():
        for column, value in row.items():
            assert not any(address in str(value) for address in forbidden), (table, key, column, value)


def test_rate_limit_keys_hold_no_client_address(make_app, redis_prefix):  # noqa: F811
    client = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=redis_prefix,
                      HERALD_TRUSTED_PROXIES=1, **GENEROUS_LIMITS).test_client()
    for address in CLIENT_ADDRESSES:
        visit_everything(client, address)
    store = redis.Redis.from_url(REDIS_URL)
    keys = list(store.scan_iter(f"*{redis_prefix}*"))
    assert keys, "the limiter wrote no keys; is it on?"
    forbidden = set().union(*map(spellings, [*CLIENT_ADDRESSES, FORWARDED_ADDRESS]))
    for key in keys:
        kind = store.type(key).decode()
        value = store.get(key) if kind == "string" else store.dump(key)
        text = key.decode(errors="replace") + repr(value)
        assert not any(address in text for address in forbidden), (key, value)
        assert store.ttl(key) > 0, f"{key!r} never expires"


def test_erasing_an_email_removes_every_row_that_named_it_and_nothing_else(client, admin_headers):
    person, other = "Erin@Example.org", "olu@example.org"
    for email in (person, person.lower(), other):
        comment = client.post("/api/comments", json={"page": "/p/", "author": "A", "email": email, "body": "hi"})
        client.post("/api/comments", json={"page": "/p/", "author": "B", "email": other, "body": "reply",
                                           "parent": comment.get_json()["id"]})
        thread = client.post("/api/board/threads", json={"title": f"by {email}", "author": "A", "email": email,
                                                         "body": "opening"}).get_json()
        client.post(f"/api/board/threads/{thread['id']}/posts", json={"author": "B", "email": other, "body": "re"})
        client.post(f"/api/board/threads/{thread['id']}/posts", json={"author": "C", "body": "re"})
        client.post("/api/contact", json={"name": "A", "email": email, "subject": "s", "message": "m"})
    before = every_row(client.application)
    named = {key for key, row in before.items() if _names(row, person)}
    opened_threads = {row["id"] for (table, _key), row in before.items()
                      if table == "board_threads" and _names(row, person)}
    assert {table for table, _key in named} == {"comments", "board_threads", "board_posts", "contact_messages"}

    answer = client.post("/api/admin/erase", json={"email": person.upper()}, headers=admin_headers)
    assert answer.status_code == 200, answer.get_json()
    after = every_row(client.application)

    assert not [key for key, row in after.items() if _names(row, person)]
    kept = {key for key, row in before.items() if key not in named
            and not (key[0] == "board_posts" and row["thread_id"] in opened_threads)}
    assert kept <= after.keys(), "erasure removed rows that did not name the person"
    for key in named & after.keys():  # a comment others replied to stays as an empty placeholder
        assert key[0] == "comments" and after[key]["status"] == "deleted" and not after[key]["body"]


def _names(row: dict[str, object], email: str) -> bool:
    return any(email.lower() in str(value).lower() for value in row.values())
