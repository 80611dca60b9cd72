"""Checks across documents: URLs claimed twice or taken from Herald's pages, links to pages that do not exist,
images that are missing. The URLs the site has, and those a document may not take, come from the URL shapes
(`herald_site.urls`), which the views are served at.

A broken link is an error (the visitor lands on a 404); a missing image is a warning (the page still reads).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

from herald_site.content.calls_to_action import POST_KEY as CALL_TO_ACTION_KEY
from herald_site.content.calls_to_action import settings_links
from herald_site.content.documents import LoadedDocument
from herald_site.content.frontmatter import frontmatter_line, read_document
from herald_site.content.frontmatter_fields import image_url
from herald_site.content.links import internal_target, link_targets
from herald_site.content.liquid_site import base_path
from herald_site.content.model import Page, Post, Problem, SiteConfig, SiteIndex
from herald_site.content.share_frontmatter import SHARE_KEY, own_share
from herald_site.content.static_folders import HERALD_FOLDERS, STATIC_KEY
from herald_site.document_urls import (
    DEFAULT_PAGE_PATTERN,
    DEFAULT_POST_PATTERN,
    DocumentPatterns,
    expand,
    page_values,
    post_values,
)
from herald_site.url_languages import language_folder
from herald_site.urls import (
    MEDIA_PREFIX,
    PAGE_FILE,
    enclosing_files,
    output_file,
    reserved_owner,
    site_paths,
)

__all__ = [
    "LinkChecker", "internal_target", "link_problems", "settings_link_problems", "shown_path", "site_urls",
    "url_claim_problems",
]



def _custom_url_line(loaded: LoadedDocument) -> int:
    return loaded.line_of("permalink" if loaded.has_key("permalink") else "path")


@functools.lru_cache(maxsize=1 << 16)
def _url_facts(url_path: str) -> tuple[str, tuple[str, ...], str | None]:
    """A URL's file, the files its file would lie in, and why Herald keeps it (None: it does not); remembered,
    since `serve` checks the same thousands of URLs after every save, and they depend on nothing else."""
    return output_file(url_path), tuple(enclosing_files(url_path)), reserved_owner(url_path)


def url_claim_problems(documents: Sequence[LoadedDocument], content_dir: Path) -> list[Problem]:
    """Two documents with one URL, a document taking a URL Herald generates, or one whose file would lie inside
    another document's file ("/about/index.html/" beside "/about/"); drafts count too."""
    problems = []
    owners: dict[str, LoadedDocument] = {}
    facts = [_url_facts(loaded.document.url_path) for loaded in documents]
    for loaded, (file, _, _) in zip(documents, facts):
        owners.setdefault(file, loaded)
    for loaded, (file, enclosing_files_of_url, reason) in zip(documents, facts):
        first = owners[file]
        if first is loaded and reason is None:
            enclosing = next((owners[name] for name in enclosing_files_of_url if name in owners), None)
            if enclosing is None:
                continue
        url, path = loaded.document.url_path, Path(loaded.path)
        if first is not loaded:
            message = (
                f"URL {url} is claimed by both {shown_path(Path(first.path), content_dir)} and "
                f"{shown_path(path, content_dir)}; give one of them another file name or permalink"
            )
        elif reason is not None:
            message = f"URL {url} cannot be used: {reason}; choose another permalink or file name"
        else:
            message = (
                f"URL {url} cannot be used: its file would lie inside the file of {enclosing.document.url_path} "
                f"({shown_path(Path(enclosing.path), content_dir)}); choose another permalink or file name"
            )
        problems.append(Problem(path, _custom_url_line(loaded), message, "error", "permalink"))
    return problems


def shown_path(path: Path, content_dir: Path) -> str:
    """A content file's path as messages name it: from the content folder."""
    return str(path.relative_to(content_dir)) if path.is_relative_to(content_dir) else str(path)


def site_urls(index: SiteIndex) -> set[str]:
    """Every URL the site will have."""
    return set(site_paths(index))


class LinkChecker:
    """Decides whether a site path exists in the built site: a URL of one of the shapes (a page, a feed, a media
    file, a theme file or a file of a static folder the content walk listed, ...)."""

    def __init__(self, index: SiteIndex) -> None:
        self.urls = site_urls(index) | {f"/{name}" for name in index.static_files}  # static folders: as they are
        self.static_folders = index.config.static_folders
        self.base_path = base_path(index.config)  # Jekyll's baseurl, which Liquid's links carry
        self.moved = _moved_documents(index)
        self._known: dict[str, bool] = {}  # posts link the same few pages over and over
        self.existing: set[str] = set()  # the targets found to exist so far

    def exists(self, target: str) -> bool:
        if target not in self._known:
            found = self._known[target] = self._exists(target)
            if found:
                self.existing.add(target)
        return self._known[target]

    def all_exist(self, targets: frozenset[str]) -> bool:
        return targets <= self.existing or all(self.exists(target) for target in targets)

    def _exists(self, target: str) -> bool:
        if self.base_path and target.startswith(self.base_path + "/"):
            target = target.removeprefix(self.base_path)
        return not self.urls.isdisjoint({target, target + "/", target.removesuffix(PAGE_FILE)})


def _moved_documents(index: SiteIndex) -> dict[str, Post | Page]:
    """The documents a URL pattern of site.yml moved, by the address Herald's own shape gives them
    (/2024/01/02/air/, /about/), which old links may still name; none when the site keeps that shape."""
    config = index.config
    if config.permalinks == DocumentPatterns():
        return {}
    moved = {}
    for document in index.documents:
        folder = "/" if document.language == config.language else language_folder(document.language)
        if isinstance(document, Post):
            values = post_values(document.date.astimezone(config.timezone), document.slug, document.categories)
            old = expand(DEFAULT_POST_PATTERN, values, folder).path
        else:
            old = expand(DEFAULT_PAGE_PATTERN, page_values(document.slug), folder).path
        if old != document.url_path:
            moved.setdefault(old, document)
    return moved


def _moved_to(target: str, checker: LinkChecker, content_dir: Path) -> str | None:
    """Where the document a URL pattern moved from `target` is now, and how to keep the old address."""
    document = checker.moved.get(target)
    if document is None:
        return None
    return (f"the site has no page {target}: {shown_path(Path(document.source_file), content_dir)} is at "
            f"{document.url_path} under the site's URL pattern; link there, or add `redirect_from: {target}` to it")


# The site paths each document points at, by the document's identity (the document kept with them: an id is
# reused once its object is gone). `serve` keeps the documents of one load for the next, so after a save only the
# changed documents' are worked out; a document's are a function of the document alone.
_TARGETS: dict[int, tuple[LoadedDocument, frozenset[str]]] = {}


def _targets_of(loaded: LoadedDocument) -> frozenset[str]:
    """Every site path the document links, shows or names in its frontmatter, which `link_problems` checks."""
    known = _TARGETS.get(id(loaded))
    if known is not None and known[0] is loaded:
        return known[1]
    targets = {target for _, target in link_targets((*loaded.links, *loaded.images))}
    targets.update(target for _, _, _, target in _frontmatter_images(loaded.document))
    if (action := _call_to_action_target(loaded.document)) is not None:
        targets.add(action[1])
    found = _TARGETS[id(loaded)] = (loaded, frozenset(targets))
    return found[1]


def _frontmatter_images(document: Post | Page) -> list[tuple[str, str, str, str]]:
    """A post's cover and share image that point into the site: key, name, value and site path of each."""
    if not isinstance(document, Post):
        return []
    shared = own_share(document.extra)[1]
    images = (("image", "image", document.image), (SHARE_KEY, "share.image", image_url(shared) if shared else None))
    return [(key, name, image, target) for key, name, image in images
            if image and (target := internal_target(image, document.url_path)) is not None]


def _call_to_action_target(document: Post | Page) -> tuple[str, str] | None:
    """A post's own call to action's link and the site path it points at, when it points into the site."""
    if not isinstance(document, Post) or not document.call_to_action:
        return None
    url = document.call_to_action.url
    target = internal_target(url, "/")
    return None if target is None else (url, target)


def _forget_targets_but(documents: Sequence[LoadedDocument]) -> None:
    """Keep the remembered targets of `documents` only, once others (of loads before) outnumber them."""
    if len(_TARGETS) > 2 * len(documents) + 1000:
        kept = {id(loaded) for loaded in documents}
        for key in [key for key in list(_TARGETS) if key not in kept]:  # a copy: other threads check too
            _TARGETS.pop(key, None)


def link_problems(documents: Sequence[LoadedDocument], checker: LinkChecker, content_dir: Path) -> list[Problem]:
    """Broken internal links (errors) and missing images (warnings) in the documents being built; a document
    whose every target exists, most of them, is passed by one test of its targets."""
    problems = []
    for loaded in documents:
        if not checker.all_exist(_targets_of(loaded)):
            problems += _document_link_problems(loaded, checker, content_dir)
    _forget_targets_but(documents)
    return problems


def _document_link_problems(loaded: LoadedDocument, checker: LinkChecker, content_dir: Path) -> list[Problem]:
    problems = []
    static = checker.static_folders
    for link, target in link_targets(loaded.links):
        if not checker.exists(target):
            missing = _missing_file(target, content_dir, static) or _moved_to(target, checker, content_dir)
            reason = missing or f"the site has no page {target}; fix the link or add the page"
            message = f"link to {link}, but {reason}"
            problems.append(Problem(Path(loaded.path), _body_line(loaded, link), message, "error"))
    for image, target in link_targets(loaded.images):
        if not checker.exists(target):
            message = f"image {image} not found: {_missing_image(target, content_dir, static)}"
            problems.append(Problem(Path(loaded.path), _body_line(loaded, image), message, "warning"))
    for key, name, image, target in _frontmatter_images(loaded.document):
        if not checker.exists(target):
            message = f"`{name}` {image} not found: {_missing_image(target, content_dir, static)}"
            problems.append(Problem(Path(loaded.path), loaded.line_of(key), message, "warning", name))
    if (action := _call_to_action_target(loaded.document)) is not None and not checker.exists(action[1]):
        url, target = action
        message = f"`{CALL_TO_ACTION_KEY}` links to {url}, but the site has no page {target}; fix the link"
        line = frontmatter_line(Path(loaded.path), (CALL_TO_ACTION_KEY, "url"))
        problems.append(Problem(Path(loaded.path), line, message, "error", CALL_TO_ACTION_KEY))
    return problems


def _body_line(loaded: LoadedDocument, needle: str) -> int | None:
    """The line of `needle` in the body, read from the file again: a loaded document keeps no Markdown, and
    only a file with a problem is read."""
    path = Path(loaded.path)
    if not path.is_file():
        return None
    source = read_document(path, loaded.kind)
    line = source.body_line_of(needle)
    if line is None and loaded.inputs:  # a link Liquid wrote: the line of the tag naming its last part
        last = needle.rstrip("/").rsplit("/", 1)[-1]
        lines = source.body.splitlines()
        line = next((source.body_line + number for number, text in enumerate(lines) if "{" in text and last in text),
                    None)
    return line


def _missing_image(target: str, content_dir: Path, static_folders: tuple[str, ...]) -> str:
    """Why no image answers `target`, and where images go."""
    return _missing_file(target, content_dir, static_folders) or (
        f"the site has no file {target}; put images in {content_dir / 'media'} and link them as /media/NAME")


def _missing_file(target: str, content_dir: Path, static_folders: tuple[str, ...]) -> str | None:
    """Why no file answers `target` when it points into media/, a static folder, or a folder of the content folder
    that `static:` does not publish (then what to add); None when it points elsewhere."""
    if target.startswith(MEDIA_PREFIX):
        return f"there is no file {content_dir / 'media' / target.removeprefix(MEDIA_PREFIX)}"
    folder, _, name = target.lstrip("/").partition("/")
    if folder in static_folders:
        hidden = " (hidden files are not published)" if any(part.startswith(".") for part in name.split("/")) else ""
        return f"there is no file {target} in the static folder {folder}{hidden}"
    if name and not folder.startswith((".", "_")) and folder not in HERALD_FOLDERS and (content_dir / folder).is_dir():
        return (f"the folder {folder} of the content folder is not published: add it to `{STATIC_KEY}:` in "
                f"site.yml, like `{STATIC_KEY}: [{', '.join([*static_folders, folder])}]`")
    return None


def settings_link_problems(config: SiteConfig, checker: LinkChecker, config_path: Path) -> list[Problem]:
    """Links in site.yml that lead nowhere: the menu's, on every page of the site, and the calls to action's
    and the figures' sources, the site's and each language's own."""
    links = dict.fromkeys(
        link for shown in (config.in_language(language.code) for language in config.languages)
        for link in [*(("nav", f"menu entry {item.title!r}", item.url) for item in shown.nav), *settings_links(shown)]
    )
    broken = [(key, what, url) for key, what, url in links
              if (target := internal_target(url, "/")) is not None and not checker.exists(target)]
    if not broken:  # site.yml is read again only to find a line, and only once it was read as the settings
        return []
    lines = config_path.read_text(encoding="utf-8-sig").splitlines()
    problems = []
    for key, what, url in broken:
        line = next((number for number, text in enumerate(lines, 1) if url in text), None)
        message = f"{what} links to {url}, but the site has no such page; fix `{key}`"
        problems.append(Problem(config_path, line, message, "error", key))
    return problems
