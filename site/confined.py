"""Paths held inside the folder they belong to: the one check every file the build writes or removes passes.

A file's path may come from content (a permalink, a media file's name), from the build cache (what the last
build wrote, to remove later) or from a link on disk, and then name a file anywhere the build may write. So
each writer and remover takes its path from `inside`, and the walk over the content folder asks `lies_inside`
of every link it meets. Links are followed, as the system follows them when it opens the path.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from herald_site.errors import BuildError


class OutsideFolderError(BuildError):
    """A path the build was about to write or remove lies outside the folder it works in."""


def lies_inside(folder: Path | str, path: Path | str, *, strictly: bool = False) -> bool:
    """Whether `path`, every link on the way followed, is `folder` (its links followed too) or lies below it;
    with `strictly`, only below it."""
    root, target = os.path.realpath(folder), os.path.realpath(path)
    return target.startswith(os.path.join(root, "")) or (target == root and not strictly)


def inside(folder: Path, relative: str | PurePath) -> Path:
    """`folder / relative`, once it is known to lie below `folder`; raises OutsideFolderError when it does not
    (a ".." part, an absolute path, or a link leading out)."""
    path = folder / relative
    if not lies_inside(folder, path, strictly=True):
        raise OutsideFolderError(
            f"refusing to write or remove {path}: it lies outside {folder}, the folder this step of the build "
            "works in. A permalink, a link on disk or a damaged build cache points there; fix it (or delete "
            "the build cache) and build again."
        )
    return path
