"""The production server (`python -m service`, Granian) on loopback, for tests that need real processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import BinaryIO

import requests

from tests.conftest import REPO_ROOT, free_port


class ServiceProcesses:
    """`python -m service` on a free loopback port with the given environment."""

    def __init__(self, environ: dict[str, str], *, log_path: Path, workers: int = 1) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.environ = {**os.environ, **environ}
        self.workers = workers
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self.log: BinaryIO | None = None

    def start(self, timeout: float = 20.0) -> ServiceProcesses:
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service", "--workers", str(self.workers), "--port", str(self.port)],
            cwd=REPO_ROOT, env=self.environ, stdout=self.log, stderr=self.log,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"the service exited with {self.process.returncode}; see {self.log_path}")
            if self._every_worker_started() and self._answers():
                return self
            time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"the service did not answer on {self.url} within {timeout}s")

    def _every_worker_started(self) -> bool:
        """Granian's log says so. A worker still loading the app misses a SIGTERM (it is killed 30 s later), so a
        test that stops the service right after starting it must wait for all of them."""
        log = self.log_path.read_text(errors="replace")
        return all(f"Started worker-{number}\n" in log for number in range(1, self.workers + 1))

    def _answers(self) -> bool:
        try:
            return requests.get(f"{self.url}/healthz", timeout=2).status_code == 200
        except requests.RequestException:
            return False  # not listening yet, or still migrating

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log:
            self.log.close()
            self.log = None

    def __enter__(self) -> ServiceProcesses:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
