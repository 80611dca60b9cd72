"""The shared field checks (service/field_checks.py) and the control-character refusal every posting endpoint gets."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from service.field_checks import (LONE_SURROGATES, FieldProblem, checked, choice, date_within, email, iso_date,
                                  iso_datetime, line, site_path, text_block, web_address, whole_number)
from service.http.errors import ValidationError

SURROGATE_PROBLEM = "It holds a broken character (half of a UTF-16 pair, like \\ud800): type or paste it again."


def test_checked_names_every_wrong_field_at_once():
    checks = {"name": line(20, missing="Write a name."), "count": whole_number(1, 5), "note": line(10)}
    with pytest.raises(ValidationError) as raised:
        checked({"name": " ", "count": "6", "note": "fine"}, checks)
    assert raised.value.fields == {"name": "Write a name.", "count": "Use a whole number from 1 to 5."}
    assert checked({"name": "  Ada \t Lovelace ", "count": 5}, checks) == \
        {"name": "Ada Lovelace", "count": 5, "note": None}


@pytest.mark.parametrize("check, raw, problem", [
    (line(5), "abcdef", "Keep it to 5 characters (this has 6)."),
    (line(50, one_line=True), "Ada\r\nBcc: x@example.org", "Keep it on one line."),
    (line(50), "a\x00b", "Remove the invisible control characters (such as NUL) from it."),
    (text_block(3, missing="Write it."), " \n ", "Write it."),
    (text_block(9_999, missing="Write it."), "x" * 10_000, "Keep it to 9,999 characters (this has 10,000)."),
    (whole_number(1, 100), "9" * 5000, "Use a whole number from 1 to 100."),
    (whole_number(1, 100), "-1", "Use a whole number from 1 to 100."),
    (whole_number(1, 100), "٣", "Use a whole number from 1 to 100."),
    (choice(("pending", "all")), None, "Required: pending or all."),
    (choice(("pending", "all"), optional=True), "spam", "Use pending or all, or leave it out."),
    (web_address(100), "javascript:alert(1)",
     "Use a full address starting with http:// or https://, or leave it out."),
    (site_path(100), "/a/?q=1", "Use the page's path on the site, like /2024/05/03/clean-air/ "
                                "(no scheme, host, query or fragment)."),
    (site_path(100, drop_query=True), "/a/../b", "Use the page's path on the site, like /2024/05/03/clean-air/ "
                                                 "(no scheme or host)."),
    (line(50), "a\ud800b", SURROGATE_PROBLEM),
    (iso_date, "2024-13-01", "Use a date as YYYY-MM-DD."),
    (date_within(date(1970, 1, 1), date(2999, 12, 31)), "0001-01-05", "Use a date from 1970-01-01 to 2999-12-31."),
    (date_within(date(1970, 1, 1), date(2999, 12, 31)), "9999-12-31", "Use a date from 1970-01-01 to 2999-12-31."),
    (iso_datetime, "yesterday", "Use an ISO 8601 time, like 2024-05-03T10:00:00Z."),
])
def test_each_check_says_what_to_fix(check, raw, problem):
    with pytest.raises(FieldProblem) as raised:
        check(raw)
    assert str(raised.value) == problem


@pytest.mark.parametrize("check, raw, value", [
    (line(20), "  two   words\n", "two words"),
    (line(20), "", None),
    (text_block(50, missing="-"), "    code\nline  \n\n", "    code\nline"),
    (whole_number(1, 100, default=20), "", 20),
    (whole_number(1, 100), 7, 7),
    (choice(("pending", "all"), default="pending"), None, "pending"),
    (email(), " Ada@Example.ORG ", "Ada@example.org"),
    (email(), "", None),
    (web_address(100), "https://example.org/a", "https://example.org/a"),
    (site_path(100, drop_query=True), "/search/?q=air#top", "/search/"),
    (iso_date, "2024-05-03", date(2024, 5, 3)),
    (iso_datetime, "2024-05-03T10:00:00 00:00", datetime(2024, 5, 3, 10, tzinfo=UTC)),
    (iso_datetime, "2024-05-03T10:00:00", datetime(2024, 5, 3, 10, tzinfo=UTC)),
])
def test_each_check_gives_the_clean_value(check, raw, value):
    assert check(raw) == value


def test_a_required_email_keeps_the_validators_words():
    with pytest.raises(FieldProblem, match="Fill in your email"):
        email(missing="Fill in your email.")(" ")
    with pytest.raises(FieldProblem) as raised:
        email(missing="Fill in your email.")("not-an-address")
    assert "leave it out" not in str(raised.value)


@pytest.mark.parametrize("path, body, field", [
    ("/api/comments", {"page": "/a/", "author": "Ada", "body": "Hi\x00"}, "body"),
    ("/api/board/threads", {"title": "Hi", "author": "Ada\x07", "body": "Hello"}, "author"),
    ("/api/contact", {"name": "Ada", "email": "ada@example.org", "message": "Hi\x1b[2J"}, "message"),
    ("/api/events", {"type": "click", "path": "/", "label": "Sign\x00up"}, "label"),
])
def test_control_characters_are_refused_for_every_endpoint(client, path, body, field):
    response = client.post(path, json=body, headers={"User-Agent": "Mozilla/5.0 Firefox/125.0"})
    assert response.status_code == 400
    assert response.json["error"]["fields"] == {field: "Remove the invisible control characters (such as NUL) "
                                                       "from it."}


ENDPOINT_TEXT_FIELDS = [
    ("/api/comments", {"page": "/a/", "author": "Ada", "body": "Hi"}),
    ("/api/board/threads", {"title": "Hi", "author": "Ada", "body": "Hello"}),
    ("/api/contact", {"name": "Ada", "email": "ada@example.org", "subject": "Hi", "message": "Hello"}),
    ("/api/events", {"type": "click", "path": "/", "label": "Sign up", "referrer": "https://example.org/"}),
]


@pytest.mark.parametrize("path, body, field", [
    (path, body, field) for path, body in ENDPOINT_TEXT_FIELDS for field in body])
@pytest.mark.parametrize("content_type", ["application/json", "text/plain"])
def test_a_lone_surrogate_in_any_text_field_is_a_400_naming_it(client, path, body, field, content_type):
    """A JSON `\\ud800` escape decodes to half a UTF-16 pair, which nothing downstream can encode (once a 500)."""
    raw = json.dumps({**body, field: body[field][:1] + "\ud800"})  # ensure_ascii: the escape, as a client sends it
    response = client.post(path, data=raw, content_type=content_type,
                           headers={"User-Agent": "Mozilla/5.0 Firefox/125.0"})
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.json["error"]["fields"] == {field: SURROGATE_PROBLEM}


def test_a_surrogates_bytes_in_a_form_post_are_taken_as_text(client):
    """A browser's form cannot carry a lone surrogate: the form decoder never yields one, so no 500 either."""
    response = client.post("/api/board/threads", data=b"title=Hi&author=Ada&body=A%ED%A0%80",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 303
    [thread] = client.get("/api/board/threads").json["threads"]
    assert thread["excerpt"].startswith("A") and not LONE_SURROGATES.search(thread["excerpt"])


def test_tabs_and_line_breaks_are_text(client):
    response = client.post("/api/board/threads", data={"title": "Hi", "author": "Ada",
                                                       "body": "One\r\n\tTwo"})
    assert response.status_code == 303
    [thread] = client.get("/api/board/threads").json["threads"]
    assert thread["excerpt"] == "One Two"


def test_a_control_character_in_a_query_filter_is_a_400(client, admin_headers):
    response = client.get("/api/analytics/button_press?label=a%00b", headers=admin_headers)
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == {"label"}


@pytest.mark.parametrize("address", [
    "https://example.org\\@evil.example/",  # Python and browsers read different hosts
    "http://\\javascript:alert(1)",
    "http://example.org:99999/",
    "http://example.org:port/",
])
def test_web_addresses_that_browsers_and_python_read_differently_are_refused(address):
    with pytest.raises(FieldProblem, match="http:// or https://"):
        web_address(500)(address)
