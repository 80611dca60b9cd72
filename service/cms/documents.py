"""The documents the Content section edits: which content paths are posts and pages, reading one with the
version it was read at, and the path a new one gets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from herald_site.editing.fields import split_document
from herald_site.slugs import slugify

from ..http.errors import ApiError, ValidationError
from .changes import content_path
from .publishing import backend

FOLDERS = {"post": "posts", "page": "pages"}
KINDS = {folder: kind for kind, folder in FOLDERS.items()}
SUFFIX = ".md"
MAX_SLUG = 80


@dataclass(frozen=True)
class OpenDocument:
    """A document as the branch's head holds it: its text, and the blob id a save must still find there."""

    path: str
    text: str
    blob: str | None

    @property
    def kind(self) -> str:
        return kind_of(self.path)

    @property
    def title(self) -> str:
        frontmatter, _ = split_document(self.text)
        return str(frontmatter.get("title") or PurePosixPath(self.path).stem)


def document_path(path: str) -> str:
    """`path` when it names a post or page (posts/…/x.md, pages/…/x.md), else a 404."""
    try:
        content_path(path)
    except ValueError as error:
        raise ApiError(404, f"There is no document {path}.") from error
    if not is_document(path):
        raise ApiError(404, f"{path} is not a post or page: those are the .md files in posts/ and pages/.")
    return path


def is_document(path: str) -> bool:
    """Whether a content path names a post or page (a .md file in posts/ or pages/)."""
    return path.split("/")[0] in KINDS and path.endswith(SUFFIX)


def kind_of(path: str) -> str:
    return KINDS[path.split("/")[0]]


def open_document(path: str) -> OpenDocument:
    """The document at `path` on the branch's head, or a 404 naming it."""
    path = document_path(path)
    content_backend = backend()
    data = content_backend.read(path)
    if data is None:
        raise ApiError(404, f"There is no document {path}: it may have been renamed or deleted.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ApiError(422, f"{path} is not UTF-8 text, so it cannot be edited here.") from error
    return OpenDocument(path, text, content_backend.blob_id(path))


def new_path(kind: str, title: str, today: date, taken: Callable[[str], bool]) -> str:
    """Where a new post or page goes: posts/2026-12-07-slug.md or pages/slug.md, -2, -3, ... when taken."""
    if kind not in FOLDERS:
        raise ValidationError({"kind": "Choose a post or a page."})
    slug = slugify(title)[:MAX_SLUG].strip("-")
    if not slug:
        raise ValidationError({"title": "Give a title with at least one letter or digit: the address is made from it."})
    stem = f"{today.isoformat()}-{slug}" if kind == "post" else slug
    path = f"{FOLDERS[kind]}/{stem}{SUFFIX}"
    number = 2
    while taken(path):
        path = f"{FOLDERS[kind]}/{stem}-{number}{SUFFIX}"
        number += 1
    return path


def renamed_path(path: str, name: str, taken: Callable[[str], bool]) -> str:
    """The path a rename gives: the same folder, the new file name made a slug; a ValidationError when taken."""
    stem = slugify(PurePosixPath(name).stem if name.endswith(SUFFIX) else name)[:MAX_SLUG].strip("-")
    if not stem:
        raise ValidationError({"name": "Give the new file name at least one letter or digit."})
    target = f"{PurePosixPath(path).parent.as_posix()}/{stem}{SUFFIX}"
    if target == path:
        raise ValidationError({"name": "That is the name it has now."})
    if taken(target):
        raise ValidationError({"name": f"{target} exists already; choose another name."})
    return target


def exists(path: str) -> bool:
    return backend().blob_id(path) is not None
