"""`<id:...>` routes take the ids an INTEGER column holds and answer 404, never 405 or 500, for any other number."""

from __future__ import annotations

import random
import re

import pytest

from service.db import ID_MAX
from service.http.url_ids import up_to


@pytest.mark.parametrize("limit", [1, 9, 10, 19, 20, 99, 100, 205, 999, 1000, 2024])
def test_the_pattern_matches_exactly_one_to_the_limit(limit):
    pattern = re.compile(up_to(limit))
    assert [number for number in range(3000) if pattern.fullmatch(str(number))] == list(range(1, limit + 1))


def test_the_id_pattern_stops_at_the_largest_integer():
    pattern = re.compile(up_to(ID_MAX))
    edge = range(ID_MAX - 1000, ID_MAX + 1000)
    samples = [*edge, *random.Random(7).sample(range(1, 10**11), 2000), 10**40]
    assert [number for number in samples if pattern.fullmatch(str(number))] == \
        [number for number in samples if number <= ID_MAX]
    assert pattern.fullmatch("0042") and not pattern.fullmatch("0") and not pattern.fullmatch("-1")


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/comments/{id}"),
    ("PATCH", "/api/comments/{id}"),
    ("DELETE", "/api/comments/{id}"),
    ("GET", "/api/board/threads/{id}"),
    ("POST", "/api/board/threads/{id}/posts"),
    ("POST", "/api/admin/comments/{id}/approve"),
    ("DELETE", "/api/admin/board/posts/{id}"),
    ("POST", "/api/admin/board/threads/{id}/lock"),
    ("DELETE", "/api/admin/contact/{id}"),
])
@pytest.mark.parametrize("number", ["0", str(ID_MAX + 1), "9" * 40, "١٢"])
def test_numbers_that_name_no_row_are_404(client, admin_headers, method, path, number):
    response = client.open(path.format(id=number), method=method, headers=admin_headers, json={})
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"
