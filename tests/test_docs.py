"""The project's documents stay inside the project and true to its tree.

Nothing tracked may send a reader outside the repository: not to a folder beside the checkout (the team's notes),
not by a relative link or path that climbs above the repository's root, and not to a project document (a
capitalised `NAME.md`) that the repository does not hold. And the maps, docs/architecture.md and README.md,
name only paths that exist, so moving a module without updating them fails here instead of leaving the map
quietly wrong.
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
from functools import cache
from pathlib import Path, PurePosixPath

import pytest

from tests.conftest import REPO_ROOT

# Output kept for comparison, not prose (it quotes the built pages), and this file, which quotes what it forbids.
UNCHECKED = ("tests/golden/", "tests/test_docs.py")
# Where the team's notes live beside the checkout, never part of the project; spelt in two pieces so that this
# file, which must name it, is not itself a pointer there.
NOTES_FOLDER = "../" + "shared"
OUTSIDE_FOLDERS = (NOTES_FOLDER,)
PROJECT_DOCUMENT = re.compile(r"(?<![\w./-])([A-Z][A-Z0-9_-]*\.md)\b")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
BACKTICKED = re.compile(r"`([^`\s]+)`")
MAPS = ("docs/architecture.md", "README.md")
# Paths a map may name although git does not track them: what Herald makes when it runs (ignored by git).
MADE_BY_RUNS = ("bench/work/",)


@cache
def tracked_files() -> tuple[str, ...]:
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True, text=True)
    return tuple(name for name in listing.stdout.split("\0") if name)


def checked_texts() -> dict[str, str]:
    """Every tracked text file outside UNCHECKED, by its path in the repository."""
    texts = {}
    for name in tracked_files():
        if name.startswith(UNCHECKED):
            continue
        try:
            texts[name] = (REPO_ROOT / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):  # binary, or deleted in the working tree
            continue
    return texts


def exists_in_repository(path: str) -> bool:
    """Whether `path` (a file, a folder, or a glob) names something tracked."""
    path = path.rstrip("/")
    if any(mark in path for mark in "*?["):
        return any(fnmatch.fnmatchcase(name, path) for name in tracked_files())
    return path in tracked_files() or any(name.startswith(f"{path}/") for name in tracked_files())


def climbs_out(file: str, target: str) -> bool:
    """Whether `target`, relative to the folder of `file`, leads above the repository's root."""
    depth = len(PurePosixPath(file).parent.parts)
    for part in PurePosixPath(target).parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return True
    return False


def outside_pointers(file: str, text: str) -> list[str]:
    """Where `text`, the content of tracked `file`, sends its reader outside the repository."""
    found = [f"{file}: mentions {folder}" for folder in OUTSIDE_FOLDERS if folder in text]
    held = {PurePosixPath(name).name for name in tracked_files()}
    found += [f"{file}: names {document}, which the repository does not hold"
              for document in dict.fromkeys(PROJECT_DOCUMENT.findall(text))
              if document not in held]
    targets = [link.split("#")[0] for link in MARKDOWN_LINK.findall(text)] if file.endswith(".md") else []
    targets += [path for path in BACKTICKED.findall(text) if path.startswith("../")]
    found += [f"{file}: points at {target}, outside the repository" for target in targets
              if target and "://" not in target and not target.startswith(("/", "mailto:")) and climbs_out(file, target)]
    return found


def named_paths(text: str) -> list[str]:
    """The paths under the repository's own top-level names that `text` puts in backticks."""
    top_level = {name.split("/")[0] for name in tracked_files()}
    return [path for path in dict.fromkeys(BACKTICKED.findall(text))
            if "/" in path and "://" not in path and path.split("/")[0] in top_level]


def test_no_tracked_file_points_outside_the_repository() -> None:
    found = [pointer for file, text in checked_texts().items() for pointer in outside_pointers(file, text)]
    assert not found, "point inside the repository instead (docs/architecture.md is the map):\n" + "\n".join(found)


@pytest.mark.parametrize("document", MAPS)
def test_every_path_a_map_names_exists(document: str) -> None:
    text = (REPO_ROOT / document).read_text(encoding="utf-8")
    named = named_paths(text)
    missing = [path for path in named if not path.startswith(MADE_BY_RUNS) and not exists_in_repository(path)]
    assert named, f"{document} names no path of the repository: is the pattern still right?"
    assert not missing, f"{document} names paths the repository does not have (moved or renamed?): {missing}"


@pytest.mark.parametrize(
    ("file", "text", "complaint"),
    [
        ("README.md", f"See `{NOTES_FOLDER}/DESIGN.md` for the design.", f"mentions {NOTES_FOLDER}"),
        ("site/urls.py", '"""As DESIGN.md says."""', "names DESIGN.md"),
        ("docs/architecture.md", "Read [the guide](../../STYLE.md).", "points at ../../STYLE.md"),
        ("docs/architecture.md", "Kept in `../../notes/map.txt`.", "points at ../../notes/map.txt"),
    ],
)
def test_a_pointer_outside_is_found(file: str, text: str, complaint: str) -> None:
    assert any(complaint in pointer for pointer in outside_pointers(file, text))


@pytest.mark.parametrize(
    ("file", "text"),
    [
        ("docs/architecture.md", "See [README.md](../README.md) and [SECURITY.md](../SECURITY.md#threats)."),
        ("README.md", "Read [the map](docs/architecture.md), `site/urls.py` and https://example.org/../x."),
        ("tests/site/test_checks.py", '"../../../../about/" is a link of the site, not a path of the repository'),
    ],
)
def test_pointers_inside_pass(file: str, text: str) -> None:
    assert outside_pointers(file, text) == []


def test_a_moved_module_is_missing_from_the_map() -> None:
    text = "Read `site/urls.py`, `service/*/openapi.py`, `tests/golden/`, `site/preview.py`, `service/nothing/*.py`."
    named = named_paths(text)
    assert [path for path in named if not exists_in_repository(path)] == ["site/preview.py", "service/nothing/*.py"]
