"""The production server (`python -m service`): its defaults, its options, and its processes' lifecycle."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from service import server
from tests.conftest import SECRET_KEY
from tests.service.processes import ServiceProcesses


def test_workers_come_from_web_concurrency_else_one_per_core(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert server.default_workers() == 3
    monkeypatch.delenv("WEB_CONCURRENCY")
    assert server.default_workers() == os.cpu_count()


class CapturedGranian:
    """Stands in for granian.Granian: keeps what the command asked for instead of serving."""

    calls: list[tuple[str, dict]] = []

    def __init__(self, target: str, **options) -> None:
        self.calls.append((target, options))

    def serve(self) -> None:
        pass


@pytest.fixture
def granian_calls(monkeypatch) -> list[tuple[str, dict]]:
    """What `serve` asks Granian for, instead of a running server."""
    import granian

    CapturedGranian.calls.clear()
    monkeypatch.setattr(granian, "Granian", CapturedGranian)
    return CapturedGranian.calls


def test_options_reach_granian(granian_calls):
    result = CliRunner().invoke(server.serve, ["--host", "0.0.0.0", "--port", "9000", "--workers", "3",
                                               "--threads", "2", "--access-log"])
    assert result.exit_code == 0, result.output
    [(target, options)] = granian_calls
    assert target == "service:create_app" and options["factory"] is True
    assert (options["address"], options["port"], options["workers"]) == ("0.0.0.0", 9000, 3)
    assert options["blocking_threads"] == 2 and options["log_access"] is True


def test_one_thread_per_process_unless_asked(granian_calls, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    assert CliRunner().invoke(server.serve, []).exit_code == 0
    [(_target, options)] = granian_calls
    assert (options["workers"], options["blocking_threads"], options["log_access"]) == (5, 1, False)


def test_the_access_log_option_says_it_writes_addresses():
    result = CliRunner().invoke(server.serve, ["--help"])
    assert result.exit_code == 0
    assert "--access-log" in result.output and "IP" in result.output and "address" in result.output


def test_bad_option_is_refused_before_serving():
    result = CliRunner().invoke(server.serve, ["--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output


def _worker_pids(pid: int) -> set[int]:
    return {int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def test_hup_replaces_workers_without_refusing_a_request(tmp_path):
    """SIGHUP (a deploy) starts each new worker before stopping the old one: visitors never see a refusal."""
    environ = {"DATABASE_URL": f"sqlite:///{tmp_path / 'herald.db'}", "SECRET_KEY": SECRET_KEY}
    statuses: list[int | str] = []
    with ServiceProcesses(environ, workers=2, log_path=tmp_path / "service.log") as service:
        before = _worker_pids(service.process.pid)
        stop = threading.Event()

        def ask_meanwhile() -> None:
            while not stop.is_set():
                try:
                    statuses.append(requests.get(f"{service.url}/healthz", timeout=5).status_code)
                except requests.RequestException as error:
                    statuses.append(type(error).__name__)

        asker = threading.Thread(target=ask_meanwhile)
        asker.start()
        service.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 30
        after = before
        while time.monotonic() < deadline and (after & before or len(after) != 2):
            time.sleep(0.1)
            after = _worker_pids(service.process.pid)
        time.sleep(0.5)  # the new workers answer on their own
        stop.set()
        asker.join()
    assert len(after) == 2 and not after & before, (before, after)
    assert statuses and set(statuses) == {200}, [status for status in statuses if status != 200][:5]


def test_term_stops_every_process_cleanly(tmp_path):
    environ = {"DATABASE_URL": f"sqlite:///{tmp_path / 'herald.db'}", "SECRET_KEY": SECRET_KEY}
    service = ServiceProcesses(environ, workers=2, log_path=tmp_path / "service.log").start()
    workers = _worker_pids(service.process.pid)
    assert requests.get(f"{service.url}/healthz", timeout=5).status_code == 200
    started = time.monotonic()
    service.process.send_signal(signal.SIGTERM)
    assert service.process.wait(timeout=15) == 0
    service.stop()
    assert time.monotonic() - started < 10
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    assert "Traceback" not in (tmp_path / "service.log").read_text()
