"""What `build.py check` would find in the whole site once an editor's changes are saved, found before they are:
the same loading and checks (`herald_site.content.check_site`), run on an overlay of the content folder
(`herald_site.editing.overlay`) through the build cache, so a change of one file costs about a rebuild's
loading of one file.

Each problem names its file from the content folder and, where the check knows it, the frontmatter key to fix
(`field`), or "body" for a problem on a line of the Markdown (a broken link), so a form can show it beside
the field.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from herald_site.content import Problem, check_site
from herald_site.content.frontmatter import parse_document
from herald_site.content.model import ContentError
from herald_site.content.walk import DOCUMENT_FOLDERS
from herald_site.editing.overlay import Changes, editing_cache, overlaid
from herald_site.speed.cached_loading import cached_loader

BODY_FIELD = "body"


def check_change(
    content_dir: Path, changes: Changes, *, drafts: bool = False, cache_dir: Path | None = None, jobs: int = 1
) -> list[Problem]:
    """Every error and warning `build.py check` would report with `changes` applied (new bytes by content
    path, None deleting), without touching `content_dir`; each Problem's path is a content path. With `drafts`,
    as `check --drafts`: drafts and posts dated in the future are checked too (their links, as once published),
    which the build does not do until they are."""
    with editing_cache(content_dir, cache_dir) as cache, overlaid(content_dir, changes, cache) as folder:
        problems = check_site(folder, drafts=drafts, loader=cached_loader(cache, jobs))
        return [placed(problem, folder) for problem in problems]


def placed(problem: Problem, folder: Path) -> Problem:
    """The problem with its path from the content folder `folder`, the folder's name left out of its message,
    and the field of a document's line it lies on when the check did not name one."""
    shown = str(folder) + os.sep
    path = Path(problem.path)
    relative = path.relative_to(folder) if path.is_relative_to(folder) else path
    field = problem.field
    if field is None and problem.line is not None and _is_document(relative):
        field = field_at_line(path, problem.line)
    return dataclasses.replace(problem, path=relative, message=problem.message.replace(shown, ""), field=field)


def _is_document(relative: Path) -> bool:
    return len(relative.parts) > 1 and relative.parts[0] in DOCUMENT_FOLDERS


def field_at_line(path: Path, line: int) -> str | None:
    """The frontmatter key a file line belongs to, "body" for a line of the Markdown, None when the file does
    not read."""
    try:
        source = parse_document(path.read_text(encoding="utf-8-sig"), path, "post")
    except (OSError, UnicodeDecodeError, ContentError):
        return None
    if line >= source.body_line:
        return BODY_FIELD
    above = [(key_line, key) for key, key_line in source.key_lines.items() if key_line <= line]
    return max(above)[1] if above else None
