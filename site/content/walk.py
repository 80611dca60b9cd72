"""One walk over the content folder: every file's size and modification time, and the documents among them.

A rebuild needs the stamps twice, to tell whether anything changed at all (`ContentFiles.digest`) and which
documents changed; a stat of every file is the one cost a rebuild cannot skip, so it is paid once. Paths stay
strings: thousands of Path objects cost more to make and to hold than everything else the walk does.

The walk is also where links are judged. A link (to a file or a folder, anywhere in the content) whose
target lies inside the content folder is followed: editors use them to show one picture under two names or
keep one post for two folders, and whatever they lead to was committed with the content anyway. A link
leading out of the folder is an error naming it, and is not followed: the site would publish whatever it
points at (/proc/self/environ, the service's instance/secret_key), which no editor reviewed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from stat import S_ISREG

from herald_site.confined import lies_inside
from herald_site.content.model import ContentError, DocumentKind, Problem, Stamp

DOCUMENT_FOLDERS: dict[str, DocumentKind] = {"posts": "post", "pages": "page"}
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class ContentFiles:
    """The files under a content folder, each by its path (the folder as given, joined with its name)."""

    root: Path
    stamps: dict[str, Stamp]  # every file, in walk order
    documents: list[tuple[DocumentKind, str]]  # posts, then pages, each in the order their Paths sort in
    links_out: tuple[Problem, ...] = ()  # an error for each link leading out of the folder (not followed)
    links_followed: bool = False  # whether a link inside the folder was followed: a file may have two paths

    def files_under(self, folder: str) -> dict[str, Stamp]:
        """The files under `folder` (a folder of the root, such as "media") by their path there, sorted as their
        Paths sort, leaving out hidden files (a name starting with ".")."""
        prefix = os.path.join(str(self.root), folder, "")
        found = {
            path[len(prefix):].replace(os.sep, "/"): stamp
            for path, stamp in self.stamps.items()
            if path.startswith(prefix) and not os.path.basename(path).startswith(".")
        }
        return {name: found[name] for name in sorted(found, key=lambda name: name.split("/"))}

    def digest(self, *options: object) -> str:
        """A digest that changes whenever a file is saved, added or deleted, or one of `options` changes."""
        header = repr((str(self.root.resolve()), *options))
        listing = "\n".join(f"{path}\0{size}\0{mtime}" for path, (size, mtime) in self.stamps.items())
        refused = "\n".join(map(str, self.links_out))
        return hashlib.sha256(f"{header}\n{listing}\n{refused}".encode()).hexdigest()


def link_out(root: Path | str, path: Path | str) -> ContentError | None:
    """The error for `path` when it leads out of the content folder `root` through a link, else None."""
    if lies_inside(root, path):
        return None
    message = (
        f"a link to {os.path.realpath(path)}, outside the content folder; Herald publishes only what lies "
        "inside it, so copy the file in (or link to a file inside the folder)"
    )
    return ContentError(Path(path), None, message)


def scan_content(root: Path) -> ContentFiles:
    """Stat every file under `root` (following linked folders, as a build reads through them), once each.

    Documents are the Markdown files under posts/ and pages/, not counting folders linked from inside those
    (as `os.walk` lists them). A missing folder has no files: loading then reports the missing site.yml.
    Links leading out of `root` are left out, each with an error in `links_out`.
    """
    stamps: dict[str, Stamp] = {}
    links_out: list[Problem] = []
    links_followed = False
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
                if entry.is_symlink():
                    if (refused := link_out(root, entry.path)) is not None:
                        links_out.append(refused.to_problem())
                        continue
                    links_followed = True
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
    return ContentFiles(root, stamps, ordered, tuple(links_out), links_followed)
