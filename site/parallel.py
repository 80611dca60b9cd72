"""Reading and rendering content files in worker processes: Markdown with Pygments is most of a cold build.

Work goes out in chunks of files (one message per chunk, not per file) and comes back as each chunk finishes,
so the caller can store and drop every file's HTML as it arrives. Workers are forked, so they start without
re-importing anything and see the caller's set of texts already rendered (those are only read, not rendered).
A few files are read in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from herald_site.markdown import Rendered, render_markdown
from herald_site.model import ContentError, Problem
from herald_site.reader import DocumentKind, SourceDocument, read_document

CHUNK_FILES = 16
# Below this many files to render, one process is faster than starting workers.
MIN_PARALLEL_FILES = 48


@dataclass(frozen=True)
class Outcome:
    """One file read (and rendered unless its text was rendered before), or the problem that stopped it."""

    kind: DocumentKind
    path: Path
    source: SourceDocument | None
    rendered: Rendered | None
    problem: Problem | None


def default_jobs() -> int:
    """As many workers as the machine has CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def read_and_render(
    files: Sequence[tuple[DocumentKind, Path]], *, jobs: int, rendered_before: Callable[[str], bool] | None = None
) -> Iterator[Outcome]:
    """Read and render `files`, with up to `jobs` processes; outcomes come in no particular order.

    A text for which `rendered_before(source hash)` is true is read but not rendered (its outcome has no rendering).
    """
    global _RENDERED_BEFORE
    _RENDERED_BEFORE = rendered_before or _never
    if jobs <= 1 or len(files) < MIN_PARALLEL_FILES or "fork" not in multiprocessing.get_all_start_methods():
        yield from _work(list(files))
        return
    chunks = [list(files[start : start + CHUNK_FILES]) for start in range(0, len(files), CHUNK_FILES)]
    with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
        for outcomes in pool.imap_unordered(_work, chunks):
            yield from outcomes


def _never(source_hash: str) -> bool:
    return False


_RENDERED_BEFORE: Callable[[str], bool] = _never


def _work(files: list[tuple[DocumentKind, Path]]) -> list[Outcome]:
    return [_one(kind, path) for kind, path in files]


def _one(kind: DocumentKind, path: Path) -> Outcome:
    try:
        source = read_document(path, kind)
        rendered = None if _RENDERED_BEFORE(source.source_hash) else render_markdown(source.body)
    except ContentError as error:  # exceptions with their own arguments do not cross processes; a Problem does
        return Outcome(kind, path, None, None, error.to_problem())
    return Outcome(kind, path, source, rendered, None)
