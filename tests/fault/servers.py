"""Private PostgreSQL and Redis servers that a fault test may stop, kill and start at will.

The machine's shared servers (5432, 6379) serve other tests and CI at the same time, so fault tests never
touch them: each gets a cluster of its own in a temporary folder, on a free port, removed afterwards.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.conftest import free_port, port_open

POSTGRES_BIN = Path(os.environ.get("HERALD_TEST_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
POSTGRES_USER = "postgres"


def postgres_missing() -> str | None:
    """Why a private PostgreSQL cannot be started here, or None when it can."""
    if not (POSTGRES_BIN / "initdb").exists():
        return f"no initdb in {POSTGRES_BIN} (set HERALD_TEST_POSTGRES_BIN)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(POSTGRES_USER)
        except KeyError:
            return "running as root and there is no 'postgres' user to run the cluster as"
        if shutil.which("runuser") is None:
            return "running as root and there is no runuser to switch to 'postgres'"
    return None


def redis_missing() -> str | None:
    """Why a private Redis cannot be started here, or None when it can."""
    return None if shutil.which("redis-server") else "no redis-server on PATH"


class PrivatePostgres:
    """A throw-away PostgreSQL cluster on 127.0.0.1 and a free port, with trust authentication."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="herald-fault-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.url = f"postgresql+psycopg://{POSTGRES_USER}@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        as_owner = ["runuser", "-u", POSTGRES_USER, "--"] if os.geteuid() == 0 else []
        subprocess.run([*as_owner, *command], check=True, capture_output=True, timeout=60)

    def create(self) -> PrivatePostgres:
        if os.geteuid() == 0:
            owner = pwd.getpwnam(POSTGRES_USER)
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self._run(str(POSTGRES_BIN / "initdb"), "-D", str(self.data), "-U", POSTGRES_USER, "--auth=trust",
                  "--encoding=UTF8", "--no-sync")
        return self.start()

    def start(self) -> PrivatePostgres:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(str(POSTGRES_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.root / "server.log"), "-w", "start")
        return self

    def stop(self) -> None:
        """A fast shutdown: open connections are cut, as when a database server goes away."""
        if (self.data / "postmaster.pid").exists():
            self._run(str(POSTGRES_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class PrivateRedis:
    """A redis-server on 127.0.0.1 and a free port that keeps nothing on disk."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 10.0) -> PrivateRedis:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while not port_open("127.0.0.1", self.port):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.kill()
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)
        return self

    def kill(self) -> None:
        """SIGKILL: the server vanishes without closing anything, as a crashed host would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
