"""Publishing the output folder all or nothing: a build writes into a staging folder beside it, which then
replaces it by a rename (or, for a rebuild, hands over only the files whose bytes changed).

A failed build leaves the previous site exactly as it was; a killed one leaves folders that the next build
removes. Every path passes `herald_site.confined.inside`.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from herald_site.confined import inside


@contextmanager
def staging_folder(out_dir: Path) -> Iterator[Path]:
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


def swap_in(staging: Path, out_dir: Path) -> None:
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


def move_changed(staging: Path, out_dir: Path, rendered: Iterable[str], stale: Iterable[str]) -> None:
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
