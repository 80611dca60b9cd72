"""The content folder as it would be with an editor's changes, made without touching it: a folder of hard links
to its files, the changed ones written as new files, where the content's own loading and checks run unchanged.

Hard links keep each file's size and modification time, the stamps the build cache knows a file by, and the
cache names files from the content folder (`herald_site.speed.cached_loading`): so only the changed files are
read and rendered, the rest come from the cache as in a rebuild. Where a hard link cannot be made (another
file system), the file is copied with its stamps. A changed file is always a new file, never written through
a link, so the content folder cannot be changed by an overlay.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from herald_site.build.pipeline import default_cache_dir
from herald_site.confined import OutsideFolderError, inside
from herald_site.speed.cache import BuildCache, open_cache

Changes = Mapping[str, bytes | None]
"""New contents by content path ("posts/2026-12-07-x.md"); None deletes the file."""

OVERLAYS_FOLDER = "editing-overlays"  # inside the build cache's folder: on its file system, ignored by git


def content_path(path: str) -> PurePosixPath:
    """A content path as the editing API takes it, relative with forward slashes; raises ValueError naming it
    otherwise (an absolute path, a `..` part, a backslash)."""
    parts = PurePosixPath(path).parts
    if not path or "\\" in path or path.startswith("/") or any(part in ("..", ".") for part in parts):
        raise ValueError(f"path {path!r} should be relative to the content folder, like 'posts/2026-12-07-x.md'")
    return PurePosixPath(*parts)


@contextmanager
def editing_cache(content_dir: Path, cache_dir: Path | None = None) -> Iterator[BuildCache]:
    """The build cache the content folder's builds use (beside it unless `cache_dir` says otherwise)."""
    with open_cache(cache_dir or default_cache_dir(content_dir)) as cache:
        yield cache


@contextmanager
def overlaid(content_dir: Path, changes: Changes, cache: BuildCache) -> Iterator[Path]:
    """A folder holding the content with `changes` applied, removed on leaving; raises ValueError for a path
    that is not a content path."""
    changed = {content_path(path): data for path, data in changes.items()}
    overlays = cache.folder / OVERLAYS_FOLDER
    overlays.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="change-", dir=overlays))
    try:
        _mirror(content_dir, folder, {relative.as_posix() for relative in changed})
        for relative, data in changed.items():
            if data is not None:
                target = _confined(folder, relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("xb") as file:  # a new file: the mirror left no link at this path
                    file.write(data)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _confined(folder: Path, relative: PurePosixPath) -> Path:
    """Where a changed file is written in the overlay; a ValueError when a link on disk on the way leads out of
    it (to the content folder itself, or anywhere else), which writing there would change."""
    try:
        return inside(folder, relative)
    except OutsideFolderError:
        raise ValueError(f"path {relative.as_posix()!r} leads out of the content folder through a link on disk; "
                         "save the file where the link points instead") from None


def _mirror(source: Path, target: Path, left_out: set[str]) -> None:
    """Hard links in `target` to every file under `source` but those `left_out` (content paths); links on disk
    are made again as links, an absolute one into `source` pointing at the same place in `target`. Paths stay
    strings: a Path per file would cost more than the links."""
    root, start, into = os.path.realpath(source), len(str(source)) + 1, str(target)
    for folder, folders, files in os.walk(source):
        here = os.path.join(into, folder[start:])
        if folder != str(source):
            os.mkdir(here)
        for name in [*files, *(name for name in folders if os.path.islink(os.path.join(folder, name)))]:
            original, copy = os.path.join(folder, name), os.path.join(here, name)
            if original[start:].replace(os.sep, "/") in left_out:
                continue
            if os.path.islink(original):
                pointed = os.readlink(original)
                if os.path.isabs(pointed) and (pointed == root or pointed.startswith(root + os.sep)):
                    pointed = into + pointed[len(root):]
                os.symlink(pointed, copy)
                continue
            try:
                os.link(original, copy)
            except OSError:  # another file system, or one without hard links: a copy with the same stamps
                shutil.copy2(original, copy)
