"""Where a Jekyll site's static files go: each folder of them stays a folder of the content folder, published as
it is (`static:` in site.yml), and a `media/` folder is Herald's own media folder. A file at the top of the site
and a folder whose name Herald uses itself (`posts/`, `tags/`, ...) stay behind, reported."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from herald_site.content.static_folders import HERALD_FOLDERS
from herald_site.importers.output import LeftBehind
from herald_site.urls import reserved_owner

STATIC_HOME = "media"  # Herald publishes content/media/ at /media/ without being told


def static_destinations(files: Iterable[PurePosixPath]) -> tuple[dict[PurePosixPath, PurePosixPath],
                                                                  list[LeftBehind]]:
    """Each static file's path in the content folder, by its path in the Jekyll site; and what stays behind."""
    kept: dict[PurePosixPath, PurePosixPath] = {}
    left_behind: list[LeftBehind] = []
    refused: set[str] = set()
    for path in files:
        folder = path.parts[0]
        if len(path.parts) == 1:
            left_behind.append(LeftBehind(str(path), "a file at the top of the site: Herald publishes folders of "
                                                     "files (`static:`); put it in one"))
        elif folder != STATIC_HOME and (folder in HERALD_FOLDERS or reserved_owner(f"/{folder}/")):
            if folder not in refused:
                refused.add(folder)
                left_behind.append(LeftBehind(f"{folder}/", "a folder of files whose name Herald uses itself; "
                                                            "rename it in the old site and import again"))
        else:
            kept[path] = path
    return kept, left_behind
