"""Herald's content: read content/ into posts, pages and the site index, and report what is wrong with it.

The public face of the content model; no Flask in here. Loading runs in four steps with plain data between
them so each can be cached or parallelised on its own: read a file (`reader`), render its Markdown
(`markdown`), interpret it (`documents`), then index the results (`indexer`). With a build cache, a file
unchanged since the last build skips the first three: its Post comes back from its document record. The URL
shapes are documented in `herald_site.urls`.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

from herald_site.cache import BuildCache
from herald_site.checks import LinkChecker, link_problems, nav_problems, url_claim_problems
from herald_site.config import CONFIG_FILE, load_config
from herald_site.documents import LoadedDocument, from_record
from herald_site.incremental import code_version
from herald_site.indexer import build_index
from herald_site.model import (
    ContactTopic,
    ContentError,
    ContentProblems,
    DocumentKind,
    Heading,
    HeldTexts,
    NavLink,
    Page,
    Post,
    Problem,
    SiteConfig,
    SiteIndex,
    Taxon,
)
from herald_site.parallel import LoadSettings, load_files
from herald_site.markdown import Rendered, render_markdown
from herald_site.reader import SourceDocument, read_document
from herald_site.scan import ContentFiles, scan_content
from herald_site.urls import slugify

__all__ = [
    "ContactTopic",
    "ContentError",
    "ContentProblems",
    "Heading",
    "NavLink",
    "Page",
    "Post",
    "Problem",
    "SiteConfig",
    "SiteIndex",
    "Taxon",
    "check_site",
    "load_config",
    "load_site",
    "slugify",
]

# Stands in for a broken site.yml so the documents still get checked and every problem is listed at once.
_FALLBACK_CONFIG = SiteConfig(title="", url="http://localhost")


def load_site(
    content_dir: Path,
    *,
    drafts: bool = False,
    strict: bool = False,
    now: datetime | None = None,
    base_url: str | None = None,
    cache: BuildCache | None = None,
    jobs: int = 1,
    files: ContentFiles | None = None,
) -> SiteIndex:
    """Read, render and index all content; raises ContentProblems listing every error (and warning under strict).

    `now` decides which posts are in the future (default: the current time); `base_url` replaces site.yml's `url`.
    `cache` keeps what loading each file gave between builds; `jobs` processes load what it lacks. `files` is
    the content folder's listing when the caller has made it already.
    """
    index, problems = _load(
        content_dir, drafts=drafts, now=now, base_url=base_url, cache=cache, jobs=jobs, files=files
    )
    stopping = [problem.as_error() for problem in problems if problem.is_error or strict]
    if stopping or index is None:
        raise ContentProblems(stopping)
    index.warnings = problems
    return index


def check_site(content_dir: Path, *, drafts: bool = False, strict: bool = False) -> list[Problem]:
    """Every error and warning in the content, in file order; under strict every warning is an error."""
    _, problems = _load(content_dir, drafts=drafts, now=None, base_url=None, cache=None, jobs=1)
    return [problem.as_error() for problem in problems] if strict else problems


def _load(
    content_dir: Path, *, drafts: bool, now: datetime | None, base_url: str | None, cache: BuildCache | None,
    jobs: int, files: ContentFiles | None = None,
) -> tuple[SiteIndex | None, list[Problem]]:
    """The index and every problem found; the index is None when site.yml itself cannot be read."""
    problems: list[Problem] = []
    try:
        config: SiteConfig | None = load_config(content_dir)
    except ContentError as error:
        problems.append(error.to_problem())
        config = None
    effective = config or _FALLBACK_CONFIG
    if base_url:
        effective = effective.with_overrides(url=base_url.rstrip("/"))
    files = files or scan_content(content_dir)
    if cache is None:
        loaded = _load_documents(files, effective, problems, jobs)
    else:
        loaded = _load_documents_with_cache(files, effective, problems, cache, jobs)
    moment = now or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=effective.timezone)
    index = build_index(
        effective,
        [item.document for item in loaded if isinstance(item.document, Post)],
        [item.document for item in loaded if isinstance(item.document, Page)],
        now=moment,
        drafts=drafts,
    )
    problems += url_claim_problems(loaded, content_dir)
    built = [item for item in loaded if index.find_by_url(item.document.url_path) is item.document]
    checker = LinkChecker(index, content_dir)
    problems += link_problems(built, checker, content_dir)
    problems += nav_problems(effective, checker, content_dir / CONFIG_FILE)
    problems.sort(key=lambda problem: (str(problem.path), problem.line or 0))
    return (index if config is not None else None), problems


def _in_file_order(files: ContentFiles, found: dict[str, LoadedDocument], failed: dict[str, list[Problem]],
                   problems: list[Problem]) -> list[LoadedDocument]:
    """The loaded documents in the order of their files, adding the problems of the others to `problems`."""
    for _, path in files.documents:
        problems.extend(failed.get(path, ()))
    return [found[path] for _, path in files.documents if path in found]


def _load_documents(
    files: ContentFiles, config: SiteConfig, problems: list[Problem], jobs: int
) -> list[LoadedDocument]:
    """Read, render and interpret every post and page, holding their texts in memory."""
    found, failed = {}, {}
    for outcome in load_files(files.documents, LoadSettings(config, with_bodies=True), jobs=jobs):
        if outcome.record is None or outcome.rendered is None or outcome.body is None:
            failed[outcome.path] = list(outcome.problems)
            continue
        texts = HeldTexts(outcome.body, outcome.rendered.html, outcome.rendered.toc)
        loaded = from_record(outcome.kind, outcome.path, outcome.source_hash, outcome.record, texts)
        assert loaded is not None  # a record just made
        found[outcome.path] = loaded
    return _in_file_order(files, found, failed, problems)


def documents_key(config: SiteConfig, markdown_settings: str) -> str:
    """What a document record depends on besides its file: Herald's code, the Markdown settings, and the two
    site settings a post's fields come from (its time zone and default author)."""
    parts = (code_version(), markdown_settings, repr(config.timezone), config.author)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


class CachedTexts:
    """The texts of documents loaded through the build cache: HTML and table of contents from the cache, the
    Markdown from the file (no view shows it). What the cache lost is rendered again from the file."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self._last: tuple[str, Rendered] | None = None  # a post's view asks for its headings twice in a row

    def body(self, document: Post | Page) -> str:
        return _source(document).body

    def html(self, document: Post | Page) -> str:
        html = self.cache.html(document.source_hash)
        return html if html is not None else _rendered_again(document).html

    def toc(self, document: Post | Page) -> tuple[Heading, ...]:
        if self._last is None or self._last[0] != document.source_hash:
            rendering = self.cache.rendering(document.source_hash) or _rendered_again(document)
            self._last = (document.source_hash, rendering)
        return self._last[1].toc


def _source(document: Post | Page) -> SourceDocument:
    """The document's file as it is now, which must still be the text the document was made from."""
    source = read_document(document.source, "post" if isinstance(document, Post) else "page")
    if source.source_hash != document.source_hash:
        raise ContentError(document.source, None, "changed while the site was being built; build again")
    return source


def _rendered_again(document: Post | Page) -> Rendered:
    return render_markdown(_source(document).body)


def _load_documents_with_cache(
    files: ContentFiles, config: SiteConfig, problems: list[Problem], cache: BuildCache, jobs: int
) -> list[LoadedDocument]:
    """Load every post and page, reading only files whose size or modification time changed since the cache
    last saw them, and rendering only texts it never rendered; the HTML stays in the cache.

    What was learned is committed even when the content has errors: fixing one file should not re-render
    the rest.
    """
    key = documents_key(config, cache.settings)
    texts = CachedTexts(cache)
    documents = {path for _, path in files.documents}
    found: dict[str, LoadedDocument] = {}
    stale: dict[str, str] = {}  # path -> hash of each cached file not taken as it is
    other_key = False
    for path, stamp, source_hash, kind, record in cache.files(key):  # a path says the kind of its document
        loaded = None
        if record is not None and path in documents and stamp == files.stamps[path]:
            loaded = from_record(kind, path, source_hash, record, texts)
        if loaded is None:
            stale[path] = source_hash
            other_key = other_key or record is None
        else:
            found[path] = loaded
    to_load = [(kind, path) for kind, path in files.documents if path not in found]
    gone = stale.keys() - documents
    unused = set(stale.values())
    failed: dict[str, list[Problem]] = {}
    for outcome in load_files(to_load, LoadSettings(config, rendered_before=cache.rendering), jobs=jobs):
        if outcome.record is None:
            failed[outcome.path] = list(outcome.problems)
            gone.add(outcome.path)
            continue
        if outcome.rendered is not None:
            cache.remember_rendering(outcome.source_hash, outcome.rendered)
        stamp = files.stamps[outcome.path]
        cache.remember_file(outcome.path, stamp, outcome.source_hash, outcome.kind, key, outcome.record)
        loaded = from_record(outcome.kind, outcome.path, outcome.source_hash, outcome.record, texts)
        assert loaded is not None  # a record just made
        found[outcome.path] = loaded
    if gone or unused:
        cache.forget_files(gone)
        in_use = {loaded.document.source_hash for loaded in found.values()}
        cache.forget_renderings(unused - in_use, other_settings=other_key)
    if to_load or gone:
        cache.commit()
    return _in_file_order(files, found, failed, problems)
