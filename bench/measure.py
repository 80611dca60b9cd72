"""Running one command in a fresh process and measuring it: wall time and peak memory of its process tree.

Peak memory is given two ways. `peak_process_mb` is the kernel's exact high-water mark of the largest single
process in the tree (ru_maxrss from wait4, which covers the child and every descendant it waited for).
`peak_tree_mb` samples the proportional set size (PSS) of every process in the tree every 20 ms and keeps the
largest sum: what a build with worker processes costs the machine, each page shared by forked processes
counted once, split between them (summing resident sizes would count it in every process). Short spikes
between two samples can be missed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.02


class MeasuredCommandFailed(RuntimeError):
    """A measured command exited non-zero; the message carries the end of its log."""


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_process_mb: float
    peak_tree_mb: float


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _pss_kb(pid: int) -> int:
    """The process's proportional set size in KiB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass  # the process ended while we looked
    return 0


def tree_pss_kb(root: int) -> float:
    """Memory used together by `root` and all its descendants, in KiB (0 once the process is gone)."""
    children = _children_by_parent()
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, ()))
        total += _pss_kb(pid)
    return total


def measure(command: Sequence[str | Path], *, cwd: Path | None = None, env: Mapping[str, str] | None = None,
            log: Path, timeout: float = 3600.0) -> Measurement:
    """Run `command` to its end (killed after `timeout` seconds), its output appended to `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as output:
        output.write(f"\n$ {' '.join(map(str, command))}\n".encode())
        output.flush()
        started = time.perf_counter()
        process = subprocess.Popen([str(part) for part in command], cwd=cwd, env=dict(env) if env else None,
                                   stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        peak_tree = 0.0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not done.wait(SAMPLE_SECONDS):
                peak_tree = max(peak_tree, tree_pss_kb(process.pid))
                if time.perf_counter() - started > timeout:
                    os.killpg(process.pid, signal.SIGKILL)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise MeasuredCommandFailed(f"{' '.join(map(str, command))} exited with {process.returncode}:\n{tail}")
    peak_process = usage.ru_maxrss / 1024  # Linux reports KiB
    return Measurement(seconds, peak_process, max(peak_tree / 1024, peak_process))
