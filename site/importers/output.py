"""What every importer writes the same way: documents with YAML frontmatter, site.yml when the folder has none,
and the report of what stayed behind, each through the confined check (`herald_site.confined.inside`), so no
name taken from another tool's files can write outside the content folder."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from herald_site.confined import inside

REPORT_FILE = "import-report.txt"
SETTINGS_FILE = "site.yml"


@dataclass(frozen=True)
class LeftBehind:
    """A line of the import report: something of the old site that is not on the imported site, and why; `line`
    is the line of the old site's file it stands at, when it is one part of a file."""

    what: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f", line {self.line}" if self.line is not None else ""
        return f"{self.what}{where}: {self.reason}"


def left_behind_lines(entries: Iterable[LeftBehind]) -> list[str]:
    """The report's closing list: a heading counting the entries, then one line each."""
    listed = [f"- {entry}" for entry in entries]
    return [f"Left behind ({len(listed)}):" if listed else "Nothing was left behind.", *listed]


@dataclass(frozen=True)
class ImportReport:
    """What an import did, as printed and kept in import-report.txt; each importer names its other files."""

    source: Path
    content_dir: Path
    posts: int
    drafts: int
    pages: int
    wrote_settings: bool
    left_behind: tuple[LeftBehind, ...]

    def other_files(self) -> str:
        raise NotImplementedError

    def details(self) -> list[str]:
        """Lines an importer adds between the counts and the list of what stayed behind."""
        return []

    def next_steps(self) -> list[str]:
        """What to do now, in order, for the report's closing list."""
        return []

    def __str__(self) -> str:
        lines = [
            f"Imported {self.source} into {self.content_dir}: {self.posts} posts ({self.drafts} of them drafts), "
            f"{self.pages} pages, {self.other_files()}"
            + (f"; wrote {SETTINGS_FILE}." if self.wrote_settings else f"; kept the existing {SETTINGS_FILE}."),
            *self.details(),
            *left_behind_lines(self.left_behind),
        ]
        steps = self.next_steps()
        lines += ["Next steps:", *(f"{number}. {step}" for number, step in enumerate(steps, 1))] if steps else []
        return "\n".join(lines) + "\n"


def write_document(content_dir: Path, file: str | PurePosixPath, frontmatter: dict[str, Any], body: str) -> Path:
    """Write a Markdown document (`file` relative to `content_dir`) with its frontmatter, replacing an earlier
    import's; raises OutsideFolderError for a name leading out of the folder."""
    path = inside(content_dir, file)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = yaml.safe_dump(frontmatter, sort_keys=False, allow_unicode=True) if frontmatter else ""
    path.write_text(f"---\n{header}---\n\n{body}", encoding="utf-8")
    return path


def write_settings(content_dir: Path, heading: str, values: dict[str, Any]) -> bool:
    """Write site.yml from `values` (after a comment line, `heading`) unless the folder has one, which an editor
    may have changed since the last import; whether it was written."""
    settings = inside(content_dir, SETTINGS_FILE)
    if settings.exists():
        return False
    settings.write_text(f"# {heading}\n" + yaml.safe_dump(values, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
    return True


def write_report(content_dir: Path, report: object) -> None:
    """Keep the report, as printed, beside the content folder's site.yml."""
    inside(content_dir, REPORT_FILE).write_text(str(report), encoding="utf-8")
