"""The service benchmark: Herald's service and Isso on loopback, loaded by one client.

Herald runs as in production (`python -m service`, Granian) with 2 and 4 worker processes on SQLite and on
PostgreSQL (rate limits off), Isso under gunicorn with 2 (sync) workers on its SQLite. Each scenario runs for
a fixed time over 8 connections, loaded by wrk where the machine has it (else by the Python client in
bench/load.py; the same client for every server): GET the comments of a page that has 50, POST
new comments (each with a unique body), POST page-view events (Herald only). Afterwards the database is
counted against the 2xx answers, and every comment answer is checked to describe the comment its own
request created. Run `python -m bench.service_bench --seconds 10`.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench import wrk
from bench.load import Answer, LoadResult, Request, run_load
from bench.paths import HERALD_PYTHON, REPO_ROOT, RESULTS_DIR, WORK_DIR, exclusive_run, peer_bin
from bench.peers import ensure_peers
from bench.report import describe_machine, format_table, machine, number, write_json
from bench.revision import working_tree
from bench.servers import LoopbackServer

POSTGRES_URL = os.environ.get("HERALD_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/herald_bench")
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
JSON_HEADERS = (("Content-Type", "application/json"), ("User-Agent", BROWSER))
READ_PAGE = "/bench/fifty-comments/"
WRITE_PAGE = "/bench/new-comments/"
SEEDED_COMMENTS = 50
WARM_UP_SECONDS = 1.0
SECRET_KEY = "bench-secret-key-0123456789abcdefghij"  # the service refuses secrets under 32 characters
ADMIN_TOKEN = "bench-admin-token-0123456789abcdefghij"


@dataclass(frozen=True)
class ScenarioResult:
    server: str
    scenario: str
    requests_per_second: float
    p50_ms: float | None
    p99_ms: float | None
    answers: int
    ok: int
    errors: int
    rows: int | None = None  # rows created in the database, for POSTs
    mismatched: int | None = None  # 2xx answers that do not describe their own request's comment


def _token(server: str, number: int) -> str:
    return f"bench-{server}-{number}"


def _mismatches(answers: list[Answer], server: str, id_key: str, text_key: str,
                stored: dict[int, str]) -> int:
    """2xx answers whose comment is not the one their request posted (by its token, in the answer and the row)."""
    wrong = 0
    for answer in answers:
        token = _token(server, answer.number)
        try:
            created = json.loads(answer.body)
            matches = token in created[text_key] and token in stored.get(int(created[id_key]), "")
        except (ValueError, KeyError, TypeError):
            matches = False
        wrong += not matches
    return wrong


def _result(server: str, scenario: str, load: LoadResult, rows: int | None = None,
            mismatched: int | None = None) -> ScenarioResult:
    return ScenarioResult(server, scenario, load.requests_per_second, load.p50_ms, load.p99_ms, load.requests,
                          load.ok_count, load.errors, rows, mismatched)


CLIENTS = ("wrk", "python")


def default_client() -> str:
    """wrk when the machine has it (it costs the servers' cores far less), else the Python client."""
    return "wrk" if wrk.available() else "python"


def _load(client: str, port: int, make_request: Callable[[int], Request], seconds: float, connections: int,
          keep_bodies: bool = False) -> LoadResult:
    """One timed scenario with the run's client; the same client for every server."""
    if client == "wrk":
        return wrk.run_wrk("127.0.0.1", port, make_request, connections=connections, seconds=seconds,
                           keep_bodies=keep_bodies)
    return run_load("127.0.0.1", port, make_request, connections=connections, seconds=seconds,
                    keep_bodies=keep_bodies)


def _warm_then_load(client: str, port: int, make_request: Callable[[int], Request], seconds: float,
                    connections: int) -> LoadResult:
    """The first scenario after a start, after WARM_UP_SECONDS of the same requests that are not counted.

    A server just started opens its database connections (and PostgreSQL its backends) on the first requests
    of each thread; one of those waiting a second would weigh on wrk's p99 far beyond its one answer, as wrk
    adds the answers a steady client would have waited for meanwhile.
    """
    _load(client, port, make_request, WARM_UP_SECONDS, connections)
    return _load(client, port, make_request, seconds, connections)


def _seed(server: str, port: int, make_request: Callable[[int], Request]) -> None:
    """The page of 50 comments the reads fetch, posted one by one (by the Python client, whichever runs the load)."""
    seed = run_load("127.0.0.1", port, make_request, connections=1, seconds=60, limit=SEEDED_COMMENTS)
    if seed.ok_count != SEEDED_COMMENTS:
        raise RuntimeError(f"{server}: only {seed.ok_count} of {SEEDED_COMMENTS} seed comments were accepted")


# Herald ---------------------------------------------------------------------------------------------------

def _comment_request(page: str, token: str) -> Request:
    body = json.dumps({"page": page, "author": "Bench", "body": f"A comment, {token}."}).encode()
    return Request("POST", "/api/comments", body, JSON_HEADERS)


def _event_request(number: int) -> Request:
    body = json.dumps({"type": "pageview", "path": f"/bench/{number}/", "referrer": ""}).encode()
    return Request("POST", "/api/events", body, JSON_HEADERS)


@contextmanager
def _fresh_database(kind: str, work: Path) -> Iterator[str]:
    """An empty database for one server configuration: a new SQLite file, or PostgreSQL's bench database re-made."""
    if kind == "sqlite":
        path = work / "herald.db"
        for leftover in work.glob("herald.db*"):
            leftover.unlink()
        yield f"sqlite:///{path}"
        return
    url = make_url(POSTGRES_URL)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{url.database}"'))
        yield url.render_as_string(hide_password=False)
    finally:
        admin.dispose()


def _count_herald(database_url: str) -> tuple[dict[int, str], int]:
    """The comments posted on WRITE_PAGE (id -> body) and the number of page views stored."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            comments = dict(connection.execute(
                text("SELECT id, body FROM comments WHERE page = :page"), {"page": WRITE_PAGE}).all())
            views = connection.execute(text("SELECT count(*) FROM events WHERE type = 'pageview'")).scalar_one()
    finally:
        engine.dispose()
    return comments, int(views)


def herald_scenarios(database: str, workers: int, seconds: float, connections: int, work: Path,
                     client: str) -> list[ScenarioResult]:
    server = f"herald-{database}-{workers}w"
    work.mkdir(parents=True, exist_ok=True)
    with _fresh_database(database, work) as database_url:
        env = {"DATABASE_URL": database_url, "RATELIMIT_ENABLED": "0", "HERALD_CONTACT_WORKER": "0",
               "SECRET_KEY": SECRET_KEY, "HERALD_ADMIN_TOKEN": ADMIN_TOKEN}
        with LoopbackServer(lambda port: [str(HERALD_PYTHON), "-m", "service", "--workers", str(workers),
                                          "--port", str(port)],
                            env=env, cwd=REPO_ROOT, log=work / f"{server}.log", ready_path="/healthz") as running:
            _seed(server, running.port, lambda n: _comment_request(READ_PAGE, f"seed-{n}"))
            read = _warm_then_load(client, running.port, lambda n: Request("GET", f"/api/comments?page={READ_PAGE}",
                                   headers=JSON_HEADERS), seconds, connections)
            write = _load(client, running.port, lambda n: _comment_request(WRITE_PAGE, _token(server, n)), seconds,
                          connections, keep_bodies=True)
            events = _load(client, running.port, _event_request, seconds, connections)
        comments, views = _count_herald(database_url)
    return [
        _result(server, "GET 50 comments", read),
        _result(server, "POST comment", write, len(comments), _mismatches(write.kept, server, "id", "html", comments)),
        _result(server, "POST event", events, views),
    ]


# Isso -----------------------------------------------------------------------------------------------------

ISSO_CONFIG = """[general]
dbpath = {dbpath}
host = http://127.0.0.1/
notify = stdout
log-file = {log}
[moderation]
enabled = false
[guard]
enabled = false
[server]
listen = http://127.0.0.1:0/
"""


def _isso_comment(page: str, token: str) -> Request:
    body = json.dumps({"text": f"A comment, {token}.", "author": "Bench", "title": "Bench"}).encode()
    return Request("POST", f"/new?uri={page}", body, JSON_HEADERS)


def _count_isso(dbpath: Path) -> dict[int, str]:
    with sqlite3.connect(dbpath) as connection:
        found = connection.execute("SELECT c.id, c.text FROM comments c JOIN threads t ON c.tid = t.id "
                                   "WHERE t.uri = ?", (WRITE_PAGE,)).fetchall()
    return dict(found)


def isso_scenarios(workers: int, seconds: float, connections: int, work: Path, client: str) -> list[ScenarioResult]:
    server = f"isso-sqlite-{workers}w"
    work.mkdir(parents=True, exist_ok=True)
    dbpath = work / "isso.db"
    for leftover in work.glob("isso.db*"):
        leftover.unlink()
    settings = work / "isso.cfg"
    settings.write_text(ISSO_CONFIG.format(dbpath=dbpath, log=work / "isso-app.log"), encoding="utf-8")
    with LoopbackServer(lambda port: [str(peer_bin("gunicorn")), "--workers", str(workers), "--bind",
                                      f"127.0.0.1:{port}", "--graceful-timeout", "2", "isso.run:application"],
                        env={"ISSO_SETTINGS": str(settings)}, cwd=work, log=work / f"{server}.log",
                        ready_path="/config") as running:
        _seed(server, running.port, lambda n: _isso_comment(READ_PAGE, f"seed-{n}"))
        read = _warm_then_load(client, running.port, lambda n: Request("GET", f"/?uri={READ_PAGE}",
                               headers=JSON_HEADERS), seconds, connections)
        write = _load(client, running.port, lambda n: _isso_comment(WRITE_PAGE, _token(server, n)), seconds,
                      connections, keep_bodies=True)
    comments = _count_isso(dbpath)
    return [
        _result(server, "GET 50 comments", read),
        _result(server, "POST comment", write, len(comments), _mismatches(write.kept, server, "id", "text", comments)),
    ]


# The run --------------------------------------------------------------------------------------------------

def postgres_reachable() -> bool:
    engine = create_engine(make_url(POSTGRES_URL).set(database="postgres"))
    try:
        with engine.connect():
            return True
    except Exception:  # noqa: BLE001 - any failure to connect means "not here"; the report says so
        return False
    finally:
        engine.dispose()


def run_service_bench(*, seconds: float = 10.0, connections: int = 8, isso: bool = True, work_dir: Path = WORK_DIR,
                      results_dir: Path = RESULTS_DIR, report: Callable[[str], None] | None = None,
                      client: str | None = None) -> dict[str, Any]:
    say = report or (lambda line: print(line, file=sys.stderr, flush=True))
    with exclusive_run(work_dir):
        return _run_service_bench(seconds, connections, isso, work_dir, results_dir, say, client or default_client())


def _run_service_bench(seconds: float, connections: int, isso: bool, work_dir: Path, results_dir: Path,
                       say: Callable[[str], None], client: str) -> dict[str, Any]:
    work = work_dir / "service"
    databases = ["sqlite", *(["postgresql"] if postgres_reachable() else [])]
    if "postgresql" not in databases:
        say(f"PostgreSQL at {POSTGRES_URL} does not answer: measuring SQLite only.")
    if isso:
        ensure_peers()
    if client == "python" and wrk.available():
        say("Loading with the Python client: it shares the 2 cores with the servers, so every rate is lower.")
    results: list[ScenarioResult] = []
    for database in databases:
        for workers in (2, 4):
            say(f"Herald on {database} with {workers} workers, {seconds:g} s per scenario...")
            results += herald_scenarios(database, workers, seconds, connections, work, client)
    if isso:
        say(f"Isso with 2 workers, {seconds:g} s per scenario...")
        results += isso_scenarios(2, seconds, connections, work, client)
    data = {"kind": "service", "herald": working_tree().label, "seconds": seconds, "connections": connections,
            "client": client, "machine": machine(), "scenarios": [asdict(result) for result in results]}
    data["json"] = str(write_json(results_dir, "service", data))
    return data


def service_table(data: dict[str, Any]) -> str:
    scenarios = [ScenarioResult(**found) for found in data["scenarios"]]
    isso = {result.scenario: result.requests_per_second for result in scenarios if result.server.startswith("isso")}
    headers = ["server", "scenario", "req/s", "vs Isso", "p50 ms", "p99 ms", "errors", "2xx", "rows", "wrong answers"]
    rows = []
    for result in scenarios:
        peer = isso.get(result.scenario)
        ratio = f"{result.requests_per_second / peer:.1f}x" if peer and not result.server.startswith("isso") else ""
        rows.append([result.server, result.scenario, number(result.requests_per_second, 0), ratio,
                     number(result.p50_ms, 1), number(result.p99_ms, 1), str(result.errors), str(result.ok),
                     "" if result.rows is None else str(result.rows),
                     "" if result.mismatched is None else str(result.mismatched)])
    title = (f"Service of Herald {data['herald']}, {data['connections']} connections, {data['seconds']:g} s per scenario, "
             f"loaded by {data.get('client', 'python')} ({describe_machine(data['machine'])})")
    legend = ("rows: rows the scenario created in the database (should equal 2xx; wrk stops with up to one request "
              "per connection in flight, which the server stores and wrk does not count, so up to "
              f"{data['connections']} more); wrong answers: 2xx answers that do not describe the comment their own "
              "request created, or whose comment has no row (should be 0).")
    return "\n".join([title, "", format_table(headers, rows), "", legend])


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each scenario")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--no-isso", action="store_true", help="measure Herald's service only")
    parser.add_argument("--client", choices=CLIENTS, default=None,
                        help="the load client for every server: wrk (the default where installed) or python")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    arguments = parser.parse_args()
    data = run_service_bench(seconds=arguments.seconds, connections=arguments.connections,
                             isso=not arguments.no_isso, results_dir=arguments.results_dir, client=arguments.client)
    print(service_table(data), f"\nResults: {data['json']}", sep="\n", flush=True)


if __name__ == "__main__":
    main()
