"""Static folders: folders of content/ named in site.yml (`static: [img, assets, files]`) whose files the site
publishes as they are, at the same paths (content/img/logo.png is /img/logo.png), as Jekyll copies a site's
folders. Jekyll copies every folder whose name does not start with "_"; Herald copies only those named, since
its content folder also holds folders that are not published as they are (posts/, pages/, theme/).

Rules: a name is one folder at the top of content/ that exists, neither Herald's own (posts, pages, media, theme,
_includes) nor hidden, and whose URLs Herald does not generate (/tags/, /static/). A file
whose URL is also a page's (img/index.html beside a page at /img/) is an error naming both. Links leading out of
the content folder are never followed (the walk leaves them out, with an error), and hidden files are not
published. Links and images pointing into the folders are checked like those to /media/.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from herald_site.content.model import ContentError, Problem, Stamp
from herald_site.content.walk import ContentFiles
from herald_site.urls import output_file, reserved_owner

STATIC_KEY = "static"
HERALD_FOLDERS = frozenset({"posts", "pages", "media", "theme", "_includes"})


def read_static_folders(path: Path, value: Any, line: int, content_dir: Path) -> tuple[str, ...]:
    """The folders `static:` names, each checked; raises ContentError at the setting's line."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ContentError(path, line, f"`{STATIC_KEY}` should be a list of folder names, like [img, assets]",
                           STATIC_KEY)
    folders = tuple(dict.fromkeys(name.strip().strip("/") for name in value))
    for name in folders:
        if not name or "/" in name or "\\" in name or name.startswith((".", "_")) or name in HERALD_FOLDERS:
            raise ContentError(path, line, f"`{STATIC_KEY}` names {name!r}: name a folder at the top of the "
                               "content folder, not hidden, not starting with _ and not one of Herald's own "
                               f"({', '.join(sorted(HERALD_FOLDERS))})", STATIC_KEY)
        if reason := reserved_owner(f"/{name}/"):
            raise ContentError(path, line, f"`{STATIC_KEY}` names {name!r}, but {reason}; rename the folder",
                               STATIC_KEY)
        if not (content_dir / name).is_dir():
            raise ContentError(path, line, f"`{STATIC_KEY}` names {name!r}, but there is no folder "
                               f"{content_dir / name}", STATIC_KEY)
    return folders


def static_files(files: ContentFiles, folders: Iterable[str]) -> dict[str, Stamp]:
    """The files of the static folders, by their path from the content folder ("img/logo.png"), which is also
    their URL's; no hidden file or folder."""
    found: dict[str, Stamp] = {}
    for folder in folders:
        for name, stamp in files.files_under(folder).items():
            if not any(part.startswith(".") for part in name.split("/")):
                found[f"{folder}/{name}"] = stamp
    return found


def static_problems(files: dict[str, Stamp], document_urls: dict[str, str], content_dir: Path) -> list[Problem]:
    """Each static file whose URL a document also takes, with each document's file by its URL (a folder named
    like a language is reported by `herald_site.content.languages`)."""
    pages = {output_file(url): path for url, path in document_urls.items()}
    problems = []
    for name in files:
        if (owner := pages.get(f"/{name}")) is not None:
            message = (f"the static file {name} would be written where the page of "
                       f"{Path(owner).relative_to(content_dir)} is; rename the file or give the page another permalink")
            problems.append(Problem(content_dir / name, None, message, "error", STATIC_KEY))
    return problems
