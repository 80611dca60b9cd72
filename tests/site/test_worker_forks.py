"""A build never forks workers from a process whose other threads could hold a lock the workers need.

A forked child gets a copy of every lock as it was, held or not, and none of the threads that would release
them: a worker that takes a lock another thread of the parent held at the fork waits forever. A build run in
the test process after the browser tests, beside Playwright's and the services' threads, hung that way. The
build then works in its own process instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bench.corpus import generate_posts, media_files
from bench.trees import write_herald
from herald_site.build import freeze
from herald_site.build.pipeline import build_site
from herald_site.speed import cached_loading, workers

# A build of a small site takes seconds; one waiting on a lock that nothing will release never ends.
GENEROUS_SECONDS = 300


def _pids(chunk: list[int]) -> list[int]:
    return [os.getpid()] * len(chunk)


def _worker_pids() -> set[int]:
    chunks = workers.map_in_chunks(_pids, range(8), chunk=1, jobs=2, min_parallel=1)
    return {pid for pids in chunks for pid in pids}


def test_a_process_with_one_thread_forks_its_workers(tmp_path: Path) -> None:
    """In a fresh interpreter, which runs no other thread, the work goes to other processes, and the pool's
    own threads are gone once it is done: the next phase of the build may fork again."""
    program = (
        "import os, threading\n"
        "from tests.site.test_worker_forks import _worker_pids\n"
        "first, second = _worker_pids(), _worker_pids()\n"
        "print(bool(first) and bool(second) and os.getpid() not in first | second, threading.active_count())\n"
    )
    root = Path(__file__).resolve().parents[2]
    answer = subprocess.run([sys.executable, "-c", program], cwd=root, capture_output=True, text=True, check=True)
    assert answer.stdout.split() == ["True", "1"]


def test_a_process_with_other_threads_works_alone() -> None:
    idle = threading.Event()
    other = threading.Thread(target=idle.wait)
    other.start()
    try:
        assert not workers.fork_is_safe()
        assert _worker_pids() == {os.getpid()}
    finally:
        idle.set()
        other.join()


def test_a_build_ends_while_another_thread_holds_a_lock_its_workers_take(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another thread holds a lock that loading each file takes (as a service's worker may hold one of
    SQLite's) until the build waits for it. A forked worker would keep the copy it was born with, held, forever;
    the build must end, and end well."""
    monkeypatch.setattr(cached_loading, "MIN_PARALLEL_FILES", 8)  # workers even for a small site
    monkeypatch.setattr(freeze, "MIN_PARALLEL_PAGES", 8)
    content = tmp_path / "content"
    write_herald(content, generate_posts(24, seed=3), media_files())
    held = threading.Lock()
    waiting_here = threading.Event()  # set when this process, not a copy of it, waits for the lock
    load_file = cached_loading.load_file

    def load_file_under_lock(*args, **kwargs):  # type: ignore[no-untyped-def]
        waiting_here.set()
        with held:
            return load_file(*args, **kwargs)

    monkeypatch.setattr(cached_loading, "load_file", load_file_under_lock)
    outcome: list[object] = []

    def build() -> None:
        try:
            outcome.append(build_site(content, tmp_path / "out", cache_dir=tmp_path / "cache", jobs=2)[0])
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread
            outcome.append(error)

    held.acquire()
    builder = threading.Thread(target=build, daemon=True)  # daemon: a hung build must not hang pytest's exit
    builder.start()
    try:
        waiting_here.wait(GENEROUS_SECONDS)  # a forked worker waits in its own copy, which nothing releases
    finally:
        held.release()
    builder.join(GENEROUS_SECONDS)
    assert not builder.is_alive(), "the build hangs: a worker forked while another thread held a lock"
    assert outcome and not isinstance(outcome[0], BaseException), outcome
    assert (tmp_path / "out" / "index.html").is_file()
