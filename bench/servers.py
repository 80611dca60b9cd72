"""A server process on a free loopback port, started for one scenario and always stopped after it."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType


class ServerStartError(RuntimeError):
    """The server did not answer in time; the message carries the end of its log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LoopbackServer:
    """`command(port)` run with `env` added, ready once `ready_path` answers below 500 (within `start_seconds`)."""

    def __init__(self, command: Callable[[int], list[str]], *, env: Mapping[str, str], cwd: Path, log: Path,
                 ready_path: str, start_seconds: float = 60) -> None:
        self.port = free_port()
        self.command = command(self.port)
        self.env = {**os.environ, **env}
        self.cwd, self.log_path, self.ready_path = cwd, log, ready_path
        self.start_seconds = start_seconds
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> LoopbackServer:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + self.start_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{self.ready_path}", timeout=2):
                    return self
            except urllib.error.HTTPError as error:
                if error.code < 500:
                    return self
            except OSError:
                pass  # not listening yet
            time.sleep(0.1)
        self.stop()
        raise ServerStartError(f"{' '.join(self.command)} did not start:\n{self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.stop()
