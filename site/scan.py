"""One walk over the content folder: every file's size and modification time, and the documents among them.

A rebuild needs the stamps twice, to tell whether anything changed at all (`ContentFiles.digest`) and which
documents changed; a stat of every file is the one cost a rebuild cannot skip, so it is paid once. Paths stay
strings: thousands of Path objects cost more to make and to hold than everything else the walk does.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from stat import S_ISREG

from herald_site.model import DocumentKind

Stamp = tuple[int, int]
"""A file's size and modification time (ns): what says it is unchanged without reading it."""

DOCUMENT_FOLDERS: dict[str, DocumentKind] = {"posts": "post", "pages": "page"}
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class ContentFiles:
    """The files under a content folder, each by its path (the folder as given, joined with its name)."""

    root: Path
    stamps: dict[str, Stamp]  # every file, in walk order
    documents: list[tuple[DocumentKind, str]]  # posts, then pages, each in the order their Paths sort in

    def digest(self, *options: object) -> str:
        """A digest that changes whenever a file is saved, added or deleted, or one of `options` changes."""
        header = repr((str(self.root.resolve()), *options))
        listing = "\n".join(f"{path}\0{size}\0{mtime}" for path, (size, mtime) in self.stamps.items())
        return hashlib.sha256(f"{header}\n{listing}".encode()).hexdigest()


def scan_content(root: Path) -> ContentFiles:
    """Stat every file under `root` (following linked folders, as a build reads through them), once each.

    Documents are the Markdown files under posts/ and pages/, not counting folders linked from inside those
    (as `os.walk` lists them). A missing folder has no files: loading then reports the missing site.yml.
    """
    stamps: dict[str, Stamp] = {}
    documents: dict[DocumentKind, list[tuple[tuple[str, ...], str]]] = {"post": [], "page": []}
    # Each folder to walk: its path, its parts below the root, whether it may hold documents, and the folders
    # (by device and inode) it lies in, so that a link to one of them does not loop.
    pending: list[tuple[str, tuple[str, ...], bool, frozenset[tuple[int, int]]]] = [
        (str(root), (), True, frozenset())
    ]
    while pending:
        folder, parts, documented, outer = pending.pop()
        try:
            with os.scandir(folder) as scanned:
                entries = sorted(scanned, key=attrgetter("name"))
            identity = os.stat(folder)
        except OSError:
            continue
        within = outer | {(identity.st_dev, identity.st_ino)}
        if len(within) == len(outer):
            continue
        kind = DOCUMENT_FOLDERS.get(parts[0]) if parts and documented else None
        listed = documents[kind] if kind else None  # where this folder's documents go, if it may hold any
        below = parts[1:]
        for entry in entries:
            try:
                if entry.is_dir():
                    inside = documented and not (parts and entry.is_symlink())
                    pending.append((entry.path, (*parts, entry.name), inside, within))
                    continue
                stat = entry.stat()
            except OSError:  # a broken link, or a file deleted while we looked
                continue
            path = entry.path
            stamps[path] = (stat.st_size, stat.st_mtime_ns)
            if listed is not None and S_ISREG(stat.st_mode) and entry.name.endswith(MARKDOWN_SUFFIXES):
                listed.append(((*below, entry.name), path))
    ordered = [(kind, path) for kind in ("post", "page") for _, path in sorted(documents[kind])]
    return ContentFiles(root, stamps, ordered)
