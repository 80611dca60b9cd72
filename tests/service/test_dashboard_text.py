"""What the dashboard writes reads as words: no "None" for a missing subject, no code markup in its problems,
dates as the site writes them."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest
from sqlalchemy import text

from tests.service.test_dashboard_views import app, dashboard  # noqa: F401  (fixtures)


def send_contact_message(client, **fields: str) -> int:
    sent = client.post("/api/contact", json={"name": "Ada", "email": "ada@example.org", "message": "Hello", **fields})
    assert sent.status_code == 202
    return sent.json["id"]


def outbox_item(client, message_id: int):  # type: ignore[no-untyped-def]
    [item] = lxml.html.fromstring(client.get("/admin/outbox").text).xpath(f'//li[@id="message-{message_id}"]')
    return item


def test_a_message_without_a_subject_says_so_instead_of_none(client, dashboard):  # noqa: F811
    message_id = send_contact_message(client)
    item = outbox_item(client, message_id)
    [subject] = item.xpath('.//p[contains(@class, "subject")]')
    assert subject.text_content() == "(no subject)" and "empty" in subject.get("class")
    assert "None" not in item.text_content()


def test_a_message_with_a_subject_shows_it(client, dashboard):  # noqa: F811
    item = outbox_item(client, send_contact_message(client, subject="Volunteering"))
    assert item.xpath('string(.//p[@class="subject"])') == "Volunteering"


def test_outbox_times_read_as_the_sites_dates_with_the_time_in_utc(app, client, dashboard):  # noqa: F811
    message_id = send_contact_message(client)
    with app.extensions["herald_db"].engine.begin() as connection:
        connection.execute(text("UPDATE contact_messages SET created = :moment WHERE id = :id"),
                           {"moment": datetime(2026, 12, 7, 3, 34, tzinfo=UTC), "id": message_id})
    assert outbox_item(client, message_id).xpath("string(.//time)") == "7 December 2026, 03:34 UTC"


@pytest.mark.parametrize(("query", "field", "reads"), [
    ("from=2026-02-01&to=2026-01-01", "From", "From: Must be on or before the end date."),
    ("from=yesterday", "From", "From: Use a date as YYYY-MM-DD."),
    ("from=2024-01-01&to=2026-01-01", "To", "To: The range may span at most 366 days."),
])
def test_analytics_problems_read_as_plain_words(client, dashboard, query, field, reads):  # noqa: F811
    page = lxml.html.fromstring(client.get(f"/admin/analytics?{query}").text)
    [problem] = page.xpath('//p[@role="alert"]')
    words = problem.text_content()
    assert words.startswith(reads) and "`" not in words
    assert page.xpath(f'//label[text()="{field}"]')  # the field the problem names, by its label
