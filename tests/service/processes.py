"""Real service processes under gunicorn, on loopback, for tests that need more than one process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import BinaryIO

import requests

from tests.conftest import REPO_ROOT, free_port


class GunicornService:
    """`gunicorn 'service:create_app()'` on a free loopback port with the given environment."""

    def __init__(self, environ: dict[str, str], *, workers: int = 1, log_path: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.environ = {**os.environ, **environ}
        self.workers = workers
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self.log: BinaryIO | None = None

    def start(self, timeout: float = 20.0) -> GunicornService:
        self.log = open(self.log_path, "ab") if self.log_path else None
        log = self.log or subprocess.DEVNULL
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--graceful-timeout", "2", "service:create_app()"],
            cwd=REPO_ROOT, env=self.environ, stdout=log, stderr=log,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass  # not listening yet, or still migrating
            time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"gunicorn did not answer on {self.url} within {timeout}s")

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

    def __enter__(self) -> GunicornService:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
