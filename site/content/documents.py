"""Step three of loading, per file: turn a read and rendered document into a Post or a Page.

Frontmatter is interpreted here, so every complaint about a value can name its line. All problems of one
file are gathered before giving up, so an editor fixes them in one pass. A document interpreted once is kept
in the build cache as a record (plain values, no HTML): a rebuild makes the Post again from it without
reading, parsing or rendering its file.
"""

from __future__ import annotations

import functools
import math
import pickle
import re
import sys
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo
from urllib.parse import urlsplit

from herald_site.content.dates import parse_date
from herald_site.content.frontmatter import SourceDocument
from herald_site.content.links import SiteLink, internal_links
from herald_site.content.model import (
    ContentProblems,
    DocumentKind,
    DocumentTexts,
    HeldTexts,
    Page,
    Post,
    Problem,
    SiteConfig,
)
from herald_site.markdown import Rendered
from herald_site.urls import MEDIA_PREFIX, normalize_url_path, page_url, post_url, slugify

WORDS_PER_MINUTE = 200
_JEKYLL_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")

POST_KEYS = frozenset(
    {"title", "date", "updated", "summary", "description", "tags", "categories", "category", "author", "image",
     "draft", "published", "permalink", "path"}
)
PAGE_KEYS = frozenset({"title", "summary", "description", "permalink", "path", "template"})


class _Frontmatter:
    """Typed reads of frontmatter values; a bad value is recorded as a Problem at its line."""

    def __init__(self, source: SourceDocument) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def error(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.source.path, self.source.line_of(key), message, "error", key))

    def text(self, key: str) -> str | None:
        value = self.source.metadata.get(key)
        if value is None:
            return None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip()
        self.error(key, f"`{key}` should be text, got {value!r}")
        return None

    def required_text(self, key: str) -> str:
        value = self.text(key)
        if not value and not any(problem.field == key for problem in self.problems):
            self.error(key, f"missing `{key}`; add `{key}: ...` to the frontmatter")
        return value or ""

    def names(self, key: str) -> tuple[str, ...]:
        """A list of names, written as a YAML list or as one comma-separated string."""
        value = self.source.metadata.get(key)
        if value is None:
            return ()
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list) or any(isinstance(item, (dict, list)) for item in items):
            self.error(key, f"`{key}` should be a list like ['a', 'b'] or a string like 'a, b', got {value!r}")
            return ()
        names = tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))
        for name in names:
            if not slugify(name):
                self.error(key, f"`{key}` entry {name!r} has no letters or digits to make its page's URL from")
        return names

    def flag(self, key: str, default: bool) -> bool:
        value = self.source.metadata.get(key, default)
        if not isinstance(value, bool):
            self.error(key, f"`{key}` should be true or false, got {value!r}")
            return default
        return value

    def date(self, key: str, config: SiteConfig) -> datetime | None:
        value = self.source.metadata.get(key)
        if value is None:
            return None
        try:
            return parse_date(value, config.timezone)
        except ValueError as error:
            self.error(key, f"`{key}`: {error}")
            return None

    def url_path(self) -> str | None:
        """The custom URL from `permalink` (or its synonym `path`)."""
        key = "permalink" if "permalink" in self.source.metadata else "path"
        value = self.text(key)
        if not value:
            return None
        try:
            return normalize_url_path(value)
        except ValueError as error:
            self.error(key, f"`{key}` {error}")
            return None

    def summary(self, rendered: Rendered) -> str:
        return self.text("summary") or self.text("description") or rendered.first_paragraph

    def raise_problems(self) -> None:
        if self.problems:
            raise ContentProblems(self.problems)


def image_url(value: str) -> str:
    """Where a frontmatter image lives: absolute URLs and site paths stay, a bare name is in content/media/."""
    if urlsplit(value).scheme or value.startswith("/"):
        return value
    return MEDIA_PREFIX + value.removeprefix("./")


def _slug_and_date(source: SourceDocument) -> tuple[str, date | None]:
    """The slug from the file name, and the date a Jekyll name (2024-05-03-slug.md) starts with."""
    stem = source.path.stem
    match = _JEKYLL_NAME.match(stem)
    if match:
        try:
            return slugify(match.group(2)), date.fromisoformat(match.group(1))
        except ValueError:
            pass
    return slugify(stem), None


def _unused(source: SourceDocument, known: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in source.metadata.items() if key not in known}


def build_post(
    source: SourceDocument, rendered: Rendered, config: SiteConfig, texts: DocumentTexts | None = None
) -> Post:
    """A Post from its source and rendering; raises ContentProblems with every problem in its frontmatter.

    `texts` keeps the Markdown, HTML and table of contents (by default the source's and rendering's own).
    """
    fields = _Frontmatter(source)
    slug, name_date = _slug_and_date(source)
    title = fields.required_text("title")
    published = fields.date("date", config)
    if published is None and name_date is not None and "date" not in source.metadata:
        published = parse_date(name_date, config.timezone)
    if published is None and "date" not in source.metadata:
        fields.error("date", "missing `date`; add `date: 2024-05-03` or name the file like 2024-05-03-slug.md")
    if not slug:
        fields.error("title", f"the file name {source.path.name!r} gives no slug; use letters or digits in it")
    image = fields.text("image")
    post = Post(
        slug=slug,
        title=title,
        date=published or datetime.min,
        updated=fields.date("updated", config),
        summary=fields.summary(rendered),
        tags=fields.names("tags"),
        categories=fields.names("categories") or fields.names("category"),
        author=fields.text("author") or config.author,
        image=image_url(image) if image else None,
        draft=fields.flag("draft", False) or not fields.flag("published", True),
        url_path=fields.url_path() or (post_url(published.astimezone(config.timezone), slug) if published else ""),
        reading_minutes=max(1, math.ceil(rendered.word_count / WORDS_PER_MINUTE)),
        extra=_unused(source, POST_KEYS),
        source_file=str(source.path),
        source_hash=source.source_hash,
        texts=texts or _held(source, rendered),
    )
    fields.raise_problems()
    return post


def build_page(source: SourceDocument, rendered: Rendered, texts: DocumentTexts | None = None) -> Page:
    """A Page from its source and rendering; raises ContentProblems with every problem in its frontmatter."""
    fields = _Frontmatter(source)
    slug = slugify(source.path.stem)
    custom_url = fields.url_path()
    if not slug and custom_url is None:
        fields.error("title", f"the file name {source.path.name!r} gives no slug; rename it or add `permalink`")
    page = Page(
        slug=slug,
        title=fields.required_text("title"),
        url_path=custom_url or page_url(slug),
        summary=fields.summary(rendered),
        template=fields.text("template"),
        extra=_unused(source, PAGE_KEYS),
        source_file=str(source.path),
        source_hash=source.source_hash,
        texts=texts or _held(source, rendered),
    )
    fields.raise_problems()
    return page


def _held(source: SourceDocument, rendered: Rendered) -> HeldTexts:
    return HeldTexts(source.body, rendered.html, rendered.toc)


# The frontmatter keys whose lines the checks across documents point at.
CHECKED_KEYS = ("permalink", "path", "image")


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """A document with what the checks across documents need of its file."""

    kind: DocumentKind
    path: str
    document: Post | Page
    links: tuple[SiteLink, ...]  # the links into the site
    images: tuple[SiteLink, ...]  # the images on the site
    key_lines: tuple[tuple[str, int], ...]  # the file line of each CHECKED_KEYS key the frontmatter has

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
        document = build_page(source, rendered, texts)
    base = document.url_path
    return LoadedDocument(
        source.kind,
        str(source.path),
        document,
        internal_links(rendered.links, base),
        internal_links(rendered.images, base),
        tuple((key, source.line_of(key)) for key in CHECKED_KEYS if key in source.key_lines),
    )


# The leading fields of Post and Page, the ones a record keeps: the rest (file, hash, texts) it is given.
_KEPT_FIELDS: dict[DocumentKind, tuple[str, ...]] = {
    kind: tuple(field.name for field in fields(cls)
                if field.name not in ("source_file", "source_hash", "texts", "card_digest"))
    for kind, cls in (("post", Post), ("page", Page))
}
# Kept as plain values: unpickling a datetime and its zone costs more than the rest of a record.
_MOMENTS = tuple(_KEPT_FIELDS["post"].index(name) for name in ("date", "updated"))
# Held once per process: the few tag, category and author names recur in thousands of posts.
_AUTHOR = _KEPT_FIELDS["post"].index("author")
_NAMES = tuple(_KEPT_FIELDS["post"].index(name) for name in ("tags", "categories"))

PlainMoment = tuple[str, str | int | None]
"""A datetime as its local ISO text and its zone: a zoneinfo key, a fixed offset in seconds, or None."""


def _plain_moment(moment: datetime | None) -> PlainMoment | None:
    if moment is None:
        return None
    zone = moment.tzinfo
    if zone is None:
        code: str | int | None = None
    elif isinstance(zone, ZoneInfo) and zone.key:
        code = zone.key
    else:
        code = int(zone.utcoffset(moment).total_seconds())  # type: ignore[union-attr]
    return moment.replace(tzinfo=None).isoformat(), code


@functools.lru_cache(maxsize=64)
def _zone(code: str | int | None) -> tzinfo | None:
    if code is None:
        return None
    return ZoneInfo(code) if isinstance(code, str) else timezone(timedelta(seconds=code))


def _moment(plain: PlainMoment | None) -> datetime | None:
    return None if plain is None else datetime.fromisoformat(plain[0]).replace(tzinfo=_zone(plain[1]))


def to_record(loaded: LoadedDocument) -> bytes:
    """What the build cache keeps of a loaded document: plain values, for a given version of this code."""
    document = loaded.document
    values = [getattr(document, name) for name in _KEPT_FIELDS[loaded.kind]]
    card = ""
    if isinstance(document, Post):
        from herald_site.speed.card_digests import card_digest  # for this commit only: content stops importing speed/ next

        card = card_digest(document)
        for index in _MOMENTS:
            values[index] = _plain_moment(values[index])
    record = (tuple(values), loaded.links, loaded.images, loaded.key_lines, card)
    return pickle.dumps(record, pickle.HIGHEST_PROTOCOL)


def from_record(
    kind: DocumentKind, path: str, source_hash: str, record: bytes, texts: DocumentTexts
) -> LoadedDocument | None:
    """The loaded document a record keeps, or None when the record is damaged (the file is then read again)."""
    try:
        kept, links, images, key_lines, card = pickle.loads(record)
        if kind == "post":
            values = list(kept)
            for index in _MOMENTS:
                values[index] = _moment(values[index])
            values[_AUTHOR] = sys.intern(values[_AUTHOR])
            for index in _NAMES:
                values[index] = tuple(map(sys.intern, values[index]))
            document: Post | Page = Post(*values, path, source_hash, texts, card)
        else:
            document = Page(*kept, path, source_hash, texts)
    except Exception:  # noqa: BLE001 - a damaged pickle can raise almost anything
        return None
    return LoadedDocument(kind, path, document, links, images, key_lines)
