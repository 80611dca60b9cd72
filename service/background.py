"""A per-process background thread that runs one job now and then: the contact outbox's and syndication's.

It wakes when told to (a message was just taken) and every `poll_seconds` for work that has come due. It
starts on the first request a process serves (so each server process, forked or not, has its own). Nothing the
job meets stops it: errors are logged and it runs again at the next wake.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class PeriodicWorker:
    """One background thread for one app in one process, running `job` at each wake."""

    def __init__(self, name: str, job: Callable[[], object], poll_seconds: float) -> None:
        self.name = name
        self.job = job
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None

    def ensure_running(self) -> None:
        """Start the thread unless it runs in this process already (a fork leaves the parent's thread behind)."""
        if self._running():
            return
        with self._lock:
            if self._running():
                return
            self._stopping.clear()
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()

    def _running(self) -> bool:
        return self._pid == os.getpid() and self._thread is not None and self._thread.is_alive()

    def wake(self) -> None:
        """Run the job soon: there is new work."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Let the thread finish its current run and end (tests, and orderly shutdowns)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self.job()
            except Exception:  # a broken database or server must not end the thread; the next wake retries
                log.exception("%s: run failed; retrying in %s s", self.name, self.poll_seconds)
            self._wake.wait(self.poll_seconds)
