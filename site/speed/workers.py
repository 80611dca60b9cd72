"""Work shared out to forked worker processes in chunks, for loading content and for freezing pages.

Workers are forked, so they start without re-importing anything and see what the caller set up before (a
module global of the caller's, typically). One message goes out per chunk, not per item, and results come
back as each chunk finishes. Small jobs stay in this process: starting workers would cost more than it saves.

A process that runs other threads works alone too (a test beside a browser's or a live server's threads, a
build inside the service beside its background workers): a forked child gets a copy of every lock as it was
at the fork and none of the threads that would release them, so a worker taking a lock another thread held
then (a module's own, a C library's) would wait forever. `build.py build` runs no other thread, and the
pool's own are joined once a phase is done, so both of a build's phases still fork.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    """As many workers as the machine has CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fork_is_safe() -> bool:
    """Whether a child forked now could find no lock held by a thread it lacks: this process runs one thread.

    The threads Python's threading module knows are counted, not the operating system's list, which keeps a
    joined thread (the pool's, at the end of a phase) a moment longer and would refuse the next phase's fork;
    no library Herald uses starts threads of its own behind Python's back."""
    return threading.active_count() == 1


def map_in_chunks(
    work: Callable[[list[Item]], Result], items: Sequence[Item], *, chunk: int, jobs: int, min_parallel: int
) -> Iterator[Result]:
    """`work` of each chunk of `chunk` items, in no particular order, from up to `jobs` forked processes; in
    this process when there are fewer than `min_parallel` items, one job, no fork on this system, or other
    threads that a fork could catch holding a lock."""
    chunks = [list(items[start : start + chunk]) for start in range(0, len(items), chunk)]
    if (jobs <= 1 or len(items) < min_parallel or "fork" not in multiprocessing.get_all_start_methods()
            or not fork_is_safe()):
        yield from map(work, chunks)
        return
    with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
        yield from pool.imap_unordered(work, chunks)
