"""Both load clients number requests alike and pair every kept answer with the request that got it, against
a real server on loopback that answers each POST with the body it was sent. No time is asserted."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request as WsgiRequest
from werkzeug.wrappers import Response

from bench import wrk
from bench.load import LoadResult, Request, run_load


@WsgiRequest.application
def echo(request: WsgiRequest) -> Response:
    return Response(request.get_data(), status=201, content_type="application/json")


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    server = make_server("127.0.0.1", 0, echo, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join(timeout=5)


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
