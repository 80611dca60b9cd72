"""The build cache: what loading and rendering each content file gave, kept between builds in one SQLite file.

A rebuild then reads only the files whose size or modification time changed, renders only Markdown it has
never rendered with the current settings, and finds the previous build's page signatures (see
`herald_site.speed.signatures`). What a rebuild reads of every file, its document record, is kept apart from the
HTML, which stays on disk until a view asks for it: a build of thousands of posts neither reads nor holds
every page's HTML. A cache that cannot be read (corrupted, another format, not SQLite at all) is thrown away
and rebuilt: it only ever saves time.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from herald_site import markdown
from herald_site.confined import inside
from herald_site.content.model import DocumentKind, Stamp
from herald_site.markdown import Rendered

CACHE_FILE = "cache.sqlite"
# Bump when the tables change shape: an older cache is then dropped, never misread.
CACHE_FORMAT = 6
_SCHEMA = (
    # A row per content file (by its path in the content folder): its document record (see herald_site.speed.records), valid for one documents key.
    "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT, kind TEXT, key TEXT,"
    " record BLOB)",
    # Renderings by text and Markdown settings, their HTML in a table of its own: reading the rest stays cheap.
    "CREATE TABLE rendered (hash TEXT, settings TEXT, meta BLOB, PRIMARY KEY (hash, settings))",
    "CREATE TABLE html (hash TEXT, settings TEXT, html TEXT, PRIMARY KEY (hash, settings))",
    "CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB)",
)


class CachedFile(NamedTuple):
    """A content file as the cache knows it; `record` is None when made under another documents key."""

    path: str
    stamp: Stamp
    source_hash: str
    kind: DocumentKind
    record: bytes | None


@contextmanager
def open_cache(folder: Path) -> Iterator[BuildCache]:
    """The cache in `folder` for one build; a second build using the same folder waits for this one to end."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        cache = BuildCache(folder, markdown.MARKDOWN_SETTINGS_VERSION)
        try:
            yield cache
        finally:
            cache.close()
    finally:
        os.close(lock)  # closing releases the lock


class BuildCache:
    """One build's view of the cache folder; `commit` makes what it learned last for the next build."""

    def __init__(self, folder: Path, markdown_settings: str) -> None:
        self.folder = Path(folder)
        self.settings = markdown_settings
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = inside(self.folder, ".gitignore")
        if not ignore.exists():
            ignore.write_text("# Herald's build cache: safe to delete, never to commit.\n*\n", encoding="utf-8")
        self._pid = os.getpid()
        self._db = self._open()
        self._states: dict[str, Any] = {}  # read once per build: a manifest of thousands of URLs is asked for twice

    @property
    def path(self) -> Path:
        """The SQLite file; neither it nor the journals SQLite keeps beside it may lead out of the folder."""
        for journal in (f"{CACHE_FILE}-wal", f"{CACHE_FILE}-shm"):
            inside(self.folder, journal)
        return inside(self.folder, CACHE_FILE)

    def _open(self) -> sqlite3.Connection:
        path = self.path
        try:
            db = _connect(path)
            if db.execute("PRAGMA user_version").fetchone()[0] != CACHE_FORMAT:
                db.close()
                path.unlink()
                db = _connect(path)
                _create(db)
            return db
        except sqlite3.DatabaseError:  # not a database, or a damaged one
            path.unlink(missing_ok=True)
            db = _connect(path)
            _create(db)
            return db

    def _reset(self) -> None:
        self._db.close()
        self.path.unlink(missing_ok=True)
        self._db = _connect(self.path)
        _create(self._db)
        self._states = {}

    def _connection(self) -> sqlite3.Connection:
        """The connection of this process: a forked worker must not share its parent's."""
        if os.getpid() != self._pid:
            self._pid = os.getpid()
            self._db = _connect(self.path)
        return self._db

    def files(self, documents_key: str) -> Iterator[CachedFile]:
        """Every content file the cache knows; records made under another `documents_key` come as None.

        One query for all of them, the only read a rebuild makes of the cache before it renders, read as it
        goes rather than held. A cache damaged past what opening it showed is started again, and knows no more.
        """
        try:
            for path, size, mtime, digest, kind, key, record in self._connection().execute(
                "SELECT path, size, mtime_ns, hash, kind, key, record FROM files"
            ):
                yield CachedFile(path, (size, mtime), digest, kind, record if key == documents_key else None)
        except sqlite3.DatabaseError:
            self._reset()

    def remember_file(
        self, path: str, stamp: Stamp, source_hash: str, kind: DocumentKind, documents_key: str, record: bytes
    ) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
            (path, *stamp, source_hash, kind, documents_key, record),
        )

    def forget_files(self, paths: Iterable[str]) -> None:
        self._db.executemany("DELETE FROM files WHERE path = ?", ((path,) for path in paths))

    def rendering(self, source_hash: str) -> Rendered | None:
        """The rendering of a text (all but its HTML, see `html`) under the current Markdown settings."""
        row = self._connection().execute(
            "SELECT meta FROM rendered WHERE hash = ? AND settings = ?", (source_hash, self.settings)
        ).fetchone()
        return _unpickled(row[0], Rendered) if row else None

    def html(self, source_hash: str) -> str | None:
        row = self._connection().execute(
            "SELECT html FROM html WHERE hash = ? AND settings = ?", (source_hash, self.settings)
        ).fetchone()
        return row[0] if row and isinstance(row[0], str) else None

    def remember_rendering(self, source_hash: str, rendered: Rendered) -> None:
        meta = pickle.dumps(replace(rendered, html=""), pickle.HIGHEST_PROTOCOL)
        self._db.execute("INSERT OR REPLACE INTO rendered VALUES (?, ?, ?)", (source_hash, self.settings, meta))
        self._db.execute("INSERT OR REPLACE INTO html VALUES (?, ?, ?)", (source_hash, self.settings, rendered.html))

    def forget_renderings(self, source_hashes: Iterable[str], *, other_settings: bool = False) -> None:
        """Drop the renderings of texts no file has any more, and with `other_settings` every rendering made
        under other Markdown settings, so that the cache does not grow forever."""
        for table in ("rendered", "html"):
            self._db.executemany(f"DELETE FROM {table} WHERE hash = ?", ((digest,) for digest in source_hashes))
            if other_settings:
                self._db.execute(f"DELETE FROM {table} WHERE settings != ?", (self.settings,))

    def state(self, key: str) -> Any:
        """A value `save_state` stored under `key` by an earlier build, or None."""
        if key not in self._states:
            row = self._connection().execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
            self._states[key] = _unpickled(row[0], object) if row else None
        return self._states[key]

    def save_state(self, key: str, value: Any) -> None:
        self._states[key] = value
        self._connection().execute(
            "INSERT OR REPLACE INTO state VALUES (?, ?)", (key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        )

    def commit(self) -> None:
        self._connection().commit()

    def close(self) -> None:
        """Close without committing: what a failed build learned is not kept."""
        self._connection().close()


def _connect(path: Path) -> sqlite3.Connection:
    # `serve` loads in its watcher thread while request threads read documents' HTML: one connection shared by
    # threads, which SQLite's serialized mode (Python's sqlite3.threadsafety 3, Debian's build) makes safe.
    db = sqlite3.connect(path, isolation_level="DEFERRED", check_same_thread=False)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def _create(db: sqlite3.Connection) -> None:
    for statement in _SCHEMA:
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {CACHE_FORMAT}")
    db.commit()


def _unpickled(blob: bytes, kind: type) -> Any:
    """The object in `blob`, or None when it is damaged or of another kind (a cache never fails a build)."""
    try:
        value = pickle.loads(blob)
    except Exception:  # noqa: BLE001 - a damaged pickle can raise almost anything; the file is simply re-read
        return None
    return value if isinstance(value, kind) else None
