"""Liquid in editors' documents, as Jekyll renders it before Markdown: `{{ site.* }}`, `{{ page.* }}`, `{% raw %}`
and the tags and filters of `herald_site.content.liquid_tags`.

Which documents: a document's `render_with_liquid: true|false` (Jekyll's key) decides for it; else `liquid:` in
site.yml, `true` for every document (as Jekyll does), `false` for none; by default (`auto`) a document whose
Markdown holds `{{` or `{%` outside code (as Python-Markdown reads it: a raw HTML block is no code, even
indented), or a `{% raw %}`. So a Herald site whose posts show template code in
code blocks builds as it did, and a Jekyll post dropped in renders its Liquid; a document without `{{` or `{%`
costs one search of its text. Liquid runs on documents only, never on what visitors send.

A rendered document is made from more than its file: site.yml, the includes it used and the documents its links
point at. `LiquidRendering.inputs` names them, so the build cache takes the document again only while they are
unchanged (`herald_site.speed.cached_loading`), and its `source_hash` becomes a digest of the file and the
rendered text, so a page is signed, and its Markdown rendered, by what it shows.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from herald_site.content.frontmatter import SourceDocument, parse_yaml_mapping
from herald_site.content.language_settings import SETTING_KEYS
from herald_site.content.model import ContentError, ContentProblems, Page, Post, Problem, SiteConfig, Stamp
from herald_site.content.settings import CONFIG_FILE
from herald_site.content.walk import MARKDOWN_SUFFIXES, ContentFiles
from herald_site.markdown import split_raw_html

if TYPE_CHECKING:
    from herald_site.content.liquid_tags import LiquidRenderer

INCLUDES_FOLDER = "_includes"
DOCUMENT_SWITCH = "render_with_liquid"  # Jekyll's frontmatter key; site.yml's `liquid` is read by settings
_MARKERS = ("{{", "{%")
_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\1[`~]*[ \t]*$", re.MULTILINE | re.DOTALL)
_INDENTED = re.compile(r"(?:^[ \t]*\n)(?:(?: {4}|\t)[^\n]*(?:\n|$))+", re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_RAW = re.compile(r"{%-?\s*raw\s*-?%}")

DocumentOf = Callable[[SourceDocument], Post | Page]
"""A document from its file as written, without its body (no Liquid run, no Markdown): its URL is what
`{% link %}` and `{% post_url %}` give, its date `page.date`."""


class LiquidFailure(Exception):
    """What Liquid could not render: a message for the editor and, when known, the line in the text rendered."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def liquid_wanted(source: SourceDocument, setting: bool | None) -> bool:
    """Whether Liquid renders the document (see the module's docstring); a bad `render_with_liquid` is an error."""
    switch = source.metadata.get(DOCUMENT_SWITCH)
    if switch is not None:
        if not isinstance(switch, bool):
            message = f"`{DOCUMENT_SWITCH}` should be true or false, got {switch!r}"
            raise ContentError(source.path, source.line_of(DOCUMENT_SWITCH), message, DOCUMENT_SWITCH)
        return switch
    if setting is not None:
        return setting
    body = source.body
    if not _has_marker(body):
        return False
    if _RAW.search(body):
        return True
    outside_fences = _FENCED.sub("", body)
    if not _has_marker(outside_fences):
        return False
    text, html_blocks = split_raw_html(outside_fences)  # an indented line in an HTML block is no code
    return any(map(_has_marker, html_blocks)) or _has_marker(_CODE_SPAN.sub("", _INDENTED.sub("", text)))


def _has_marker(text: str) -> bool:
    return any(marker in text for marker in _MARKERS)


@dataclass(frozen=True)
class LiquidRendering:
    """A document after Liquid, with the content files besides its own it was made from."""

    source: SourceDocument
    inputs: tuple[str, ...]


class LiquidSite:
    """The site as Liquid sees it while rendering one document at a time: site.yml's values, the documents' URLs
    and the includes, each read when a document first asks (a build of documents without Liquid reads none)."""

    def __init__(self, files: ContentFiles, config: SiteConfig, document_of: DocumentOf,
                 read: Callable[[Path, str], SourceDocument]) -> None:
        self.files, self.config, self._document_of, self._read = files, config, document_of, read
        self._urls: dict[str, str | LiquidFailure] = {}  # by path: posts link the same few documents
        self.root = str(files.root)
        self._used: dict[str, None] = {}

    # --- what the tags ask (herald_site.content.liquid_tags.LiquidResolver) ---

    @property
    def site_url(self) -> str:
        return self.config.url

    @functools.cached_property
    def base_url(self) -> str:
        return base_path(self.config)

    def document_url(self, path: str) -> str:
        wanted = posixpath.normpath(path.strip().strip("/"))
        candidates = [wanted, "posts/" + wanted.removeprefix("_posts/")] if wanted.startswith("_posts/") else [wanted]
        for candidate in candidates:
            found = self._documents.get(candidate)
            if found is not None:
                return self._url(*found)
        if wanted.split("/", 1)[0] in self.config.static_folders:  # a static file is its own URL, checked as a link
            return f"/{wanted}"
        raise LiquidFailure(f"the content folder has no post or page {path}; give the file's path from the content "
                            "folder, like posts/2024-05-03-slug.md, or of a file in a static folder")

    def post_url(self, name: str) -> str:
        wanted = name.strip().strip("/")
        stem = wanted.rsplit("/", 1)[-1]
        found = [path for path in self._post_stems.get(stem, ()) if path.endswith(f"/{wanted}.md") or
                 path.endswith(f"/{wanted}.markdown")]
        if not found:
            raise LiquidFailure(f"there is no post {stem}.md in posts/; name a post by its file name without .md, "
                                "like 2024-05-03-slug")
        return self._url("post", found[0])

    def include_source(self, name: str) -> tuple[str, str]:
        relative = posixpath.normpath(name)
        if "\\" in name or relative.startswith(("/", "..")) or posixpath.isabs(name):
            raise LiquidFailure(f"include {name!r} lies outside {INCLUDES_FOLDER}/; name a file inside it")
        path = "/".join((self.root, INCLUDES_FOLDER, relative))
        if path not in self.files.stamps:  # the walk lists no link leading out of the content folder
            raise LiquidFailure(f"there is no file {INCLUDES_FOLDER}/{relative} to include")
        self._used[path] = None
        return Path(path).read_text(encoding="utf-8-sig"), f"{INCLUDES_FOLDER}/{relative}"

    # --- rendering ---

    @functools.cached_property
    def config_path(self) -> str:
        return "/".join((self.root, CONFIG_FILE))

    @functools.cached_property
    def site_values(self) -> dict[str, Any]:
        """site.yml as written, with `url` as the build uses it (--base-url) and Jekyll's empty `baseurl`."""
        path = Path(self.config_path)
        values = parse_yaml_mapping(path.read_text(encoding="utf-8-sig"), path)[0] if path.is_file() else {}
        return {"baseurl": "", **values, "url": self.config.url}

    def _site_in(self, code: str) -> dict[str, Any]:
        """`site_values` as a page in the language `code` shows them (as Hugo's .Site.Title): its `languages:`
        entry's own words (title, description, author, ...) over the site-wide ones."""
        entries = self.site_values.get("languages")
        entry = next((entry for entry in entries if isinstance(entry, dict)
                      and str(entry.get("code", "")).lower() == code.lower()), {}) if isinstance(entries, list) else {}
        return {**self.site_values, **{key: entry[key] for key in SETTING_KEYS if key in entry}}

    @functools.cached_property
    def _renderer(self) -> LiquidRenderer:
        # python-liquid takes a tenth of a second to import: only a site with Liquid in a document pays it.
        from herald_site.content.liquid_tags import LiquidRenderer

        return LiquidRenderer(self)

    def render(self, source: SourceDocument) -> LiquidRendering:
        """The document with its body rendered by Liquid; raises ContentError at the line of the first problem."""
        self._used = {self.config_path: None}
        page = {**source.metadata, "path": posixpath.relpath(str(source.path), self.root)}
        try:
            document = self._document_of(source)
            page.update(url=document.url_path, date=getattr(document, "date", page.get("date")))
            site = self._site_in(document.language)
        except ContentProblems:
            site = self.site_values  # its own problems are reported when it is read
        try:
            body = self._renderer.render(source.body, site=site, page=page)
        except LiquidFailure as error:
            raise ContentError(source.path, _line(error, source), f"Liquid: {_message(error)}") from error
        rendered = dataclasses.replace(
            source, body=body, source_hash=_digest(source.source_hash, body)
        )
        return LiquidRendering(rendered, tuple(self._used))

    def inputs_digest(self, inputs: tuple[str, ...]) -> str:
        """What a rendered document's other files and the site's URL are now: a cached document made from other
        ones is made again."""
        stamps: list[Stamp | None] = [self.files.stamps.get(path) for path in inputs]
        return _digest(self.config.url, repr(list(zip(inputs, stamps))))

    # --- the documents ---

    @functools.cached_property
    def _documents(self) -> dict[str, tuple[str, str]]:
        """Each document's (kind, path) by its path from the content folder."""
        start = len(self.root) + 1
        return {path[start:]: (kind, path) for kind, path in self.files.documents}

    @functools.cached_property
    def _post_stems(self) -> dict[str, list[str]]:
        stems: dict[str, list[str]] = {}
        for kind, path in self.files.documents:
            name = posixpath.basename(path)
            if kind == "post":
                stems.setdefault(next(name[: -len(suffix)] for suffix in MARKDOWN_SUFFIXES
                                      if name.endswith(suffix)), []).append(path)
        return stems

    def _url(self, kind: str, path: str) -> str:
        self._used[path] = None
        if path not in self._urls:
            try:
                self._urls[path] = self._document_of(self._read(Path(path), kind)).url_path
            except (ContentError, ContentProblems) as error:
                target = posixpath.relpath(path, self.root)
                self._urls[path] = LiquidFailure(
                    f"the link's target {target} has problems of its own: {_first_problem(error)}")
        found = self._urls[path]
        if isinstance(found, LiquidFailure):
            raise found
        return found


def base_path(config: SiteConfig) -> str:
    """Jekyll's `baseurl` from site.yml, as a path ("/blog", or "" for none): what `relative_url`, `link` and
    `post_url` put before a site path, and what the link check takes off again."""
    value = str(config.extra.get("baseurl") or "").strip("/")
    return f"/{value}" if value else ""


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _first_problem(error: ContentError | ContentProblems) -> str:
    problems: list[Problem] = error.problems if isinstance(error, ContentProblems) else [error.to_problem()]
    return problems[0].message if problems else str(error)


def _message(error: LiquidFailure) -> str:
    """The library's message, with what an editor can do about it."""
    message = error.message
    if "is undefined" in message:
        return f"{message}; Herald knows site.* (site.yml), page.* (the frontmatter) and include.* in includes"
    if message.startswith("unknown filter"):
        return f"{message}; Herald renders Liquid's standard filters, relative_url and absolute_url"
    if _NEVER_CLOSED.search(message):
        return f"{message}: a block opened here is never closed"
    if message.startswith("unexpected tag"):
        return (f"{message}; Herald renders Liquid's standard tags, raw, highlight, link, post_url and include; "
                "wrap text that only looks like Liquid in {% raw %}...{% endraw %}")
    return message


_NEVER_CLOSED = re.compile(r"expected tag end(\w+)")


def _line(error: LiquidFailure, source: SourceDocument) -> int | None:
    """The file line of the error in the document's body; for a block never closed, which python-liquid places
    nowhere, the line of the last tag opening such a block."""
    if error.line is not None:
        return source.body_line + error.line - 1
    unclosed = _NEVER_CLOSED.search(error.message)
    if unclosed is None:
        return None
    openings = list(re.finditer(r"{%-?\s*" + unclosed.group(1) + r"\b", source.body))
    return source.body_line + source.body.count("\n", 0, openings[-1].start()) if openings else None
