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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask_frozen import Freezer, FrozenFlaskWarning

from herald_site.catalog import UrlValues, current_catalog
from herald_site.current import current_index

FEED_BLUEPRINT = "feeds"
# How Frozen-Flask's ValueErrors begin when a URL answered other than 200 or pointed off the site.
FROZEN_FLASK_URL_ERRORS = ("Unexpected status", "External URLs not supported")

Progress = Callable[[int, int, str], None]
"""Called after each written file with (files written, files expected, URL)."""


class BuildError(Exception):
    """The site could not be frozen; the message says which URL failed and what to change."""


@dataclass(frozen=True)
class BuildSummary:
    """What a build wrote, for the CLI's last line and for tests."""

    pages: int  # HTML files
    feeds: int  # RSS and Atom files
    files: int  # everything written, including the above, media and theme files
    seconds: float
    out_dir: Path

    def __str__(self) -> str:
        return (
            f"Built {self.pages} pages and {self.feeds} feeds ({self.files} files) "
            f"into {self.out_dir} in {self.seconds:.2f} s"
        )


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
    return freezer


class CatalogFreezer(Freezer):  # type: ignore[misc]
    """A Freezer that knows an endpoint in the catalog may have no URLs at all (a site without categories).

    Frozen-Flask counts an endpoint as covered only once it produced a URL; endpoints outside the catalog
    still raise its "Nothing frozen" warning. Frozen-Flask has no public hook for this, hence the override.
    """

    def __init__(self, app: Flask, **options: bool) -> None:
        self.listed_endpoints: set[str] = set()
        super().__init__(app, **options)

    def _check_endpoints(self, seen_endpoints: set[str]) -> None:
        super()._check_endpoints(seen_endpoints | self.listed_endpoints)


def _generator(endpoint: str, values: UrlValues) -> Callable[[], Iterator[tuple[str, dict]]]:
    def generate() -> Iterator[tuple[str, dict]]:
        for value in values(current_index()):
            yield endpoint, value

    generate.__name__ = f"urls_of_{endpoint.replace('.', '_')}"
    return generate


def freeze_site(app: Flask, out_dir: Path | str, progress: Progress | None = None) -> BuildSummary:
    """Freeze `app` into `out_dir`, replacing its contents only when the whole build succeeded."""
    started = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir} is a file; give --out a folder (it is replaced by each build).")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with _staging_folder(out_dir) as staging:
        app.config["FREEZER_DESTINATION"] = str(staging)
        app.config["FREEZER_BASE_URL"] = _base_url(app)
        pages, feeds, files = _freeze_into(app, progress)
        _swap_in(staging, out_dir)
    return BuildSummary(pages, feeds, files, time.perf_counter() - started, out_dir)


def _base_url(app: Flask) -> str:
    with app.app_context():
        return current_index().config.url + "/"


def _freeze_into(app: Flask, progress: Progress | None) -> tuple[int, int, int]:
    freezer = make_freezer(app)
    expected = len(set(freezer.all_urls()))
    adapter = app.url_map.bind("localhost")
    pages = feeds = files = 0
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrozenFlaskWarning)
        try:
            for page in freezer.freeze_yield():
                files += 1
                if page.path.suffix == ".html":
                    pages += 1
                elif adapter.match(page.url)[0].startswith(f"{FEED_BLUEPRINT}."):
                    feeds += 1
                if progress:
                    progress(files, expected, page.url)
        except FrozenFlaskWarning as warning:
            raise BuildError(f"Frozen-Flask: {warning}") from warning
        except ValueError as error:
            if not str(error).startswith(FROZEN_FLASK_URL_ERRORS):
                raise  # a bug in a view, not a URL problem: keep its traceback
            raise BuildError(f"{error}. Every link must lead to a page the site builds.") from error
    return pages, feeds, files


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
                shutil.rmtree(leftover, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
        try:
            yield staging
        finally:
            if staging.exists():
                shutil.rmtree(staging)
    finally:
        os.close(parent)  # closing releases the lock


def _swap_in(staging: Path, out_dir: Path) -> None:
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read the published folder
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.previous-", dir=out_dir.parent))
    retired.rmdir()
    out_dir.rename(retired)
    staging.rename(out_dir)
    shutil.rmtree(retired)
