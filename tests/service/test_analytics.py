"""`GET /api/analytics/page_views` and `/button_press`: counts by day and by page or button, for the admin."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask

from service.db import database
from service.events.models import Event
from tests.service.test_events import BROWSER, matches_openapi

MAY_1 = date(2024, 5, 1)


def seed(app: Flask, *events: tuple[str, str, str | None, date, str | None]) -> None:
    """Store events as (type, path, label, day, visitor)."""
    with app.app_context(), database().session() as session:
        session.add_all(
            Event(type=kind, path=path, label=label, day=day, visitor=visitor,
                  created=datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=12))
            for kind, path, label, day, visitor in events)


def views(path: str, day: date, visitor: str | None = "v1") -> tuple[str, str, None, date, str | None]:
    return ("pageview", path, None, day, visitor)


def clicks(label: str, day: date, visitor: str | None = "v1") -> tuple[str, str, str, date, str | None]:
    return ("click", "/", label, day, visitor)


def test_page_views_by_day_with_every_day_zero_filled_and_by_path(app, client, admin_headers):
    # Visitor hashes change every day, so the same person is "a" on May 1 and "a'" on May 3.
    may_3 = MAY_1 + timedelta(days=2)
    seed(app, views("/", MAY_1, "a"), views("/", MAY_1, "a"), views("/about/", MAY_1, "b"), views("/", may_3, "a'"),
         views("/", MAY_1 - timedelta(days=1)), views("/", may_3 + timedelta(days=1)),  # outside the range
         clicks("Donate", MAY_1), ("comment", "/", None, MAY_1, "a"))  # other types
    response = client.get("/api/analytics/page_views?from=2024-05-01&to=2024-05-03", headers=admin_headers)
    assert response.status_code == 200
    matches_openapi("get", "/api/analytics/page_views", response)
    report = response.json
    assert (report["from"], report["to"], report["path"]) == ("2024-05-01", "2024-05-03", None)
    assert report["by_day"] == [
        {"day": "2024-05-01", "count": 3, "visitors": 2},
        {"day": "2024-05-02", "count": 0, "visitors": 0},
        {"day": "2024-05-03", "count": 1, "visitors": 1},
    ]
    assert (report["total"], report["visitors"]) == (4, 3)
    assert report["by_path"] == [{"path": "/", "count": 3, "visitors": 2},
                                 {"path": "/about/", "count": 1, "visitors": 1}]
    assert report["series"] == [{"path": "/", "counts": [2, 0, 1]}, {"path": "/about/", "counts": [1, 0, 0]}]


def test_page_views_of_one_path(app, client, admin_headers):
    seed(app, views("/", MAY_1), views("/about/", MAY_1), views("/about/", MAY_1, "c"))
    report = client.get("/api/analytics/page_views?from=2024-05-01&to=2024-05-01&path=/about/",
                        headers=admin_headers).json
    assert report["path"] == "/about/"
    assert report["by_day"] == [{"day": "2024-05-01", "count": 2, "visitors": 2}]
    assert report["by_path"] == [{"path": "/about/", "count": 2, "visitors": 2}]


def test_events_without_a_visitor_hash_count_but_are_no_visitors(app, client, admin_headers):
    seed(app, views("/", MAY_1, None), views("/", MAY_1, None))
    report = client.get("/api/analytics/page_views?from=2024-05-01&to=2024-05-01", headers=admin_headers).json
    assert (report["total"], report["visitors"]) == (2, 0)


def test_button_presses_by_day_and_label_most_pressed_first(app, client, admin_headers):
    may_2 = MAY_1 + timedelta(days=1)
    seed(app, clicks("Share", MAY_1), clicks("Donate", MAY_1, "a"), clicks("Donate", may_2, "b"),
         clicks("Donate", may_2, "c"), views("/", MAY_1))
    response = client.get("/api/analytics/button_press?from=2024-05-01&to=2024-05-02", headers=admin_headers)
    matches_openapi("get", "/api/analytics/button_press", response)
    report = response.json
    assert report["label"] is None
    assert [entry["count"] for entry in report["by_day"]] == [2, 2]
    assert report["by_label"] == [{"label": "Donate", "count": 3, "visitors": 3},
                                  {"label": "Share", "count": 1, "visitors": 1}]
    assert report["series"] == [{"label": "Donate", "counts": [1, 2]}, {"label": "Share", "counts": [1, 0]}]
    only = client.get("/api/analytics/button_press?from=2024-05-01&to=2024-05-02&label=Share",
                      headers=admin_headers).json
    assert (only["total"], only["by_label"]) == (1, [{"label": "Share", "count": 1, "visitors": 1}])


def test_the_ranking_stops_at_50_and_the_series_at_10(app, client, admin_headers):
    seed(app, *(views(f"/page-{number:02}/", MAY_1) for number in range(60)), views("/page-59/", MAY_1))
    report = client.get("/api/analytics/page_views?from=2024-05-01&to=2024-05-01", headers=admin_headers).json
    assert report["total"] == 61
    assert len(report["by_path"]) == 50
    assert report["by_path"][:2] == [{"path": "/page-59/", "count": 2, "visitors": 1},
                                     {"path": "/page-00/", "count": 1, "visitors": 1}]
    assert [entry["path"] for entry in report["series"]] == [entry["path"] for entry in report["by_path"][:10]]


def test_by_default_the_last_30_days_up_to_today(app, client, admin_headers):
    client.post("/api/events", json={"type": "pageview", "path": "/"}, **BROWSER)
    report = client.get("/api/analytics/page_views", headers=admin_headers).json
    today = datetime.now(UTC).date()
    assert (report["from"], report["to"]) == ((today - timedelta(days=29)).isoformat(), today.isoformat())
    assert len(report["by_day"]) == 30
    assert report["by_day"][-1] == {"day": today.isoformat(), "count": 1, "visitors": 1}


@pytest.mark.parametrize("days", ["from=1970-01-01&to=1970-01-01", "to=1970-01-05", "from=2999-12-31&to=2999-12-31"])
def test_the_first_and_last_days_allowed(client, admin_headers, days):
    assert client.get(f"/api/analytics/page_views?{days}", headers=admin_headers).status_code == 200


def test_a_range_of_366_days_is_allowed(client, admin_headers):
    response = client.get("/api/analytics/button_press?from=2024-01-01&to=2024-12-31", headers=admin_headers)
    assert response.status_code == 200
    assert len(response.json["by_day"]) == 366


@pytest.mark.parametrize(("query", "fields"), [
    ("from=2024-13-01&to=2024-12-31", {"from"}),
    ("from=yesterday", {"from"}),
    ("from=2024-05-01&to=05/03/2024", {"to"}),
    ("from=2024-05-02&to=2024-05-01", {"from"}),
    ("from=2023-01-01&to=2024-01-02", {"to"}),
    ("from=2024-05-01&to=2024-05-02&path=posts", {"path"}),
    ("from=nope&path=https://evil.example/", {"from", "path"}),
    # The calendar's ends: a default start 30 days before year 1 once overflowed into a 500.
    ("to=0001-01-05", {"to"}),
    ("to=0001-01-01", {"to"}),
    ("to=9999-12-31", {"to"}),
    ("from=0001-01-01&to=0001-01-05", {"from", "to"}),
    ("from=9999-12-31", {"from"}),
    ("from=1969-12-31&to=1970-01-01", {"from"}),
    ("from=2999-12-31&to=3000-01-01", {"to"}),
])
def test_bad_ranges_and_filters_are_400_naming_the_field(client, admin_headers, query, fields):
    response = client.get(f"/api/analytics/page_views?{query}", headers=admin_headers)
    assert response.status_code == 400
    matches_openapi("get", "/api/analytics/page_views", response)
    assert set(response.json["error"]["fields"]) == fields


def test_a_too_long_label_filter_is_400(client, admin_headers):
    response = client.get(f"/api/analytics/button_press?label={'x' * 201}", headers=admin_headers)
    assert response.status_code == 400
    assert set(response.json["error"]["fields"]) == {"label"}


@pytest.mark.parametrize("route", ["/api/analytics/page_views", "/api/analytics/button_press"])
def test_analytics_need_the_admin_token(make_app, client, route):
    closed = make_app(HERALD_ADMIN_TOKEN=None).test_client()
    responses = [client.get(route), client.get(route, headers={"Authorization": "Bearer wrong"}),
                 closed.get(route, headers={"Authorization": "Bearer anything"})]
    assert [response.status_code for response in responses] == [401, 401, 403]
    for response in responses:
        matches_openapi("get", route, response)
