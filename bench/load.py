"""A small HTTP/1.1 load client on asyncio: N connections, each sending requests back to back for a fixed time.

It keeps every answer's status and latency, and the body when asked (to check what POSTs created). A
connection the server closes (gunicorn's sync workers close after each answer) is simply opened again.
Every request has a timeout and the whole run a deadline, so it always ends by itself.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field

REQUEST_TIMEOUT = 10.0

# Answers that never carry a body (RFC 9110): reading one would wait for the server to hang up.
BODILESS_STATUSES = {204, 304} | set(range(100, 200))


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Answer:
    number: int  # which request, as numbered by the load's request factory
    status: int  # 0 when no answer came (connection error or timeout)
    seconds: float | None  # None when the client measured latencies on its own (wrk)
    body: bytes = b""


@dataclass(frozen=True)
class LoadResult:
    """What one load measured, whichever client ran it."""

    client: str  # "python" (this module) or "wrk" (bench/wrk.py)
    seconds: float
    requests: int  # answered or failed
    ok_count: int  # 2xx answers
    p50_ms: float | None
    p99_ms: float | None
    kept: list[Answer] = field(default_factory=list)  # the 2xx answers with their bodies, when asked to keep them

    @property
    def errors(self) -> int:
        return self.requests - self.ok_count

    @property
    def requests_per_second(self) -> float:
        return self.ok_count / self.seconds if self.seconds else 0.0


def _percentile_ms(answers: list[Answer], fraction: float) -> float | None:
    latencies = sorted(answer.seconds for answer in answers if answer.status and answer.seconds is not None)
    if not latencies:
        return None
    return latencies[min(len(latencies) - 1, int(fraction * len(latencies)))] * 1000


def summarize(seconds: float, answers: list[Answer], keep_bodies: bool) -> LoadResult:
    ok = [answer for answer in answers if 200 <= answer.status < 300]
    return LoadResult("python", seconds, len(answers), len(ok), _percentile_ms(answers, 0.5),
                      _percentile_ms(answers, 0.99), ok if keep_bodies else [])


class _Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def exchange(self, request: Request) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        headers = [("Host", f"{self.host}:{self.port}"), ("Content-Length", str(len(request.body))), *request.headers]
        head = f"{request.method} {request.path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
        self.writer.write(head.encode("latin-1") + b"\r\n" + request.body)
        await self.writer.drain()
        status_and_headers = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(status_and_headers[0].split()[1])
        fields = {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip()
                  for line in status_and_headers[1:] if ":" in line}
        if status in BODILESS_STATUSES or request.method == "HEAD":
            body = b""  # no body by definition, whatever the headers say; the connection stays open
        elif "content-length" in fields:
            body = await self.reader.readexactly(int(fields["content-length"]))
        else:
            body = await self.reader.read()
            fields["connection"] = "close"
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass  # the server closed first; nothing left to flush
        self.reader = self.writer = None


async def _run(host: str, port: int, make_request: Callable[[int], Request], connections: int, seconds: float,
               keep_bodies: bool, limit: int | None) -> LoadResult:
    numbers = itertools.count()
    answers: list[Answer] = []
    started = time.perf_counter()
    deadline = started + seconds

    async def worker() -> None:
        connection = _Connection(host, port)
        try:
            while time.perf_counter() < deadline:
                number = next(numbers)
                if limit is not None and number >= limit:
                    break
                request = make_request(number)
                sent = time.perf_counter()
                try:
                    status, body = await asyncio.wait_for(connection.exchange(request), REQUEST_TIMEOUT)
                except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
                    await connection.close()
                    status, body = 0, b""
                answers.append(Answer(number, status, time.perf_counter() - sent, body if keep_bodies else b""))
        finally:
            await connection.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return summarize(time.perf_counter() - started, answers, keep_bodies)


def run_load(host: str, port: int, make_request: Callable[[int], Request], *, connections: int = 8,
             seconds: float = 10.0, keep_bodies: bool = False, limit: int | None = None) -> LoadResult:
    """Send requests for `seconds` (or until `limit` were sent) over `connections` connections.

    Request n is `make_request(n)`, numbered from 0 across all connections.
    """
    return asyncio.run(_run(host, port, make_request, connections, seconds, keep_bodies, limit))
