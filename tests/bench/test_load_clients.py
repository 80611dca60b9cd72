"""Both load clients number requests alike and pair every kept answer with the request that got it, against
a real server on loopback that answers each POST with the body it was sent; a tiny run of the service bench
with each. No time is asserted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from werkzeug.wrappers import Request as WsgiRequest
from werkzeug.wrappers import Response

from bench import wrk
from bench.load import LoadResult, Request, run_load
from bench.service_bench import CLIENTS, herald_scenarios
from tests.service.conftest import LiveServer


@WsgiRequest.application
def echo(request: WsgiRequest) -> Response:
    return Response(request.get_data(), status=201, content_type="application/json")


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with LiveServer(echo) as live:
        yield live.server.server_port


def numbered(number: int) -> Request:
    return Request("POST", "/", f'{{"number": "{number}"}}'.encode(), (("Content-Type", "application/json"),))


def check(result: LoadResult) -> None:
    assert result.ok_count > 0 and result.errors == 0 and result.p50_ms is not None
    assert len(result.kept) == result.ok_count
    for answer in result.kept:
        assert answer.body.strip() == f'{{"number": "{answer.number}"}}'.encode()
    numbers = sorted(answer.number for answer in result.kept)
    assert len(set(numbers)) == len(numbers), "two requests had the same number"


def test_the_python_client_pairs_answers_with_their_requests(port: int) -> None:
    check(run_load("127.0.0.1", port, numbered, connections=3, seconds=0.5, keep_bodies=True))


@pytest.mark.skipif(not wrk.available(), reason="wrk is not installed (Debian's package `wrk`)")
def test_wrk_pairs_answers_with_their_requests(port: int) -> None:
    result = wrk.run_wrk("127.0.0.1", port, numbered, connections=3, seconds=1, keep_bodies=True)
    assert result.client == "wrk"
    check(result)
    assert min(answer.number for answer in result.kept) == 0


@pytest.mark.parametrize("client", [name for name in CLIENTS if name == "python" or wrk.available()])
def test_a_tiny_service_run_counts_every_answer_and_checks_it(tmp_path, client: str) -> None:
    results = {result.scenario: result for result in herald_scenarios("sqlite", 1, 0.5, 2, tmp_path, client)}
    assert set(results) == {"GET 50 comments", "POST comment", "POST event"}
    assert all(result.ok > 0 and result.errors == 0 for result in results.values())
    posted, events = results["POST comment"], results["POST event"]
    assert posted.mismatched == 0
    for result in (posted, events):  # a request still in flight when the time is up is stored, not counted
        assert result.rows is not None and result.ok <= result.rows <= result.ok + 2
