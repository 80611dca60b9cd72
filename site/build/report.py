"""What a build reports: its summary line, its failure, its progress; kept apart from the freezer so that a
build with nothing to do answers without loading Flask."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herald_site.content.model import Problem

Progress = Callable[[int, int, str], None]
"""Called after each written file with (files written, files expected, URL)."""


class BuildError(Exception):
    """The site could not be frozen; the message says which URL failed and what to change.

    `warnings` are those the content had, which the failed build still reports.
    """

    def __init__(self, message: str, warnings: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.warnings = tuple(warnings)


def _counted(number: int, noun: str) -> str:
    """A number with its noun, singular or plural: 1 error, 2 errors."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def tally(problems: Sequence[Problem]) -> str:
    """How many errors and warnings: "1 error, 2 warnings"."""
    errors = sum(problem.is_error for problem in problems)
    return f"{_counted(errors, 'error')}, {_counted(len(problems) - errors, 'warning')}"


@dataclass(frozen=True)
class BuildSummary:
    """What a build wrote, for the CLI's last line and for tests."""

    pages: int  # HTML files
    feeds: int  # RSS and Atom files
    files: int  # everything written, including the above, media and theme files
    seconds: float
    out_dir: Path
    kept: int = 0  # files kept from the previous build because nothing they show changed

    def __str__(self) -> str:
        reuse = f"; {self.files - self.kept} rendered, {self.kept} kept from the previous build" if self.kept else ""
        return (
            f"Built {self.pages} pages and {self.feeds} feeds ({self.files} files{reuse}) "
            f"into {self.out_dir} in {self.seconds:.2f} s"
        )
