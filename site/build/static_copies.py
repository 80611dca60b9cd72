"""The files of site.yml's static folders (`herald_site.content.static_folders`), copied into the output as
they are: no view renders them, so they bypass the freezer, and are signed by their size and modification time
like media (`herald_site.speed.signatures`), so a rebuild copies only those that changed."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

from herald_site.confined import inside
from herald_site.content import SiteIndex


def static_copies(index: SiteIndex, content_dir: Path) -> dict[str, Path]:
    """Each static file's URL and the content file it is a copy of."""
    return {f"/{name}": content_dir / name for name in index.static_files}


def copy_static(staging: Path, copies: Mapping[str, Path], kept: Mapping[str, str]) -> list[tuple[str, str]]:
    """Copy into `staging` the files whose URL the previous build's output cannot keep; returns each (URL, file
    path in the output), kept or copied."""
    written = []
    for url, source in copies.items():
        relative = kept.get(url)
        if relative is None:
            relative = url.lstrip("/")
            target = inside(staging, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        written.append((url, relative))
    return written
