"""What a build reports: its summary line and its progress; kept apart from the freezer so that a build with
nothing to do answers without loading Flask."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Progress = Callable[[int, int, str], None]
"""Called after each written file with (files written, files expected, URL)."""


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
