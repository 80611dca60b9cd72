"""Which Herald the build bench measures: the working tree, or any commit exported beside it.

Measuring a commit keeps a baseline steady while Herald's code changes, and lets two commits be compared in
one run. The commit is exported with `git archive` (the checkout is never touched) and put first on
PYTHONPATH through a folder whose `herald_site` points at its `site/`, ahead of the editable install.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from bench.paths import REPO_ROOT

HERALD_PATHS = ("site", "service", "build.py")


@dataclass(frozen=True)
class HeraldSource:
    """A Herald tree to build with, the environment that makes Python import it, and how to name it."""

    root: Path
    env: dict[str, str] | None
    label: str


def _git(*arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout


def working_tree() -> HeraldSource:
    """The checkout as it is, labelled with its commit and whether Herald's files differ from it."""
    commit = _git("rev-parse", "--short", "HEAD").strip()
    changed = _git("status", "--porcelain", "--", *HERALD_PATHS).strip()
    return HeraldSource(REPO_ROOT, None, f"{commit} with uncommitted changes" if changed else commit)


def exported(revision: str, work_dir: Path) -> HeraldSource:
    """Herald's files at `revision`, exported once under work_dir/herald-<commit>/."""
    commit = _git("rev-parse", "--short", f"{revision}^{{commit}}").strip()
    root = work_dir / f"herald-{commit}"
    shim = root / ".imports"
    if not (shim / "herald_site").exists():
        archive = subprocess.run(["git", "archive", commit, *HERALD_PATHS], cwd=REPO_ROOT, capture_output=True,
                                 check=True).stdout
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(root, filter="data")
        shim.mkdir(exist_ok=True)
        (shim / "herald_site").symlink_to(root / "site", target_is_directory=True)
    search_path = os.pathsep.join([str(shim), str(root), str(REPO_ROOT)])
    return HeraldSource(root, {**os.environ, "PYTHONPATH": search_path}, commit)
