"""What each document of a Jekyll site becomes: its file in the content folder, its front matter there (defaults
applied, `layout` gone, a title and a date where Jekyll would make them up) and the address it answers at.

Every address is worked out here, posts' too (by site.yml's pattern, as Herald will), so that the old addresses a
document lists in `redirect_from` can be checked against them all: one that is a page's own address, one that two
documents list (jekyll-redirect-from lets the later win), and one Herald cannot serve are dropped and reported,
rather than stopping the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from herald_site.importers.jekyll_config import JekyllConfig, as_text
from herald_site.importers.jekyll_source import POST_NAME, SourceDocument
from herald_site.importers.jekyll_urls import (KeptUrl, UrlProblem, categories, collection_address,
                                               page_address, post_address)
from herald_site.importers.output import LeftBehind
from herald_site.urls import output_file, reserved_owner
from herald_site.written_paths import redirect_source

_DROPPED_KEYS = ("layout", "permalink")  # Herald's theme draws every page; the address is worked out again
_TEXT_KEYS = ("title", "author", "summary", "description")
_INDEX_FILE = re.compile(r"/index\.html?$")
_JEKYLL_DATE = re.compile(r"^(\d{4}-\d\d-\d\d)[ T](\d\d?:\d\d(?::\d\d)?(?:\.\d+)?)\s*([+-]\d\d):?(\d\d)$")


@dataclass(frozen=True)
class PlannedDocument:
    document: SourceDocument
    file: PurePosixPath  # in the content folder
    frontmatter: dict[str, Any]
    url: str  # where it answers ("" for a draft)


def site_zone(settings: dict[str, Any]) -> ZoneInfo:
    try:
        return ZoneInfo(str(settings.get("timezone") or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def plan_documents(documents: list[SourceDocument], config: JekyllConfig, zone: ZoneInfo,
                   left_behind: list[LeftBehind]) -> list[PlannedDocument]:
    """The documents that come over, each planned; a report line for each one, or part of one, that does not."""
    planned = [entry for document in documents if (entry := _plan(document, config, zone, left_behind)) is not None]
    _settle_redirects(planned, left_behind)
    return planned


def _moment(value: object, zone: ZoneInfo) -> datetime | None:
    """A front matter date as a moment: YAML's, or Jekyll's "2024-05-03 10:00:00 +0100", which YAML reads as text."""
    if isinstance(value, str) and (match := _JEKYLL_DATE.match(value.strip())):
        value = datetime.fromisoformat(f"{match[1]}T{match[2]}{match[3]}:{match[4]}")
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time(), zone)
    return None


def _as_herald_reads(values: dict[str, Any], folder_categories: tuple[str, ...]) -> dict[str, Any]:
    """Front matter values in the shapes Herald reads: categories and tags as lists of names (Jekyll splits
    "news events" in two, and puts the folders' of news/_posts/ first), jekyll-seo-tag's `image: {path: ...}` as
    its path, authors and titles as text."""
    values = dict(values)
    if folder_categories or isinstance(values.get("categories"), str):
        values["categories"] = list(dict.fromkeys([*folder_categories, *categories(values)]))
    for key in ("categories", "tags"):
        names = values.get(key)
        names = names.split() if isinstance(names, str) else names
        if isinstance(names, list):
            values[key] = [str(name) for name in names]
    image = values.get("image")
    if isinstance(image, dict) and "path" in image:
        values["image"] = image["path"]
    return {key: as_text(value) if key in _TEXT_KEYS else value for key, value in values.items()}


def _plan(document: SourceDocument, config: JekyllConfig, zone: ZoneInfo,
          left_behind: list[LeftBehind]) -> PlannedDocument | None:
    values = {**config.defaults_for(document.relative, document.types), **document.frontmatter}
    values = _as_herald_reads(values, document.folder_categories)
    if document.kind in ("page", "collection") and values.get("published") is False:
        left_behind.append(LeftBehind(str(document.relative), "unpublished (published: false); Herald's pages have "
                                                              "no drafts"))
        return None
    relative = str(document.relative)
    moment = _moment(values.get("date"), zone)
    written = {key: value for key, value in values.items() if key not in _DROPPED_KEYS}
    if values.get("date") is not None and moment is None:
        left_behind.append(LeftBehind(relative, f"its date {values['date']!r} could not be read; the file's is used"))
        written.pop("date")
    try:
        if document.kind in ("post", "draft"):
            return _post(document, values, written, moment, config, zone, left_behind)
        if document.kind == "collection":
            collection = next(entry for entry in config.collections if entry.label == document.collection)
            if not collection.output:
                return None  # reported once, at the collection in _config.yml
            kept = collection_address(document, values, collection.permalink, config.permalink, moment)
            file = PurePosixPath("pages", str(document.collection), *document.relative.parent.parts[1:],
                                 f"{document.stem}.md")
        else:
            kept = page_address(document, values, config.permalink)
            file = PurePosixPath("pages", *document.relative.parent.parts, f"{document.stem}.md")
    except UrlProblem as problem:
        left_behind.append(LeftBehind(relative, f"{problem}; not imported"))
        return None
    if any(part in ("", ".", "..") for part in file.parts):  # a collection named ".." (its folder "_..")
        left_behind.append(LeftBehind(relative, "its collection's name would lead out of the content folder"))
        return None
    if kept.path in ("/", "/404/") or reserved_owner(kept.path):
        reason = ("the home page: Herald makes its own (its text is not carried over)" if kept.path == "/" else
                  f"its address {kept.path} is one Herald makes its own page at ({reserved_owner(kept.path)})"
                  if reserved_owner(kept.path) else "the page for missing pages: Herald makes its own")
        left_behind.append(LeftBehind(relative, reason))
        return None
    written.setdefault("title", document.stem.replace("-", " ").capitalize())
    _keep_address(written, kept)
    return PlannedDocument(document, file, written, kept.path)


def _post(document: SourceDocument, values: dict[str, Any], written: dict[str, Any], moment: datetime | None,
          config: JekyllConfig, zone: ZoneInfo, left_behind: list[LeftBehind]) -> PlannedDocument | None:
    match = POST_NAME.match(document.stem)
    if document.kind == "post" and match is None:
        left_behind.append(LeftBehind(str(document.relative), "a post's file name must start with its date "
                                                              "(YYYY-MM-DD-)"))
        return None
    moment = moment or (datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=zone) if match
                        else document.modified.astimezone(zone).replace(microsecond=0))
    name = match[4] if match else document.stem
    written.setdefault("title", name.replace("-", " ").strip().capitalize())
    if document.kind == "draft":  # named as in _drafts/, so that importing again writes the same file
        written.update(date=moment, draft=True)
        return PlannedDocument(document, PurePosixPath("posts", f"{document.stem}.md"), written, "")
    file = PurePosixPath("posts", f"{moment:%Y-%m-%d}-{name}.md")
    kept = post_address(document, values, moment.astimezone(zone), config.post_permalink)
    if values.get("permalink"):
        _keep_address(written, kept)
    return PlannedDocument(document, file, written, kept.path)


def _keep_address(frontmatter: dict[str, Any], kept: KeptUrl) -> None:
    frontmatter["permalink"] = kept.path
    if kept.redirect_from is not None:
        frontmatter["redirect_from"] = [*_listed(frontmatter.get("redirect_from")), kept.redirect_from]


def _listed(value: object) -> list[object]:
    """`redirect_from` as a list: jekyll-redirect-from takes one address or a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _settle_redirects(planned: list[PlannedDocument], left_behind: list[LeftBehind]) -> None:
    """Keep each document's old addresses that Herald can serve and no page or earlier document has."""
    taken = {output_file(entry.url): str(entry.document.relative) for entry in planned if entry.url}
    for entry in planned:
        kept = []
        for given in _listed(entry.frontmatter.get("redirect_from")):
            old = _INDEX_FILE.sub("/", str(given))  # "/help/index.html" is "/help/", as hosts serve it
            try:
                source = redirect_source(str(old))
            except ValueError as error:
                why = str(error)
            else:
                owner = taken.get(output_file(source))
                why = (f"{reason}" if (reason := reserved_owner(source)) else
                       f"{owner} has that address already" if owner else "")
                if not why:
                    taken[output_file(source)] = str(entry.document.relative)
                    kept.append(old)
                    continue
            left_behind.append(LeftBehind(str(entry.document.relative), f"its redirect from {old} was dropped: {why}"))
        if kept:
            entry.frontmatter["redirect_from"] = kept
        else:
            entry.frontmatter.pop("redirect_from", None)
