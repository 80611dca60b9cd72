"""Writing the site to files with Frozen-Flask, all or nothing.

The build goes into a fresh folder next to the output folder and replaces it only once every URL was written
without a Frozen-Flask warning (see `herald_site.build.publish`), so a failed build leaves the previous site
exactly as it was. A rebuild renders only the URLs whose signature changed (`herald_site.speed.signatures`),
and the rendering is shared out to worker processes (`herald_site.speed.workers`).
"""

from __future__ import annotations

import time
import warnings
from importlib.metadata import version
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask_frozen import FrozenFlaskWarning
from jinja2 import FileSystemBytecodeCache, TemplateSyntaxError
from werkzeug.routing import MapAdapter

from herald_site.build.catalog_freezer import CatalogFreezer, make_freezer
from herald_site.build.publish import move_changed, staging_folder, swap_in
from herald_site.build.report import BuildSummary, Progress
from herald_site.build.static_copies import copy_static
from herald_site.confined import inside
from herald_site.errors import BuildError
from herald_site.speed.cache import BuildCache
from herald_site.speed.signatures import (
    Manifest,
    Signatures,
    folder_identity,
    manifest_key,
    previous_manifest,
    reusable_files,
)
from herald_site.speed.workers import map_in_chunks
from herald_site.web.served_index import current_index

FEED_BLUEPRINT = "feeds"
# How Frozen-Flask's ValueErrors begin when a URL answered other than 200 or pointed off the site.
FROZEN_FLASK_URL_ERRORS = ("Unexpected status", "External URLs not supported")


# The folder of the build cache holding compiled templates, one per Jinja release (its code may change).
COMPILED_TEMPLATES = f"templates-{version('Jinja2')}"

def freeze_site(
    app: Flask,
    out_dir: Path | str,
    progress: Progress | None = None,
    *,
    signatures: Signatures | None = None,
    cache: BuildCache | None = None,
    jobs: int = 1,
    copies: Mapping[str, Path] | None = None,
) -> BuildSummary:
    """Freeze `app` into `out_dir`, replacing its contents only when the whole build succeeded.

    Every file is written into a staging folder first. Without a previous build to start from, the staging
    folder then replaces the output folder. With `signatures` of every URL (see `herald_site.speed.signatures`)
    and a `cache` holding the manifest of the build that made the output folder, only URLs whose signature
    changed are rendered, and only files whose bytes changed are moved into the output at the end (files of
    URLs the site no longer has are removed). `jobs` processes share the rendering. `copies` are files published
    as they are, by URL (the static folders'), signed like pages and copied when their signature changed.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir} is a file; give --out a folder (it is replaced by each build).")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    signatures = signatures or {}
    copies = copies or {}
    if cache is not None:
        keep_compiled_templates(app, cache)
    with staging_folder(out_dir) as staging:
        previous = previous_manifest(cache, out_dir)  # the cache folder stays locked for the whole build
        kept = reusable_files(previous, out_dir, signatures)
        app.config["FREEZER_DESTINATION"] = str(staging)
        app.config["FREEZER_BASE_URL"] = _base_url(app)
        known = None
        if previous is not None and kept:  # the same code built the previous output: its URLs are known
            known = [*(url for url in signatures if url not in copies),
                     *(url for url, (sign, _) in previous.files.items() if sign is None)]
        pages, feeds, written = _freeze_into(app, progress, kept, jobs, known)
        written += copy_static(staging, copies, kept)
        if previous is not None and kept:
            assert cache is not None
            cache.save_state(manifest_key(out_dir), None)  # until the output is whole again, trust no manifest
            cache.commit()
            stale = {path for _, path in previous.files.values()} - {path for _, path in written}
            move_changed(staging, out_dir, [path for url, path in written if url not in kept], stale)
        else:
            swap_in(staging, out_dir)
    files = {url: (signatures.get(url), path) for url, path in written}
    if cache is not None:
        cache.save_state(manifest_key(out_dir), Manifest(str(out_dir), folder_identity(out_dir), files, pages, feeds))
        cache.commit()
    return BuildSummary(pages, feeds, len(written), time.perf_counter() - started, out_dir, len(kept))


def _base_url(app: Flask) -> str:
    with app.app_context():
        return current_index().config.url + "/"


def keep_compiled_templates(app: Flask, cache: BuildCache) -> None:
    """Keep Jinja's compiled templates in the build cache: compiling a post's templates costs more than rendering
    the post, so a rebuild of one post would spend most of its time there. Jinja keys each by the template's name
    and a checksum of its source, so an edited template, Herald's or a theme's, is compiled again."""
    folder = inside(cache.folder, COMPILED_TEMPLATES)
    folder.mkdir(exist_ok=True)
    app.jinja_env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _freeze_into(
    app: Flask, progress: Progress | None, kept: dict[str, str], jobs: int, known: list[str] | None
) -> tuple[int, int, list[tuple[str, str]]]:
    """Freeze every URL (those in `kept` are in the staging folder already); returns the counts of pages
    and feeds and each (URL, file path) written.

    The URLs are the catalog's, or `known` ones: the signed URLs of a rebuild, which are the catalog's too
    (a URL the signatures miss was written with no signature by the last full build and comes in `known`
    as well), without asking `url_for` for thousands of them.
    """
    global _WORKER_FREEZER
    freezer = make_freezer(app)
    adapter = app.url_map.bind("localhost")
    with _frozen_flask_errors():
        # Known URLs were checked for forgotten endpoints by the full build of the same code.
        urls = freezer.catalog_urls() if known is None else list(dict.fromkeys(known))
    written: dict[str, tuple[str, bool]] = {}

    def wrote(url: str, path: str) -> None:
        if url not in written:
            written[url] = (path, _is_feed(adapter, url))
            if progress:
                progress(len(written), len(urls), url)

    for url in urls:
        if url in kept:
            wrote(url, kept[url])
    to_render = [url for url in urls if url not in kept]
    _WORKER_FREEZER = freezer
    while to_render:  # the catalog's URLs, then pages they link to that the catalog lacks, and so on
        linked: dict[str, None] = {}
        shares = map_in_chunks(_freeze_chunk, to_render, chunk=CHUNK_PAGES, jobs=jobs, min_parallel=MIN_PARALLEL_PAGES)
        for share, more in shares:
            linked.update(dict.fromkeys(more))
            for url, path in share:
                wrote(url, path)
        to_render = [url for url in linked if url not in written]
    pages = sum(path.endswith(".html") for path, _ in written.values())
    feeds = sum(is_feed for _, is_feed in written.values())
    return pages, feeds, [(url, path) for url, (path, _) in written.items()]


# Frozen-Flask costs about a millisecond or two per page; below this many, starting workers costs more.
MIN_PARALLEL_PAGES = 200
CHUNK_PAGES = 50
_WORKER_FREEZER: CatalogFreezer | None = None  # the parent's freezer, which forked workers inherit


def _freeze_chunk(urls: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Freeze a share of the URLs into the staging folder (in a worker process, or not); returns what it
    wrote and the URLs its pages linked to that were not seen before, for the caller to freeze once."""
    freezer = _WORKER_FREEZER
    assert freezer is not None
    with _frozen_flask_errors():
        share = [(page.url, page.path.as_posix()) for page in freezer.freeze_urls(urls)]
        return share, freezer.take_linked()


def _is_feed(adapter: MapAdapter, url: str) -> bool:
    return not url.endswith((".html", "/")) and adapter.match(url)[0].startswith(f"{FEED_BLUEPRINT}.")


@contextmanager
def _frozen_flask_errors() -> Iterator[None]:
    """Frozen-Flask's warnings and URL errors, and a theme's broken template, as BuildErrors, which say what to
    change."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrozenFlaskWarning)
        try:
            yield
        except FrozenFlaskWarning as warning:
            raise BuildError(f"Frozen-Flask: {warning}") from warning
        except TemplateSyntaxError as error:
            raise BuildError(f"{error.filename}:{error.lineno}: {error.message}; fix the template") from error
        except ValueError as error:
            if not str(error).startswith(FROZEN_FLASK_URL_ERRORS):
                raise  # a bug in a view, not a URL problem: keep its traceback
            raise BuildError(f"{error}. Every link must lead to a page the site builds.") from error
