"""The build cache: what reading and rendering each content file gave, kept between builds in one SQLite file.

A rebuild then reads only the files whose size or modification time changed, renders only Markdown it has
never rendered with the current settings, and finds the previous build's page signatures (see
`herald_site.incremental`). Rendered HTML stays on disk until a view asks for it, so a build of thousands of
posts does not hold every page's HTML in memory. A cache that cannot be read (corrupted, another format, not
SQLite at all) is thrown away and rebuilt: it only ever saves time.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from herald_site import markdown
from herald_site.markdown import Rendered
from herald_site.reader import SourceDocument

CACHE_FILE = "cache.sqlite"
# Bump when the tables or the pickled classes change shape: an older cache is then dropped, never misread.
CACHE_FORMAT = 4
_SCHEMA = (
    "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT, source BLOB, body TEXT)",
    "CREATE TABLE rendered (hash TEXT, settings TEXT, meta BLOB, html TEXT, PRIMARY KEY (hash, settings))",
    "CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB)",
)


@dataclass(frozen=True)
class FileStamp:
    """What says a file is unchanged without reading it."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        stat = path.stat()
        return cls(stat.st_size, stat.st_mtime_ns)


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
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Herald's build cache: safe to delete, never to commit.\n*\n", encoding="utf-8")
        self._pid = os.getpid()
        self._db = self._open()
        self._files: dict[str, tuple[int, int, str]] = {}
        self._metas: dict[str, bytes] = {}
        self._sources: dict[str, bytes] | None = None
        self._states: dict[str, Any] = {}  # read once per build: a manifest of thousands of URLs is asked for twice
        try:
            self._preload()
        except (sqlite3.DatabaseError, ValueError):
            self._reset()

    def _open(self) -> sqlite3.Connection:
        path = self.folder / CACHE_FILE
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
        (self.folder / CACHE_FILE).unlink(missing_ok=True)
        self._db = _connect(self.folder / CACHE_FILE)
        _create(self._db)
        self._files, self._metas = {}, {}

    def _preload(self) -> None:
        rows = self._db.execute("SELECT path, size, mtime_ns, hash FROM files")
        self._files = {path: (size, mtime, digest) for path, size, mtime, digest in rows}
        metas = self._db.execute("SELECT hash, meta FROM rendered WHERE settings = ?", (self.settings,))
        self._metas = dict(metas)

    def _connection(self) -> sqlite3.Connection:
        """The connection of this process: a forked worker must not share its parent's."""
        if os.getpid() != self._pid:
            self._pid = os.getpid()
            self._db = _connect(self.folder / CACHE_FILE)
        return self._db

    def source(self, path: Path, stamp: FileStamp) -> SourceDocument | None:
        """The file as read last time, when its size and modification time are unchanged.

        Its body is left out (empty), to keep thousands of them out of memory: see `body`.
        """
        row = self._files.get(str(path))
        if row is None or (row[0], row[1]) != (stamp.size, stamp.mtime_ns):
            return None
        if self._sources is None:  # one query for all of them costs far less than one per file
            self._sources = dict(self._connection().execute("SELECT path, source FROM files"))
        blob = self._sources.pop(str(path), None)
        fields = _unpickled(blob, tuple) if blob is not None else None
        if fields is None:
            return None
        try:  # stored without its path, which the caller holds: unpickling thousands of Paths costs more
            return SourceDocument(path, *fields)
        except TypeError:  # fields of another shape: the file is simply read again
            return None

    def has_rendering(self, source_hash: str) -> bool:
        return source_hash in self._metas

    def rendered(self, source_hash: str) -> Rendered | None:
        """The rendering of a text (all but its HTML, see `html`) under the current Markdown settings."""
        meta = self._metas.get(source_hash)
        return _unpickled(meta, Rendered) if meta is not None else None

    def html(self, source_hash: str) -> str:
        row = self._connection().execute(
            "SELECT html FROM rendered WHERE hash = ? AND settings = ?", (source_hash, self.settings)
        ).fetchone()
        if row is None:
            raise LookupError(f"the build cache in {self.folder} lost the HTML of {source_hash}; build again")
        html: str = row[0]
        return html

    def body(self, path: Path) -> str:
        """The Markdown of a file as read last time."""
        row = self._connection().execute("SELECT body FROM files WHERE path = ?", (str(path),)).fetchone()
        if row is None:
            raise LookupError(f"the build cache in {self.folder} lost the text of {path}; build again")
        body: str = row[0]
        return body

    def remember(self, source: SourceDocument, stamp: FileStamp, rendered: Rendered | None) -> Rendered | None:
        """Store a file just read (and its rendering, when it was rendered); returns the rendering without HTML."""
        fields = (source.kind, source.metadata, "", source.body_line, source.source_hash, source.key_lines)
        blob = pickle.dumps(fields, pickle.HIGHEST_PROTOCOL)
        self._files[str(source.path)] = (stamp.size, stamp.mtime_ns, source.source_hash)
        self._db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (str(source.path), stamp.size, stamp.mtime_ns, source.source_hash, blob, source.body),
        )
        if rendered is None:
            return self.rendered(source.source_hash)
        meta = replace(rendered, html="")
        meta_blob = pickle.dumps(meta, pickle.HIGHEST_PROTOCOL)
        self._metas[source.source_hash] = meta_blob
        self._db.execute(
            "INSERT OR REPLACE INTO rendered VALUES (?, ?, ?, ?)",
            (source.source_hash, self.settings, meta_blob, rendered.html),
        )
        return meta

    def forget_all_but(self, paths: Iterable[Path]) -> None:
        """Drop files no longer in the content and renderings no file needs, so the cache does not grow forever."""
        keep = {str(path) for path in paths}
        gone = [path for path in self._files if path not in keep]
        self._db.executemany("DELETE FROM files WHERE path = ?", ((path,) for path in gone))
        for path in gone:
            del self._files[path]
        needed = {row[2] for row in self._files.values()}
        unused = [digest for digest in self._metas if digest not in needed]
        self._db.executemany("DELETE FROM rendered WHERE hash = ?", ((digest,) for digest in unused))
        self._db.execute("DELETE FROM rendered WHERE settings != ?", (self.settings,))
        for digest in unused:
            del self._metas[digest]

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
    db = sqlite3.connect(path, isolation_level="DEFERRED")
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
