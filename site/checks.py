"""Checks across documents: URLs claimed twice, links to pages that do not exist, images that are missing.

A broken link is an error (the visitor lands on a 404); a missing image is a warning (the page still reads).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from herald_site.documents import LoadedDocument
from herald_site.model import Post, Problem, SiteConfig, SiteIndex
from herald_site.reader import SourceDocument, read_document
from herald_site.urls import MEDIA_PREFIX, STATIC_PREFIX, generated_urls, reserved_owner

THEME_STATIC = Path(__file__).resolve().parent / "static"


def _custom_url_line(loaded: LoadedDocument) -> int:
    metadata = loaded.source.metadata
    return loaded.source.line_of("permalink" if "permalink" in metadata else "path")


def url_claim_problems(documents: Iterable[LoadedDocument], content_dir: Path) -> list[Problem]:
    """Two documents with one URL, or a document taking a URL Herald generates (drafts count too)."""
    problems = []
    owners: dict[str, LoadedDocument] = {}
    for loaded in documents:
        url = loaded.document.url_path
        path = loaded.source.path
        if url in owners:
            first = owners[url].source.path
            message = (
                f"URL {url} is claimed by both {_shown(first, content_dir)} and {_shown(path, content_dir)}; "
                "give one of them another file name or permalink"
            )
            problems.append(Problem(path, _custom_url_line(loaded), message, "error", "permalink"))
            continue
        owners[url] = loaded
        owner = reserved_owner(url)
        if owner:
            message = f"URL {url} belongs to {owner}; choose another permalink or file name"
            problems.append(Problem(path, _custom_url_line(loaded), message, "error", "permalink"))
    return problems


def _shown(path: Path, content_dir: Path) -> str:
    return str(path.relative_to(content_dir)) if path.is_relative_to(content_dir) else str(path)


def site_urls(index: SiteIndex) -> set[str]:
    """Every page and feed URL the site will have (files under /media/ and /static/ are checked on disk)."""
    per_page = index.config.posts_per_page
    urls = generated_urls(
        len(index.posts),
        per_page,
        tags=((slug, len(taxon.posts)) for slug, taxon in index.tags.items()),
        categories=((slug, len(taxon.posts)) for slug, taxon in index.categories.items()),
        years=index.years,
    )
    return urls | {doc.url_path for doc in [*index.posts, *index.pages]}


_OFF_SITE = ("https://", "http://", "mailto:", "#")
_NEEDS_PARSING = re.compile(r"[?#%\\]|/\.|\s")


def internal_target(link: str, base_url_path: str) -> str | None:
    """The site path a link points at, resolved against the page's URL; None for other sites and fragments."""
    if link.startswith(_OFF_SITE):
        return None
    if link.startswith("/") and not link.startswith("//") and not _NEEDS_PARSING.search(link):
        return link  # already a plain site path: the common case, without the cost of urljoin
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(urljoin(base_url_path, parts.path))


class LinkChecker:
    """Decides whether a site path exists in the built site: a page, a feed, a media or theme file."""

    def __init__(self, index: SiteIndex, content_dir: Path, static_dir: Path = THEME_STATIC) -> None:
        self.urls = site_urls(index)
        self.roots = {MEDIA_PREFIX: content_dir / "media", STATIC_PREFIX: static_dir}
        self._known: dict[str, bool] = {}  # posts link the same few pages over and over

    def exists(self, target: str) -> bool:
        if target not in self._known:
            self._known[target] = self._exists(target)
        return self._known[target]

    def _exists(self, target: str) -> bool:
        for prefix, root in self.roots.items():
            if target.startswith(prefix):
                return _file_under(root, target.removeprefix(prefix))
        candidates = {target, target + "/", target.removesuffix("index.html")}
        return not self.urls.isdisjoint(candidates)


def _file_under(root: Path, relative: str) -> bool:
    candidate = (root / relative).resolve()
    return candidate.is_relative_to(root.resolve()) and candidate.is_file()


def link_problems(documents: Iterable[LoadedDocument], checker: LinkChecker, content_dir: Path) -> list[Problem]:
    """Broken internal links (errors) and missing images (warnings) in the documents being built."""
    problems = []
    for loaded in documents:
        source, document = loaded.source, loaded.document
        base = document.url_path
        for link in loaded.rendered.links:
            target = internal_target(link, base)
            if target is not None and not checker.exists(target):
                message = f"link to {link}, but the site has no page {target}; fix the link or add the page"
                problems.append(Problem(source.path, _body_line(source, link), message, "error"))
        for image in loaded.rendered.images:
            target = internal_target(image, base)
            if target is not None and not checker.exists(target):
                message = f"image {image} not found: {_missing_file(target, content_dir)}"
                problems.append(Problem(source.path, _body_line(source, image), message, "warning"))
        if isinstance(document, Post) and document.image:
            target = internal_target(document.image, base)
            if target is not None and not checker.exists(target):
                message = f"`image` {document.image} not found: {_missing_file(target, content_dir)}"
                problems.append(Problem(source.path, source.line_of("image"), message, "warning", "image"))
    return problems


def _body_line(source: SourceDocument, needle: str) -> int | None:
    """The line of `needle` in the body; a source from the build cache comes without its body, so the
    (unchanged) file is read again, which only happens for a file with a problem."""
    if not source.body and source.path.is_file():
        source = read_document(source.path, source.kind)
    return source.body_line_of(needle)


def _missing_file(target: str, content_dir: Path) -> str:
    if target.startswith(MEDIA_PREFIX):
        return f"there is no file {content_dir / 'media' / target.removeprefix(MEDIA_PREFIX)}"
    return f"the site has no file {target}; put images in {content_dir / 'media'} and link them as /media/NAME"


def nav_problems(config: SiteConfig, checker: LinkChecker, config_path: Path) -> list[Problem]:
    """Menu entries in site.yml that lead nowhere: a broken link on every page of the site."""
    problems = []
    lines = config_path.read_text(encoding="utf-8-sig").splitlines() if config_path.is_file() else []
    for link in config.nav:
        target = internal_target(link.url, "/")
        if target is not None and not checker.exists(target):
            line = next((number for number, text in enumerate(lines, 1) if link.url in text), None)
            message = f"menu entry {link.title!r} links to {link.url}, but the site has no such page; fix `nav`"
            problems.append(Problem(config_path, line, message, "error", "nav"))
    return problems
