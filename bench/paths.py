"""Where the benchmark keeps its work: everything generated lives under bench/work/ (ignored by git)."""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
WORK_DIR = BENCH_DIR / "work"
RESULTS_DIR = BENCH_DIR / "results"
PEERS_VENV = WORK_DIR / "venv"
HERALD_PYTHON = Path(sys.executable)  # the interpreter that runs the bench has Herald installed


def peer_bin(name: str) -> Path:
    """A program installed in the peers' virtual environment."""
    return PEERS_VENV / "bin" / name


class BenchBusy(RuntimeError):
    """Another benchmark run holds the work folder; two at once would spoil each other's files and timings."""


@contextmanager
def exclusive_run(work_dir: Path) -> Iterator[None]:
    """Hold work_dir/.lock for one benchmark run; a second run fails at once instead of disturbing this one."""
    work_dir.mkdir(parents=True, exist_ok=True)
    with open(work_dir / ".lock", "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            raise BenchBusy(f"Another benchmark (process {lock.read().strip() or '?'}) is running in {work_dir}; "
                            "wait for it to finish, or give this one its own --work-dir (the timings of two "
                            "runs at once mean little).") from None
        lock.truncate(0)
        lock.write(str(os.getpid()))
        lock.flush()
        yield
