"""Work shared out to forked worker processes in chunks, for loading content and for freezing pages.

Workers are forked, so they start without re-importing anything and see what the caller set up before (a
module global of the caller's, typically). One message goes out per chunk, not per item, and results come
back as each chunk finishes. Small jobs stay in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    """As many workers as the machine has CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_in_chunks(
    work: Callable[[list[Item]], Result], items: Sequence[Item], *, chunk: int, jobs: int, min_parallel: int
) -> Iterator[Result]:
    """`work` of each chunk of `chunk` items, in no particular order, from up to `jobs` forked processes; in
    this process when there are fewer than `min_parallel` items, one job, or no fork on this system."""
    chunks = [list(items[start : start + chunk]) for start in range(0, len(items), chunk)]
    if jobs <= 1 or len(items) < min_parallel or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(work, chunks)
        return
    with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
        yield from pool.imap_unordered(work, chunks)
