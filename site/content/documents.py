"""Step three of loading, per file: turn a read and rendered document into a Post or a Page.

Frontmatter is interpreted here, read through `FrontmatterFields` so every complaint about a value can name
its line; all problems of one file are gathered before giving up, so an editor fixes them in one pass.
`load_file` runs the three steps (read, render, interpret) for one file and `load_documents` for every file,
in this process with every text held in memory; a build does the same through its cache and in worker processes instead
(`herald_site.speed.cached_loading`), which keeps each document as a record (`herald_site.speed.records`).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from herald_site.content.calls_to_action import POST_KEY as CALL_TO_ACTION_KEY
from herald_site.content.dates import parse_date
from herald_site.content.frontmatter import SourceDocument, read_document
from herald_site.content.frontmatter_fields import ALIASES_KEY, FrontmatterFields, image_url
from herald_site.content.links import SiteLink, internal_links
from herald_site.content.liquid_site import LiquidSite, liquid_wanted
from herald_site.content.model import (
    ContentError,
    ContentProblems,
    DocumentKind,
    DocumentTexts,
    HeldTexts,
    Page,
    Post,
    Problem,
    SiteConfig,
)
from herald_site.content.share_frontmatter import SHARE_KEY, share_problems
from herald_site.content.walk import ContentFiles
from herald_site.document_urls import page_values, post_values
from herald_site.markdown import Rendered, render_markdown
from herald_site.markdown.videos import FEATURED_VIDEO_KEY, Video
from herald_site.slugs import slugify

WORDS_PER_MINUTE = 200
_JEKYLL_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")

POST_KEYS = frozenset(
    {"title", "date", "updated", "summary", "description", "tags", "categories", "category", "author", "image",
     "image_alt", "featured", "call_to_action", "draft", "published", "permalink", "path", "lang", "translation_key",
     "redirect_from", "redirect_to", ALIASES_KEY}
)
PAGE_KEYS = frozenset({"title", "summary", "description", "permalink", "path", "template", "lang", "translation_key",
                       "redirect_from", "redirect_to", "draft", "published", ALIASES_KEY})


def _name_and_date(stem: str) -> tuple[str, date | None]:
    """The name in the file name's stem, and the date a Jekyll name (2024-05-03-slug.md) starts with."""
    match = _JEKYLL_NAME.match(stem)
    if match:
        try:
            return match.group(2), date.fromisoformat(match.group(1))
        except ValueError:
            pass
    return stem, None


def _unused(source: SourceDocument, known: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in source.metadata.items() if key not in known}


def build_post(
    source: SourceDocument, rendered: Rendered, config: SiteConfig, texts: DocumentTexts | None = None
) -> Post:
    """A Post from its source and rendering; raises ContentProblems with every problem in its frontmatter.

    `texts` keeps the Markdown, HTML and table of contents (by default the source's and rendering's own).
    """
    fields = FrontmatterFields(source, config)
    name, name_date = _name_and_date(fields.language.stem)
    slug = slugify(name)
    title = fields.title()
    published = fields.date("date", config)
    if published is None and name_date is not None and "date" not in source.metadata:
        published = parse_date(name_date, config.timezone)
    if published is None and "date" not in source.metadata:
        fields.error("date", "missing `date`; add `date: 2024-05-03` or name the file like 2024-05-03-slug.md")
    if not slug:
        fields.error("title", f"the file name {source.path.name!r} gives no slug; use letters or digits in it")
    image = fields.text("image")
    categories = fields.names("categories") or fields.names("category")
    values = post_values(published.astimezone(config.timezone), name, categories) if published and slug else None
    patterned = fields.patterned_url(config.permalinks.posts, values) if values else None
    custom_url = fields.url_path("posts", values)
    url_path = fields.in_language(custom_url or (patterned.path if patterned else ""), config)
    post = Post(
        slug=slug,
        title=title,
        date=published or datetime.min,
        updated=fields.date("updated", config),
        summary=fields.summary(rendered),
        tags=fields.names("tags"),
        categories=categories,
        author=fields.text("author") or config.in_language(fields.language.code).author,
        image=image_url(image) if image else None,
        image_alt=fields.text("image_alt") or "",
        featured=fields.flag("featured", False),
        call_to_action=fields.call_to_action(),
        draft=fields.draft(),
        url_path=url_path,
        reading_minutes=max(1, math.ceil(rendered.word_count / WORDS_PER_MINUTE)),
        language=fields.language.code,
        translation_key=fields.language.translation_key,
        extra=_unused(source, POST_KEYS),
        redirect_from=fields.redirect_from(url_path, patterned, custom_url),
        redirect_to=fields.redirect_to(),
        source_file=str(source.path),
        source_hash=source.source_hash,
        texts=texts or _held(source, rendered),
    )
    fields.problems.extend(share_problems(source))
    fields.raise_problems()
    return post


def build_page(
    source: SourceDocument, rendered: Rendered, config: SiteConfig, texts: DocumentTexts | None = None
) -> Page:
    """A Page from its source and rendering; raises ContentProblems with every problem in its frontmatter."""
    fields = FrontmatterFields(source, config)
    slug = slugify(fields.language.stem)
    values = page_values(fields.language.stem)
    custom_url = fields.url_path("pages", values)
    if not slug and custom_url is None:
        fields.error("title", f"the file name {source.path.name!r} gives no slug; rename it or add `permalink`")
    patterned = fields.patterned_url(config.permalinks.pages, values) if slug else None
    url_path = fields.in_language(custom_url or (patterned.path if patterned else ""), config)
    page = Page(
        slug=slug,
        title=fields.title(),
        url_path=url_path,
        summary=fields.summary(rendered),
        template=fields.text("template"),
        language=fields.language.code,
        translation_key=fields.language.translation_key,
        extra=_unused(source, PAGE_KEYS),
        redirect_from=fields.redirect_from(url_path, patterned, custom_url),
        redirect_to=fields.redirect_to(),
        draft=fields.draft(),
        source_file=str(source.path),
        source_hash=source.source_hash,
        texts=texts or _held(source, rendered),
    )
    fields.raise_problems()
    return page


def _held(source: SourceDocument, rendered: Rendered) -> HeldTexts:
    return HeldTexts(source.body, rendered.html, rendered.toc)


# The frontmatter keys whose lines the checks across documents point at.
CHECKED_KEYS = (
    "permalink", "path", "image", "lang", "translation_key", "redirect_from", "redirect_to", CALL_TO_ACTION_KEY,
    FEATURED_VIDEO_KEY, SHARE_KEY,
)


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """A document with what the checks across documents need of its file."""

    kind: DocumentKind
    path: str
    document: Post | Page
    links: tuple[SiteLink, ...]  # the links into the site
    images: tuple[SiteLink, ...]  # the images on the site
    key_lines: tuple[tuple[str, int], ...]  # the file line of each CHECKED_KEYS key the frontmatter has
    inputs: tuple[str, ...] = ()  # the other content files its Liquid read (herald_site.content.liquid_site)
    inputs_digest: str = ""  # what they were then: `LiquidSite.inputs_digest`
    videos: tuple[Video, ...] = ()  # its `![video: ...]`s (herald_site.markdown.videos)

    def has_key(self, key: str) -> bool:
        return any(name == key for name, _ in self.key_lines)

    def line_of(self, key: str) -> int:
        """The line of a frontmatter key, or line 1 (where the frontmatter starts) when the key is absent."""
        return next((line for name, line in self.key_lines if name == key), 1)


def interpret(
    source: SourceDocument, rendered: Rendered, config: SiteConfig, texts: DocumentTexts | None = None
) -> LoadedDocument:
    """The Post or Page of a read and rendered file; raises ContentProblems listing every problem in it."""
    document: Post | Page
    if source.kind == "post":
        document = build_post(source, rendered, config, texts)
    else:
        document = build_page(source, rendered, config, texts)
    base = document.url_path
    return LoadedDocument(
        source.kind,
        str(source.path),
        document,
        internal_links(rendered.links, base),
        internal_links(rendered.images, base),
        tuple((key, source.line_of(key)) for key in CHECKED_KEYS if key in source.key_lines) + _aliases_line(source),
        videos=rendered.videos,
    )


def _aliases_line(source: SourceDocument) -> tuple[tuple[str, int], ...]:
    """Where the checks of old addresses point when a document gives them only as `aliases`, Hugo's name for
    `redirect_from`: the line of its `aliases`."""
    if ALIASES_KEY in source.key_lines and "redirect_from" not in source.key_lines:
        return (("redirect_from", source.line_of(ALIASES_KEY)),)
    return ()


@dataclass(frozen=True)
class FileOutcome:
    """One content file read, rendered and interpreted, or the problems that stopped it."""

    kind: DocumentKind
    path: str
    source_hash: str  # "" when the file could not be read
    loaded: LoadedDocument | None  # None when the file has problems
    rendered: Rendered | None  # the rendering made here; None when it was made before, or never
    problems: tuple[Problem, ...] = ()


def load_file(
    kind: DocumentKind, path: str, config: SiteConfig, rendered_before: Callable[[str], Rendered | None] | None = None,
    liquid: LiquidSite | None = None,
) -> FileOutcome:
    """Read, render and interpret one file; `rendered_before` gives the rendering of a text (by its hash)
    when one was made before, which is then not made again. `liquid` renders the Liquid of a document that has
    some (see `herald_site.content.liquid_site`); without it none is rendered."""
    inputs: tuple[str, ...] = ()
    try:
        source = read_document(Path(path), kind)
        if liquid is not None and liquid_wanted(source, config.liquid):
            rendering = liquid.render(source)
            source, inputs = rendering.source, rendering.inputs
    except ContentError as error:
        return FileOutcome(kind, path, "", None, None, (error.to_problem(),))
    known = rendered_before(source.source_hash) if rendered_before else None
    rendered = known or render_markdown(source.body)
    made = None if known else rendered
    try:
        loaded = interpret(source, rendered, config)
    except ContentProblems as error:
        return FileOutcome(kind, path, source.source_hash, None, made, tuple(error.problems))
    if inputs:
        assert liquid is not None
        loaded = dataclasses.replace(loaded, inputs=inputs, inputs_digest=liquid.inputs_digest(inputs))
    return FileOutcome(kind, path, source.source_hash, loaded, made)


_NOTHING_RENDERED = Rendered("", (), (), (), 0, "")


def document_of(source: SourceDocument, config: SiteConfig) -> Post | Page:
    """A document from its file as written, without its body: its URL, date and title, what Liquid asks of it."""
    build = build_post if source.kind == "post" else build_page
    return build(source, _NOTHING_RENDERED, config)


def liquid_site(files: ContentFiles, config: SiteConfig) -> LiquidSite:
    """What renders the Liquid of the documents among `files`."""
    return LiquidSite(files, config, functools.partial(document_of, config=config), read_document)


LoadedFiles = tuple[dict[str, LoadedDocument], dict[str, list[Problem]]]
"""The documents loaded, by path, and the problems of each file that failed."""

DocumentLoader = Callable[[ContentFiles, SiteConfig], LoadedFiles]
"""Loads the documents among the content files under the site's settings: `load_documents`, or a faster one."""


def load_documents(files: ContentFiles, config: SiteConfig) -> LoadedFiles:
    """Every document loaded in this process, its texts held in memory (`check`, `serve`, tests)."""
    found: dict[str, LoadedDocument] = {}
    failed: dict[str, list[Problem]] = {}
    liquid = liquid_site(files, config)
    for kind, path in files.documents:
        outcome = load_file(kind, path, config, liquid=liquid)
        if outcome.loaded is None:
            failed[path] = list(outcome.problems)
        else:
            found[path] = outcome.loaded
    return found, failed
