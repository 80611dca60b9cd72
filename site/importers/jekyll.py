"""`build.py import jekyll SOURCE`: a Jekyll site's folder as a Herald content folder.

Posts and drafts go to posts/ (drafts dated and marked `draft: true`), pages and the documents of collections with
`output: true` to pages/ at their old addresses, the includes they use to _includes/, folders of static files as
they are (listed under `static:`), and _config.yml becomes site.yml, its permalink pattern with it. Front matter
`defaults` are written into each document. Liquid Herald renders stays as it is; what it cannot render, and what
else does not come over (layouts, plugins, data files), is listed in the report with its file and line, printed
and kept as import-report.txt.

Running it again into the same folder is safe: the files it writes are written again from the source, nothing else
is touched, and an existing site.yml is kept.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from herald_site.confined import inside
from herald_site.importers.jekyll_config import CONFIG_FILE, JekyllConfig, read_config, site_settings
from herald_site.importers.jekyll_liquid import LiquidTargets, convert_liquid
from herald_site.importers.jekyll_source import POST_NAME, JekyllSource, SourceDocument, read_source
from herald_site.importers.jekyll_static import STATIC_HOME, static_destinations
from herald_site.importers.jekyll_urls import UrlProblem, collection_address, page_address, post_address
from herald_site.importers.output import ImportReport, LeftBehind, write_document, write_report, write_settings
from herald_site.urls import reserved_owner

_DROPPED_KEYS = ("layout", "permalink")  # Herald's theme draws every page; the address is worked out again
_JEKYLL_DATE = re.compile(r"^(\d{4}-\d\d-\d\d)[ T](\d\d?:\d\d(?::\d\d)?(?:\.\d+)?)\s*([+-]\d\d):?(\d\d)$")


@dataclass(frozen=True)
class JekyllImportReport(ImportReport):
    static_files: int = 0

    def other_files(self) -> str:
        return f"{self.static_files} static files"


@dataclass(frozen=True)
class _Planned:
    document: SourceDocument
    file: PurePosixPath  # in the content folder
    frontmatter: dict[str, Any]


def import_jekyll(source: Path, content_dir: Path) -> JekyllImportReport:
    """Write the Jekyll site at `source` into `content_dir`; return (and keep) the report of the import."""
    config = read_config(source)
    found = read_source(source, config)
    left_behind = list(found.left_behind)
    statics, refused = static_destinations(found.static_files)
    left_behind += refused
    settings, unkept = site_settings(config, sorted({str(path.parts[0]) for path in statics.values()} - {STATIC_HOME}))
    left_behind += unkept
    zone = _zone(settings)
    planned = [entry for document in found.documents
               if (entry := _plan(document, config, zone, left_behind)) is not None]
    content_dir.mkdir(parents=True, exist_ok=True)
    for origin, destination in statics.items():
        target = inside(content_dir, destination)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / origin, target)
    targets = LiquidTargets(
        site={"baseurl": "", **settings},
        document={str(entry.document.relative): str(entry.file) for entry in planned}.get,
        post_stems=frozenset(entry.file.stem for entry in planned if entry.document.kind == "post"
                             and entry.frontmatter.get("published", True) is not False),
        static_files=frozenset(map(str, statics.values())),
        includes=frozenset(found.includes),
    )
    used: list[str] = []
    for entry in planned:
        left_behind += _write(content_dir, entry, targets, used)
    left_behind += _write_includes(content_dir, found, targets, used)
    wrote_settings = write_settings(content_dir, f"Written by `build.py import jekyll` from {CONFIG_FILE}; edit "
                                                 "freely.", settings)
    kinds = [entry.document.kind for entry in planned]
    posts = kinds.count("post") + kinds.count("draft")
    report = JekyllImportReport(source, content_dir, posts=posts, drafts=kinds.count("draft"),
                                pages=len(kinds) - posts, wrote_settings=wrote_settings,
                                left_behind=tuple(sorted(left_behind, key=lambda entry: (entry.what, entry.line or 0))),
                                static_files=len(statics))
    write_report(content_dir, report)
    return report


def _zone(settings: dict[str, Any]) -> ZoneInfo:
    try:
        return ZoneInfo(str(settings.get("timezone") or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _moment(value: object, zone: ZoneInfo) -> datetime | None:
    """A front matter date as a moment: YAML's, or Jekyll's "2024-05-03 10:00:00 +0100", which YAML reads as text."""
    if isinstance(value, str) and (match := _JEKYLL_DATE.match(value.strip())):
        value = datetime.fromisoformat(f"{match[1]}T{match[2]}{match[3]}:{match[4]}")
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time(), zone)
    return None


def _plan(document: SourceDocument, config: JekyllConfig, zone: ZoneInfo,
          left_behind: list[LeftBehind]) -> _Planned | None:
    """Where the document goes and its front matter there; None, with a report line, for one left behind."""
    values = {**config.defaults_for(document.relative, document.types), **document.frontmatter}
    relative = str(document.relative)
    match = POST_NAME.match(document.stem)
    moment = _moment(values.get("date"), zone)
    written = {key: value for key, value in values.items() if key not in _DROPPED_KEYS}
    try:
        if document.kind in ("post", "draft"):
            if document.kind == "post" and match is None:
                left_behind.append(LeftBehind(relative, "a post's file name must start with its date (YYYY-MM-DD-)"))
                return None
            moment = moment or (datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=zone) if match
                                else document.modified.astimezone(zone).replace(microsecond=0))
            name = match[4] if match else document.stem
            written.setdefault("title", name.replace("-", " ").strip().capitalize())
            if document.kind == "draft":
                written.update(date=moment, draft=True)
            elif (kept := post_address(document, values, moment.astimezone(zone))) is not None:
                _keep_address(written, kept.path, kept.redirect_from)
            return _Planned(document, PurePosixPath("posts", f"{moment:%Y-%m-%d}-{name}.md"), written)
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
    if kept.path in ("/", "/404/") or reserved_owner(kept.path):
        reason = ("the home page: Herald makes its own (its text is not carried over)" if kept.path == "/" else
                  f"its address {kept.path} is one Herald makes its own page at ({reserved_owner(kept.path)})"
                  if reserved_owner(kept.path) else "the page for missing pages: Herald makes its own")
        left_behind.append(LeftBehind(relative, reason))
        return None
    written.setdefault("title", document.stem.replace("-", " ").capitalize())
    _keep_address(written, kept.path, kept.redirect_from)
    return _Planned(document, file, written)


def _keep_address(frontmatter: dict[str, Any], path: str, redirect_from: str | None) -> None:
    frontmatter["permalink"] = path
    if redirect_from is not None:
        earlier = frontmatter.get("redirect_from") or []
        frontmatter["redirect_from"] = [*([earlier] if isinstance(earlier, str) else earlier), redirect_from]


def _write(content_dir: Path, entry: _Planned, targets: LiquidTargets, used: list[str]) -> list[LeftBehind]:
    """Write one document, its Liquid converted; the report lines of what it lost."""
    document, frontmatter = entry.document, entry.frontmatter
    body, lost = document.body, []
    if frontmatter.get("render_with_liquid") is not False:
        page = {**frontmatter, "url": frontmatter.get("permalink", ""), "path": str(entry.file)}
        page.setdefault("date", frontmatter.get("date") or "")
        converted = convert_liquid(body, document.body_line, targets, page)
        body = converted.text
        if not converted.readable:
            frontmatter = {**frontmatter, "render_with_liquid": False}
        used += [name for name in converted.includes if name not in used]
        lost = [LeftBehind(str(document.relative), why, line) for line, why in converted.left_behind]
    write_document(content_dir, entry.file, frontmatter, body.lstrip("\n"))
    return lost


def _write_includes(content_dir: Path, found: JekyllSource, targets: LiquidTargets,
                    used: list[str]) -> list[LeftBehind]:
    """Copy the includes the documents use (and those they include in turn), their Liquid converted."""
    lost = []
    for name in used:  # grows while it is walked: an include's own includes come after it
        converted = convert_liquid(found.includes[name].read_text(encoding="utf-8-sig"), 1, targets, None)
        used += [other for other in converted.includes if other not in used]
        lost += [LeftBehind(f"_includes/{name}", why, line) for line, why in converted.left_behind]
        target = inside(content_dir, PurePosixPath("_includes", name))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(converted.text, encoding="utf-8")
    return lost
