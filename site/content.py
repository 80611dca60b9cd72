"""Herald's content: read content/ into posts, pages and the site index, and report what is wrong with it.

The public face of the content model; no Flask in here. Loading runs in three steps with plain data between
them so each can be cached or parallelised on its own: read a file (`reader`), render its Markdown
(`markdown`), then index the results (`indexer`). The URL shapes are documented in `herald_site.urls`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from herald_site.checks import LinkChecker, link_problems, nav_problems, url_claim_problems
from herald_site.config import CONFIG_FILE, load_config
from herald_site.documents import LoadedDocument, build_page, build_post
from herald_site.indexer import build_index
from herald_site.cache import BuildCache, FileStamp
from herald_site.markdown import Rendered, render_markdown
from herald_site.model import (
    ContactTopic,
    ContentError,
    ContentProblems,
    Heading,
    NavLink,
    Page,
    Post,
    Problem,
    SiteConfig,
    SiteIndex,
    Taxon,
    Text,
)
from herald_site.parallel import read_and_render
from herald_site.reader import SourceDocument, iter_source_paths
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
) -> SiteIndex:
    """Read, render and index all content; raises ContentProblems listing every error (and warning under strict).

    `now` decides which posts are in the future (default: the current time); `base_url` replaces site.yml's `url`.
    `cache` keeps readings and renderings between builds; `jobs` processes render what it lacks.
    """
    index, problems = _load(content_dir, drafts=drafts, now=now, base_url=base_url, cache=cache, jobs=jobs)
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
    jobs: int,
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
    loaded = _read_and_render(content_dir, effective, problems, cache, jobs)
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


def _read_and_render(
    content_dir: Path, config: SiteConfig, problems: list[Problem], cache: BuildCache | None, jobs: int
) -> list[LoadedDocument]:
    """Read, render and interpret every post and page, adding each file's problems to `problems`.

    With a cache, files whose size and modification time are unchanged are not read again, texts rendered
    before are not rendered again, and the HTML stays in the cache until a view asks for it.
    """
    files = list(iter_source_paths(content_dir))
    found: dict[Path, tuple[SourceDocument, Rendered]] = {}
    stamps = {path: FileStamp.of(path) for _, path in files}
    to_read = []
    for kind, path in files:
        source = cache.source(path, stamps[path]) if cache else None
        rendered = cache.rendered(source.source_hash) if cache and source else None
        if source is not None and rendered is not None:
            found[path] = (source, rendered)
        else:
            to_read.append((kind, path))
    failed: dict[Path, Problem] = {}
    known = cache.has_rendering if cache else None
    for outcome in read_and_render(to_read, jobs=jobs, rendered_before=known):
        if outcome.problem or outcome.source is None:
            failed[outcome.path] = outcome.problem or Problem(outcome.path, None, "could not be read")
            continue
        rendered = outcome.rendered
        if cache is not None:
            rendered = cache.remember(outcome.source, stamps[outcome.path], outcome.rendered)
        if rendered is None:  # the cache lost a rendering it had a moment ago: render here
            rendered = render_markdown(outcome.source.body)
        found[outcome.path] = (outcome.source, rendered)
    if cache is not None:
        cache.forget_all_but(stamps)
        cache.commit()  # kept even when the content has errors: fixing one file should not re-render the rest
    loaded = []
    for kind, path in files:
        if path in failed:
            problems.append(failed[path])
            continue
        source, rendered = found[path]
        texts = _cached_texts(cache, source) if cache else None
        try:
            if kind == "post":
                document: Post | Page = build_post(source, rendered, config, texts)
            else:
                document = build_page(source, rendered, texts)
        except ContentProblems as error:
            problems.extend(error.problems)
            continue
        loaded.append(LoadedDocument(source, rendered, document))
    return loaded


def _cached_texts(cache: BuildCache, source: SourceDocument) -> tuple[Text, Text]:
    return partial(cache.body, source.path), partial(cache.html, source.source_hash)
