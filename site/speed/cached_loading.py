"""Loading documents through the build cache: what a rebuild of a large site spends most of its time on.

A file whose size and modification time are unchanged since the cache saw it comes back from its document
record (see `herald_site.speed.records`) without being read, rendered or interpreted. The others are loaded in
worker processes, Markdown with Pygments being most of a cold build: a worker runs the content's own
`load_file` and sends back the document record, the new rendering and any problems, small plain data that
the caller stores as it arrives. Nothing holds the documents' HTML: views fetch it from the cache.
`cached_loader` is the `DocumentLoader` a build hands to `herald_site.content.load_site`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from herald_site.content.documents import DocumentLoader, LoadedDocument, LoadedFiles, liquid_site, load_file
from herald_site.content.liquid_site import LiquidSite, liquid_wanted
from herald_site.content.frontmatter import SourceDocument, read_document
from herald_site.content.model import ContentError, DocumentKind, Page, Post, Problem, SiteConfig, Stamp
from herald_site.content.walk import ContentFiles
from herald_site.markdown import Heading, Rendered, render_markdown
from herald_site.speed.cache import BuildCache
from herald_site.speed.card_digests import digest
from herald_site.speed.records import from_record, to_record
from herald_site.speed.signatures import code_version
from herald_site.speed.workers import map_in_chunks

CHUNK_FILES = 16
# Below this many files to load, one process is faster than starting workers.
MIN_PARALLEL_FILES = 48


def documents_key(config: SiteConfig, markdown_settings: str) -> str:
    """What a document record depends on besides its file: Herald's code, the Markdown settings, and the site
    settings a document's fields come from (a post's time zone and default author, its language's own, and the
    languages, which say what a file name's suffix means, which one is the default and where each one's URLs
    live), and the URL
    patterns of posts and pages."""
    languages = [(language.code, language.default, config.in_language(language.code).author)
                 for language in config.languages]
    return digest(code_version(), markdown_settings, repr(config.timezone), config.author, languages, config.liquid,
                  repr(config.permalinks))


class CachedTexts:
    """The texts of documents loaded through the build cache: HTML and table of contents from the cache, the
    Markdown from the file (no view shows it). What the cache lost is rendered again from the file."""

    def __init__(self, cache: BuildCache, liquid: LiquidSite) -> None:
        self.cache = cache
        self.liquid = liquid
        self._last: tuple[str, Rendered] | None = None  # a post's view asks for its headings twice in a row

    def body(self, document: Post | Page) -> str:
        return self._source(document).body

    def html(self, document: Post | Page) -> str:
        html = self.cache.html(document.source_hash)
        return html if html is not None else self._rendered_again(document).html

    def toc(self, document: Post | Page) -> tuple[Heading, ...]:
        if self._last is None or self._last[0] != document.source_hash:
            rendering = self.cache.rendering(document.source_hash) or self._rendered_again(document)
            self._last = (document.source_hash, rendering)
        return self._last[1].toc

    def _source(self, document: Post | Page) -> SourceDocument:
        """The document's text as it is now (after its Liquid), which must still be the one it was made from."""
        source = read_document(document.source, "post" if isinstance(document, Post) else "page")
        if liquid_wanted(source, self.liquid.config.liquid):
            source = self.liquid.render(source).source
        if source.source_hash != document.source_hash:
            raise ContentError(document.source, None, "changed while the site was being built; build again")
        return source

    def _rendered_again(self, document: Post | Page) -> Rendered:
        return render_markdown(self._source(document).body)


def cached_loader(cache: BuildCache, jobs: int, *, keep: bool = False) -> DocumentLoader:
    """The documents' loader of a build with `cache`, loading what it lacks in up to `jobs` processes; with
    `keep` (`serve`), one that keeps each load's documents in memory for the next (`KeptDocuments`)."""
    kept = KeptDocuments() if keep else None

    def load(files: ContentFiles, config: SiteConfig) -> LoadedFiles:
        return load_with_cache(files, config, cache, jobs, kept)

    return load


def load_with_cache(
    files: ContentFiles, config: SiteConfig, cache: BuildCache, jobs: int, kept: KeptDocuments | None = None
) -> LoadedFiles:
    """Every post and page by path, and the problems of each file that failed, reading only files whose size
    or modification time changed since the cache last saw them and rendering only texts it never rendered.

    What was learned is committed even when the content has errors: fixing one file should not re-render
    the rest. With `kept` (`serve`'s), the documents of the last load are taken from memory instead of from
    the cache's records, and `kept` then holds this load's.
    """
    key = documents_key(config, cache.settings)
    # The cache names files from the content folder, so that a copy of the folder made of hard links (which keep
    # each file's stamp), as `herald_site.editing` checks a change in, finds the records of the original's files.
    root = os.path.join(str(files.root), "")
    liquid = liquid_site(files, config)
    documents = {path for _, path in files.documents}
    if kept is not None and kept.texts is not None and kept.holds(key, root):
        texts = kept.texts
        texts.liquid = liquid  # every kept document shares it: its Liquid is the site's as it is now
        found, stale = _kept_documents(files, documents, kept, liquid)
        other_key = False
    else:
        texts = CachedTexts(cache, liquid)
        found, stale, other_key = _cached_documents(files, documents, cache, key, root, texts)
    to_load = [(kind, path) for kind, path in files.documents if path not in found]
    gone = stale.keys() - documents
    unused = set(stale.values())
    failed: dict[str, list[Problem]] = {}
    for outcome in load_files(to_load, LoadSettings(config, cache.rendering, liquid), jobs=jobs):
        if outcome.record is None:
            failed[outcome.path] = list(outcome.problems)
            gone.add(outcome.path)
            continue
        if outcome.rendered is not None:
            cache.remember_rendering(outcome.source_hash, outcome.rendered)
        stamp = files.stamps[outcome.path]
        cache.remember_file(outcome.path.removeprefix(root), stamp, outcome.source_hash, outcome.kind, key, outcome.record)
        loaded = from_record(outcome.kind, outcome.path, outcome.source_hash, outcome.record, texts)
        assert loaded is not None  # a record just made
        found[outcome.path] = loaded
    if gone or unused:
        cache.forget_files(path.removeprefix(root) for path in gone)
        in_use = {loaded.document.source_hash for loaded in found.values()}
        cache.forget_renderings(unused - in_use, other_settings=other_key)
    if to_load or gone:
        cache.commit()
    if kept is not None:
        kept.remember(key, root, texts, {path: (files.stamps[path], loaded) for path, loaded in found.items()})
    return found, failed


def _still_made_so(loaded: LoadedDocument, liquid: LiquidSite) -> bool:
    """False for a document Liquid made from an include, a linked document or site.yml that changed since."""
    return not loaded.inputs or liquid.inputs_digest(loaded.inputs) == loaded.inputs_digest


def _cached_documents(
    files: ContentFiles, documents: set[str], cache: BuildCache, key: str, root: str, texts: CachedTexts
) -> tuple[dict[str, LoadedDocument], dict[str, str], bool]:
    """The documents the cache's records give as they are; the path and hash of each other file it knows; and
    whether some record was made under another documents key."""
    found: dict[str, LoadedDocument] = {}
    stale: dict[str, str] = {}  # path -> hash of each cached file not taken as it is
    other_key = False
    for relative, stamp, source_hash, kind, record in cache.files(key):  # a path says the kind of its document
        path = root + relative
        loaded = None
        if record is not None and path in documents and stamp == files.stamps[path]:
            loaded = from_record(kind, path, source_hash, record, texts)
        if loaded is None or not _still_made_so(loaded, texts.liquid):
            stale[path] = source_hash
            other_key = other_key or record is None
        else:
            found[path] = loaded
    return found, stale, other_key


def _kept_documents(
    files: ContentFiles, documents: set[str], kept: KeptDocuments, liquid: LiquidSite
) -> tuple[dict[str, LoadedDocument], dict[str, str]]:
    """What `_cached_documents` finds, from the documents the last load kept: the cache's records of those
    files are the same, since nothing else writes to the cache `serve` holds."""
    found: dict[str, LoadedDocument] = {}
    stale: dict[str, str] = {}
    for path, (stamp, loaded) in kept.documents.items():
        if path in documents and stamp == files.stamps[path] and _still_made_so(loaded, liquid):
            found[path] = loaded
        else:
            stale[path] = loaded.document.source_hash
    return found, stale


class KeptDocuments:
    """The documents `serve`'s last load made, with their files' stamps, for one documents key and folder.

    Reading back and unpickling the record of every document was most of a reload after one save at thousands
    of posts; with them kept, a load reads only the files that changed. The documents share one texts keeper,
    whose Liquid each load sets to the site's as it is then.
    """

    def __init__(self) -> None:
        self.key = ""
        self.root = ""
        self.texts: CachedTexts | None = None
        self.documents: dict[str, tuple[Stamp, LoadedDocument]] = {}

    def holds(self, key: str, root: str) -> bool:
        return (self.key, self.root) == (key, root)

    def remember(
        self, key: str, root: str, texts: CachedTexts, documents: dict[str, tuple[Stamp, LoadedDocument]]
    ) -> None:
        self.key, self.root, self.texts, self.documents = key, root, texts, documents


@dataclass(frozen=True)
class Outcome:
    """One file loaded in a worker, or the problems that stopped it: what crosses back to the caller."""

    kind: DocumentKind
    path: str
    source_hash: str
    record: bytes | None  # the document record; None when the file has problems
    rendered: Rendered | None  # a new rendering, or None when the text was rendered before (or not at all)
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class LoadSettings:
    """What every worker needs: the site's settings, and where renderings made before are found."""

    config: SiteConfig
    rendered_before: Callable[[str], Rendered | None] | None = None
    liquid: LiquidSite | None = None


def load_files(files: Sequence[tuple[DocumentKind, str]], settings: LoadSettings, *, jobs: int) -> Iterator[Outcome]:
    """Load `files` with up to `jobs` processes; outcomes come in no particular order."""
    global _SETTINGS
    _SETTINGS = settings
    for outcomes in map_in_chunks(_work, files, chunk=CHUNK_FILES, jobs=jobs, min_parallel=MIN_PARALLEL_FILES):
        yield from outcomes


_SETTINGS: LoadSettings | None = None  # the caller's, which forked workers inherit


def _work(files: list[tuple[DocumentKind, str]]) -> list[Outcome]:
    settings = _SETTINGS
    assert settings is not None
    outcomes = []
    for kind, path in files:
        # Exceptions with their own arguments do not cross processes, nor do the texts a Post holds: a record does.
        loaded = load_file(kind, path, settings.config, settings.rendered_before, settings.liquid)
        record = to_record(loaded.loaded) if loaded.loaded is not None else None
        outcomes.append(Outcome(kind, path, loaded.source_hash, record, loaded.rendered, loaded.problems))
    return outcomes
