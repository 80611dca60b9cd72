"""What a Jekyll site's folder holds, sorted the way Jekyll sorts it: posts (`_posts/`), drafts (`_drafts/`),
documents of collections (`_label/`), pages (any other file with front matter), static files (files without),
includes, and the folders whose work Herald does not do (`_layouts/`, `_data/`, `_plugins/`, `_sass/`).

Links on disk are never followed: Jekyll's safe mode (GitHub Pages) ignores them too, and one leading out of the
site could otherwise carry any file of the machine into the content folder. Each is reported.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from herald_site.importers.jekyll_config import CONFIG_FILE, JekyllConfig
from herald_site.importers.output import LeftBehind

POSTS, DRAFTS, INCLUDES = "_posts", "_drafts", "_includes"
DOCUMENT_SUFFIXES = (".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".html", ".htm")
_NOT_CARRIED = {
    "_layouts": "a layout: Herald's theme draws every page (see `theme:` in site.yml and the theme folder)",
    "_data": "a data file: Herald has no site.data",
    "_plugins": "a plugin: Herald runs no Ruby",
    "_sass": "Sass: Herald's theme has its own stylesheet",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE | re.DOTALL)
POST_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")


@dataclass(frozen=True)
class SourceDocument:
    relative: PurePosixPath  # its path in the Jekyll site
    kind: str  # "post", "draft", "page" or "collection"
    collection: str | None
    frontmatter: dict[str, Any]
    body: str
    body_line: int  # the line of the file the body starts at
    modified: datetime
    folder_categories: tuple[str, ...] = ()  # a post's categories from the folders above its _posts/ (news/_posts/)

    @property
    def types(self) -> tuple[str, ...]:
        """The types front matter defaults name it by (Jekyll's `scope: {type: ...}`)."""
        return {"post": ("posts",), "draft": ("posts", "drafts"), "page": ("pages",)}.get(
            self.kind, (self.collection or "",))

    @property
    def stem(self) -> str:
        """Its file name without the suffix."""
        return self.relative.name.rsplit(".", 1)[0]


@dataclass
class JekyllSource:
    root: Path
    documents: list[SourceDocument] = field(default_factory=list)
    static_files: list[PurePosixPath] = field(default_factory=list)  # files under folders of the site
    includes: dict[str, Path] = field(default_factory=dict)  # by their path under _includes/
    left_behind: list[LeftBehind] = field(default_factory=list)


def read_source(root: Path, config: JekyllConfig) -> JekyllSource:
    """Every file of the Jekyll site at `root`, sorted (Jekyll's rules, its `exclude` and `include`)."""
    found = JekyllSource(root)
    collections = {f"_{collection.label}": collection for collection in config.collections}
    for folder, folders, files in os.walk(root):
        here = PurePosixPath(Path(folder).relative_to(root).as_posix())
        for name in sorted(folders):
            if (Path(folder) / name).is_symlink():
                _refuse_link(found, here / name)
        folders[:] = sorted(name for name in folders if not (Path(folder) / name).is_symlink()
                            and _wanted(here / name, config, collections))
        for name in sorted(files):
            relative = here / name if str(here) != "." else PurePosixPath(name)
            if (Path(folder) / name).is_symlink():
                _refuse_link(found, relative)
            elif relative.parts[0] == INCLUDES and len(relative.parts) > 1:
                found.includes[PurePosixPath(*relative.parts[1:]).as_posix()] = root / relative
            elif relative.parts[0] in _NOT_CARRIED and len(relative.parts) > 1:
                found.left_behind.append(LeftBehind(str(relative), _NOT_CARRIED[relative.parts[0]]))
            elif _wanted(relative, config, collections) and str(relative) != CONFIG_FILE:
                _sort_file(found, relative, collections.get(relative.parts[0]))
    return found


def _wanted(relative: PurePosixPath, config: JekyllConfig, collections: dict[str, Any]) -> bool:
    """Whether Jekyll reads the path: not hidden, not excluded; of the folders starting with "_", only its own."""
    first = relative.parts[0]
    if first.startswith("_"):
        return first in (POSTS, DRAFTS, INCLUDES, *_NOT_CARRIED, *collections) and not any(
            part.startswith((".", "#")) for part in relative.parts)
    hidden = any(part.startswith((".", "#")) or part.endswith("~") for part in relative.parts)
    inner = any(part.startswith("_") and part not in (POSTS, DRAFTS) for part in relative.parts[1:])
    return not hidden and not inner and not config.excluded(relative)


def _refuse_link(found: JekyllSource, relative: PurePosixPath) -> None:
    found.left_behind.append(LeftBehind(str(relative), "a link on disk, not followed (Jekyll's safe mode ignores "
                                                       "links too); copy the file it points at in its place"))


def _sort_file(found: JekyllSource, relative: PurePosixPath, collection: Any) -> None:
    path = found.root / relative
    raw = path.read_bytes()
    front = _FRONT_MATTER.match(raw.decode("utf-8-sig", errors="replace")) if raw.startswith(b"---") else None
    holder = next((index for index, part in enumerate(relative.parts[:-1]) if part in (POSTS, DRAFTS)), None)
    if holder is not None or collection is not None:
        if not relative.name.endswith(DOCUMENT_SUFFIXES):
            found.left_behind.append(LeftBehind(str(relative), "a file that is neither Markdown nor HTML, in a "
                                                               "folder of documents"))
            return
        kind = "collection" if holder is None else "post" if relative.parts[holder] == POSTS else "draft"
        _add_document(found, relative, kind, collection.label if collection else None, front,
                      relative.parts[:holder] if holder else ())
    elif front is None:
        found.static_files.append(relative)
    elif relative.name.endswith(DOCUMENT_SUFFIXES):
        _add_document(found, relative, "page", None, front)
    else:
        found.left_behind.append(LeftBehind(str(relative), "a file Jekyll renders with Liquid (a feed, a sitemap, "
                                                           "a stylesheet); Herald makes its own"))


def _add_document(found: JekyllSource, relative: PurePosixPath, kind: str, collection: str | None,
                  front: re.Match[str] | None, folder_categories: tuple[str, ...] = ()) -> None:
    path = found.root / relative
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    values: Any = {}
    if front is not None:
        try:
            values = yaml.safe_load(front.group(1)) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark is not None else None
            found.left_behind.append(LeftBehind(str(relative), f"its front matter is not YAML Jekyll or Herald can "
                                                               f"read ({getattr(error, 'problem', error)})", line))
            return
    if not isinstance(values, dict):
        found.left_behind.append(LeftBehind(str(relative), "its front matter is not a mapping of keys", 2))
        return
    body = text[front.end():] if front is not None else text
    body_line = text.count("\n", 0, front.end()) + 1 if front is not None else 1
    modified = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    found.documents.append(SourceDocument(relative, kind, collection, values, body, body_line, modified,
                                          folder_categories))
