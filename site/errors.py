"""Herald's own failures, which every phase may raise and build.py turns into a message without a traceback.

Content problems have their own types (`herald_site.content.ContentError`, `ContentProblems`), which name the
file and line to fix. These two name what else to change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herald_site.content.model import Problem


class BuildError(Exception):
    """The site could not be built; the message says which file or URL failed and what to change.

    `warnings` are those the content had, which the failed build still reports.
    """

    def __init__(self, message: str, warnings: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.warnings = tuple(warnings)


class CommandError(Exception):
    """A command could not do its job (a busy port, a bad option); the message says what to change."""
