"""Every post and page of a content folder as an editor's list shows it: drafts and posts dated in the future
included, each with the URL the build gives it. Loaded as a rebuild loads them, through the build cache, so
only files changed since the last build or check are read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from herald_site.content import Post
from herald_site.content.documents import LoadedDocument
from herald_site.content.frontmatter import read_document
from herald_site.content.model import ContentError, DocumentKind, SiteConfig
from herald_site.content.settings import FALLBACK_CONFIG, read_settings
from herald_site.content.walk import scan_content
from herald_site.editing.overlay import editing_cache
from herald_site.speed.cached_loading import load_with_cache

State = Literal["draft", "scheduled", "published"]


@dataclass(frozen=True)
class DocumentEntry:
    """One post or page. `url` is its site path in its language's folder ("" when the file has problems, then
    `title` is its file's name and `problems` how many it has); `date` is None for pages."""

    path: str  # from the content folder, with forward slashes
    kind: DocumentKind
    title: str
    state: State
    date: datetime | None
    url: str
    language: str
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    problems: int = 0


def list_documents(
    content_dir: Path, *, now: datetime | None = None, cache_dir: Path | None = None, jobs: int = 1
) -> list[DocumentEntry]:
    """Every post, newest first, then every page by path; a post is scheduled when dated after `now` (default:
    the current time), as the build hides it until then."""
    moment = now or datetime.now(timezone.utc)
    config = _settings(content_dir)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=config.timezone)
    files = scan_content(content_dir)
    with editing_cache(content_dir, cache_dir) as cache:
        found, failed = load_with_cache(files, config, cache, jobs)
    root = len(str(files.root)) + 1
    entries = [_entry(loaded, path[root:].replace("\\", "/"), moment) for path, loaded in found.items()]
    entries += [_failed_entry(kind, path, root, len(failed[path]), config)
                for kind, path in files.documents if path in failed]
    posts = sorted((entry for entry in entries if entry.kind == "post"),
                   key=lambda entry: (entry.date or datetime.min.replace(tzinfo=timezone.utc), entry.path), reverse=True)
    pages = sorted((entry for entry in entries if entry.kind == "page"), key=lambda entry: entry.path)
    return [*posts, *pages]


def _settings(content_dir: Path) -> SiteConfig:
    """site.yml's settings, a bad one at its default, all of them when site.yml does not read: the list still
    shows what there is to edit."""
    try:
        return read_settings(content_dir).config
    except ContentError:
        return FALLBACK_CONFIG


def _entry(loaded: LoadedDocument, path: str, now: datetime) -> DocumentEntry:
    document = loaded.document
    if isinstance(document, Post):
        state: State = "draft" if document.draft else "scheduled" if document.date > now else "published"
        return DocumentEntry(path, "post", document.title, state, document.date, document.url_path,
                             document.language, document.tags, document.categories)
    return DocumentEntry(path, "page", document.title, "draft" if document.draft else "published", None,
                         document.url_path, document.language)


def _failed_entry(kind: DocumentKind, path: str, root: int, problems: int, config: SiteConfig) -> DocumentEntry:
    """A file that does not load, to be opened and fixed: its title and draft flag as written when its frontmatter
    reads, else its file's name."""
    relative = path[root:].replace("\\", "/")
    try:
        metadata = read_document(Path(path), kind).metadata
    except ContentError:
        metadata = {}
    title = metadata.get("title")
    state: State = "draft" if metadata.get("draft") is True or metadata.get("published") is False else "published"
    return DocumentEntry(relative, kind, title if isinstance(title, str) and title else relative.rsplit("/", 1)[-1],
                         state, None, "", config.language, problems=problems)


def most_used(content_dir: Path, kind: Literal["tags", "categories"], *, cache_dir: Path | None = None) -> list[str]:
    """The tags (or categories) of every post, most used first, then by name: what an editor picks from."""
    counts = Counter(name for entry in list_documents(content_dir, cache_dir=cache_dir)
                     for name in getattr(entry, kind))
    return sorted(counts, key=lambda name: (-counts[name], name.casefold()))
