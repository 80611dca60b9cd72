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

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from herald_site.confined import inside
from herald_site.importers.jekyll_config import CONFIG_FILE, read_config, site_settings
from herald_site.importers.jekyll_liquid import LiquidTargets, convert_liquid
from herald_site.importers.jekyll_plan import PlannedDocument, plan_documents, site_zone
from herald_site.importers.jekyll_source import JekyllSource, read_source
from herald_site.importers.jekyll_static import STATIC_HOME, static_destinations
from herald_site.importers.output import ImportReport, LeftBehind, write_document, write_report, write_settings


@dataclass(frozen=True)
class JekyllImportReport(ImportReport):
    static_files: int = 0

    def other_files(self) -> str:
        return f"{self.static_files} static files"


def import_jekyll(source: Path, content_dir: Path) -> JekyllImportReport:
    """Write the Jekyll site at `source` into `content_dir`; return (and keep) the report of the import."""
    config = read_config(source)
    found = read_source(source, config)
    left_behind = list(found.left_behind)
    statics, refused = static_destinations(found.static_files)
    left_behind += refused
    settings, unkept = site_settings(config, sorted({str(path.parts[0]) for path in statics.values()} - {STATIC_HOME}))
    left_behind += unkept
    planned = plan_documents(found.documents, config, site_zone(settings), left_behind)
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
        addresses={**{str(path): f"/{path}" for path in statics.values()},
                   **{str(document.relative): "/" for document in found.documents if document.kind == "page"
                      and str(document.relative.parent) == "." and document.stem == "index"}},
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


def _write(content_dir: Path, entry: PlannedDocument, targets: LiquidTargets, used: list[str]) -> list[LeftBehind]:
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
