"""Writing the site to files with Frozen-Flask, all or nothing.

The build goes into a fresh folder next to the output folder and replaces it only once every URL was written
without a Frozen-Flask warning, so a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask_frozen import Freezer, FrozenFlaskWarning, Page
from werkzeug.routing import MapAdapter

from herald_site.build.report import BuildSummary, Progress
from herald_site.confined import inside
from herald_site.errors import BuildError
from herald_site.speed.cache import BuildCache
from herald_site.speed.page_client import PageClient
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
from herald_site.web.url_catalog import UrlValues, current_catalog

FEED_BLUEPRINT = "feeds"
# How Frozen-Flask's ValueErrors begin when a URL answered other than 200 or pointed off the site.
FROZEN_FLASK_URL_ERRORS = ("Unexpected status", "External URLs not supported")

def make_freezer(app: Flask) -> Freezer:
    """A Freezer that builds every URL in the app's catalog, plus the theme's static files.

    Every endpoint has its own generator from the catalog, so an endpoint the catalog forgets shows up as
    Frozen-Flask's "Nothing frozen for endpoint" warning, which `freeze_site` turns into an error.
    """
    app.config.update(
        PROPAGATE_EXCEPTIONS=True,  # a failing view shows its own traceback, not just "500 on URL"
        FREEZER_RELATIVE_URLS=False,
        FREEZER_REDIRECT_POLICY="error",
        FREEZER_IGNORE_404_NOT_FOUND=False,
        FREEZER_IGNORE_MIMETYPE_WARNINGS=False,
        FREEZER_REMOVE_EXTRA_FILES=False,
    )
    freezer = CatalogFreezer(app, with_static_files=True, with_no_argument_rules=False)
    with app.app_context():
        for endpoint, values in current_catalog().endpoints():
            freezer.register_generator(_generator(endpoint, values))
            freezer.listed_endpoints.add(endpoint)
        catalog_calls = {_call_key(endpoint, values) for endpoint, values in current_catalog().urls(current_index())}
    freezer.url_for_logger.logged_calls = _NewCallsOnly(catalog_calls)
    _build_each_url_once(app)
    app.test_client_class = PageClient  # Frozen-Flask fetches every page through app.test_client()
    return freezer


def _build_each_url_once(app: Flask) -> None:
    """Make `url_for` remember the URLs it built: every page links the home page, the feeds, the theme and
    its tags, so a build would otherwise ask werkzeug for the same few hundred URLs tens of thousands of times.

    Every page is frozen with the same base URL, so an endpoint and its values always give the same URL;
    relative endpoints (".name") depend on the view's blueprint and are left alone. The first call of each
    URL still goes through werkzeug, so Frozen-Flask's log of linked URLs sees it.
    """
    build = app.url_for
    built: dict[tuple[str, frozenset], str] = {}

    def url_for(endpoint: str, **values: object) -> str:
        if endpoint.startswith("."):
            return build(endpoint, **values)
        try:
            key = _call_key(endpoint, values)
            return built[key]
        except KeyError:
            url = built[key] = build(endpoint, **values)
            return url
        except TypeError:  # a value that cannot be hashed
            return build(endpoint, **values)

    app.url_for = url_for  # type: ignore[method-assign]  # flask.url_for calls current_app.url_for
    app.jinja_env.globals["url_for"] = url_for  # templates call the one Flask gave them


def _call_key(endpoint: str, values: dict) -> tuple[str, frozenset]:
    return endpoint, frozenset(values.items())


class _NewCallsOnly(deque):  # type: ignore[type-arg]
    """Frozen-Flask's log of `url_for` calls, keeping only calls not seen before.

    Every page links the home page, the feeds and the theme; logging each call would make Frozen-Flask build
    each of those URLs again thousands of times only to find it already built. The catalog's own URLs are
    known in advance. In a worker process (`deferring`), new calls are set aside for the parent to freeze,
    so that two workers never build the same page.
    """

    def __init__(self, seen: set[tuple[str, frozenset]]) -> None:
        super().__init__()
        self._seen = seen
        self.deferring = False
        self.deferred: list[tuple[str, dict]] = []

    def append(self, call: tuple[str, dict]) -> None:
        try:
            key = _call_key(*call)
        except TypeError:  # a value that cannot be hashed: log it, Frozen-Flask sorts it out
            key = None
        if key is not None and key in self._seen:
            return
        if key is not None:
            self._seen.add(key)
        if self.deferring:
            self.deferred.append(call)
        else:
            super().append(call)


class CatalogFreezer(Freezer):  # type: ignore[misc]
    """A Freezer that knows an endpoint in the catalog may have no URLs at all (a site without categories),
    and that can freeze a share of the URLs in a worker process.

    Frozen-Flask counts an endpoint as covered only once it produced a URL; endpoints outside the catalog
    still raise its "Nothing frozen" warning. Frozen-Flask has no public hook for this, hence the overrides.
    """

    def __init__(self, app: Flask, **options: bool) -> None:
        self.listed_endpoints: set[str] = set()
        self.checking_endpoints = True
        super().__init__(app, **options)

    def urlpath_to_filepath(self, path: str) -> str:
        """The file a URL is written to, relative to the folder being frozen into, which it may not leave."""
        relative: str = super().urlpath_to_filepath(path)
        inside(self.root, relative)
        return relative

    def _check_endpoints(self, seen_endpoints: set[str]) -> None:
        if self.checking_endpoints:
            super()._check_endpoints(seen_endpoints | self.listed_endpoints)

    def planned_urls(self) -> list[str]:
        """Every URL the generators give, once each, checking that no endpoint was forgotten."""
        urls, endpoints = {}, set()
        for url, endpoint, _ in self._generate_all_urls():
            urls[url] = None
            endpoints.add(endpoint)
        self._check_endpoints(endpoints)
        self.checking_endpoints = False  # checked once, here; shares of the URLs cover only some endpoints
        return list(urls)

    def freeze_share(self, urls: list[str]) -> Iterator[Page]:
        """Freeze `urls`, and any URL their pages link to that no generator gives (unless deferring those)."""
        self.url_generators = [lambda: iter(urls)]
        yield from self.freeze_yield()

    def deferred_urls(self) -> list[str]:
        """The URLs that pages frozen while deferring linked to and no generator gives."""
        calls, self.url_for_logger.logged_calls.deferred = self.url_for_logger.logged_calls.deferred, []
        self.url_generators = [lambda: iter(calls)]
        return [url for url, _, _ in self._generate_all_urls()]


def _generator(endpoint: str, values: UrlValues) -> Callable[[], Iterator[tuple[str, dict]]]:
    def generate() -> Iterator[tuple[str, dict]]:
        for value in values(current_index()):
            yield endpoint, value

    generate.__name__ = f"urls_of_{endpoint.replace('.', '_')}"
    return generate


def freeze_site(
    app: Flask,
    out_dir: Path | str,
    progress: Progress | None = None,
    *,
    signatures: Signatures | None = None,
    cache: BuildCache | None = None,
    jobs: int = 1,
) -> BuildSummary:
    """Freeze `app` into `out_dir`, replacing its contents only when the whole build succeeded.

    Every file is written into a staging folder first. Without a previous build to start from, the staging
    folder then replaces the output folder. With `signatures` of every URL (see `herald_site.speed.signatures`)
    and a `cache` holding the manifest of the build that made the output folder, only URLs whose signature
    changed are rendered, and only files whose bytes changed are moved into the output at the end (files of
    URLs the site no longer has are removed). `jobs` processes share the rendering.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir} is a file; give --out a folder (it is replaced by each build).")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    signatures = signatures or {}
    with _staging_folder(out_dir) as staging:
        previous = previous_manifest(cache, out_dir)  # the cache folder stays locked for the whole build
        kept = reusable_files(previous, out_dir, signatures)
        app.config["FREEZER_DESTINATION"] = str(staging)
        app.config["FREEZER_BASE_URL"] = _base_url(app)
        known = None
        if previous is not None and kept:  # the same code built the previous output: its URLs are known
            known = [*signatures, *(url for url, (sign, _) in previous.files.items() if sign is None)]
        pages, feeds, written = _freeze_into(app, progress, kept, jobs, known)
        if previous is not None and kept:
            assert cache is not None
            cache.save_state(manifest_key(out_dir), None)  # until the output is whole again, trust no manifest
            cache.commit()
            stale = {path for _, path in previous.files.values()} - {path for _, path in written}
            _move_changed(staging, out_dir, [path for url, path in written if url not in kept], stale)
        else:
            _swap_in(staging, out_dir)
    files = {url: (signatures.get(url), path) for url, path in written}
    if cache is not None:
        cache.save_state(manifest_key(out_dir), Manifest(str(out_dir), folder_identity(out_dir), files, pages, feeds))
        cache.commit()
    return BuildSummary(pages, feeds, len(written), time.perf_counter() - started, out_dir, len(kept))


def _move_changed(staging: Path, out_dir: Path, rendered: Iterable[str], stale: Iterable[str]) -> None:
    """Move the rendered files whose bytes changed into the output (each by an atomic rename) and remove
    the stale ones; a file that came out as before keeps its date (rsync and CDNs see no change).

    Every path is checked before anything moves: the stale ones come from the build cache, which a damaged
    or planted cache could point anywhere.
    """
    moves = [(inside(staging, relative), inside(out_dir, relative)) for relative in rendered]
    removals = [inside(out_dir, relative) for relative in stale]
    for new, old in moves:
        try:
            if old.stat().st_size == new.stat().st_size and old.read_bytes() == new.read_bytes():
                continue
        except FileNotFoundError:
            old.parent.mkdir(parents=True, exist_ok=True)
        os.replace(new, old)
    for path in removals:
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != out_dir and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _base_url(app: Flask) -> str:
    with app.app_context():
        return current_index().config.url + "/"


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
        if known is None:
            urls = freezer.planned_urls()
        else:  # checked for forgotten endpoints by the full build of the same code
            urls, freezer.checking_endpoints = list(dict.fromkeys(known)), False
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
    while to_render:  # the planned URLs, then pages they link to that no generator gives, and so on
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
    wrote and the URLs its pages linked to that no generator gives, for the caller to freeze once."""
    freezer = _WORKER_FREEZER
    assert freezer is not None
    freezer.url_for_logger.logged_calls.deferring = True
    with _frozen_flask_errors():
        share = [(page.url, page.path.as_posix()) for page in freezer.freeze_share(urls)]
        return share, freezer.deferred_urls()


def _is_feed(adapter: MapAdapter, url: str) -> bool:
    return not url.endswith((".html", "/")) and adapter.match(url)[0].startswith(f"{FEED_BLUEPRINT}.")


@contextmanager
def _frozen_flask_errors() -> Iterator[None]:
    """Frozen-Flask's warnings and URL errors as BuildErrors, which say what to change."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrozenFlaskWarning)
        try:
            yield
        except FrozenFlaskWarning as warning:
            raise BuildError(f"Frozen-Flask: {warning}") from warning
        except ValueError as error:
            if not str(error).startswith(FROZEN_FLASK_URL_ERRORS):
                raise  # a bug in a view, not a URL problem: keep its traceback
            raise BuildError(f"{error}. Every link must lead to a page the site builds.") from error


@contextmanager
def _staging_folder(out_dir: Path) -> Iterator[Path]:
    """A fresh folder beside `out_dir` (same file system, so the swap is a rename), removed on failure.

    One build at a time holds a lock on the folder around `out_dir` (no lock file left behind); holding it,
    any staging or retired folder left by a build that was killed is known to be abandoned and is removed.
    """
    parent = os.open(out_dir.parent, os.O_RDONLY)
    try:
        fcntl.flock(parent, fcntl.LOCK_EX)
        for stage in ("building", "previous"):
            for leftover in out_dir.parent.glob(f".{out_dir.name}.{stage}-*"):
                shutil.rmtree(inside(out_dir.parent, leftover.name), ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
        try:
            yield staging
        finally:
            if staging.exists():
                shutil.rmtree(inside(out_dir.parent, staging.name))
    finally:
        os.close(parent)  # closing releases the lock


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Publish the staging folder as `out_dir`; both, and the retired previous output, are beside each other."""
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read the published folder
    published = inside(out_dir.parent, out_dir.name)
    if not out_dir.exists():
        staging.rename(published)
        return
    made = tempfile.mkdtemp(prefix=f".{out_dir.name}.previous-", dir=out_dir.parent)  # a name no one else takes
    retired = inside(out_dir.parent, Path(made).name)
    retired.rmdir()
    out_dir.rename(retired)
    staging.rename(published)
    shutil.rmtree(retired)
