"""Loading content files in worker processes: Markdown with Pygments is most of a cold build.

A worker reads a file, renders it (unless its text was rendered before) and interprets it, and sends back
its document record, the new rendering and any problems: small plain data, so the caller stores each file as
it arrives and holds no text it does not need. Work goes out in chunks of files (one message per chunk, not
per file; see herald_site.speed.workers). Forked workers share the caller's settings through a module global.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from herald_site.content.documents import interpret, to_record
from herald_site.content.frontmatter import read_document
from herald_site.content.model import ContentError, ContentProblems, DocumentKind, Problem, SiteConfig
from herald_site.markdown import Rendered, render_markdown
from herald_site.speed.workers import map_in_chunks

CHUNK_FILES = 16
# Below this many files to load, one process is faster than starting workers.
MIN_PARALLEL_FILES = 48


@dataclass(frozen=True)
class Outcome:
    """One file loaded, or the problems that stopped it."""

    kind: DocumentKind
    path: str
    source_hash: str
    record: bytes | None  # the document record (see herald_site.content.documents); None when the file has problems
    rendered: Rendered | None  # a new rendering, or None when the text was rendered before (or not at all)
    body: str | None  # the Markdown, when asked for
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class LoadSettings:
    """What every worker needs: the site's settings, and where renderings made before are found."""

    config: SiteConfig
    rendered_before: Callable[[str], Rendered | None] | None = None
    with_bodies: bool = False


def default_jobs() -> int:
    """As many workers as the machine has CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load_files(files: Sequence[tuple[DocumentKind, str]], settings: LoadSettings, *, jobs: int) -> Iterator[Outcome]:
    """Load `files` with up to `jobs` processes; outcomes come in no particular order."""
    global _SETTINGS
    _SETTINGS = settings
    for outcomes in map_in_chunks(_work, files, chunk=CHUNK_FILES, jobs=jobs, min_parallel=MIN_PARALLEL_FILES):
        yield from outcomes


_SETTINGS: LoadSettings | None = None  # the caller's, which forked workers inherit


def _work(files: list[tuple[DocumentKind, str]]) -> list[Outcome]:
    return [_one(kind, path) for kind, path in files]


def _one(kind: DocumentKind, path: str) -> Outcome:
    settings = _SETTINGS
    assert settings is not None
    try:
        source = read_document(Path(path), kind)
    except ContentError as error:  # exceptions with their own arguments do not cross processes; a Problem does
        return Outcome(kind, path, "", None, None, None, (error.to_problem(),))
    known = settings.rendered_before(source.source_hash) if settings.rendered_before else None
    rendered = known or render_markdown(source.body)
    body = source.body if settings.with_bodies else None
    try:
        record = to_record(interpret(source, rendered, settings.config))
    except ContentProblems as error:
        return Outcome(kind, path, source.source_hash, None, None, body, tuple(error.problems))
    return Outcome(kind, path, source.source_hash, record, None if known else rendered, body)
