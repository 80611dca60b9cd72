"""Real git repositories for the content backends' tests: a bare remote, a clone for the service, and another
clone standing for someone else pushing meanwhile, all in the test's own folder."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TEST_GIT = ["git", "-c", "user.name=Someone Else", "-c", "user.email=else@example.org", "-c", "init.defaultBranch=main",
            "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgSign=false"]
FIRST_POST = b"---\ntitle: First\ndate: 2026-12-01\n---\nHello.\n"


def git(folder: Path, *arguments: str) -> str:
    """Run git in `folder` as a person would, with no user configuration read."""
    completed = subprocess.run([*TEST_GIT, *arguments], cwd=folder, capture_output=True, check=True,
                               env={"PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
                                    "HOME": str(folder)})
    return completed.stdout.decode()


@dataclass
class Repositories:
    remote: Path  # the bare repository, as the site's host has it
    clone: Path  # the service's working clone
    other: Path  # another person's clone

    def push_from_other(self, path: str, content: bytes, message: str = "Someone else's change") -> str:
        """Commit `content` at content/`path` in the other clone and push it: the remote's branch moves."""
        git(self.other, "pull", "--quiet", "--ff-only")
        target = self.other / "content" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        git(self.other, "add", "-A")
        git(self.other, "commit", "--quiet", "-m", message)
        git(self.other, "push", "--quiet", "origin", "main")
        return git(self.other, "rev-parse", "HEAD").strip()

    def remote_log(self, *paths: str) -> list[str]:
        """The remote branch's commits as `author|committer|subject`, newest first."""
        out = git(self.remote, "log", "--format=%an <%ae>|%cn <%ce>|%s", "main", "--", *paths)
        return out.splitlines()

    def remote_file(self, path: str) -> bytes:
        return subprocess.run(["git", "show", f"main:content/{path}"], cwd=self.remote, capture_output=True,
                              check=True).stdout


def make_repositories(folder: Path, content_dir: Path | None = None) -> Repositories:
    """A bare remote holding one post (or a copy of the site in `content_dir`), cloned twice."""
    remote, seed = folder / "remote.git", folder / "seed"
    remote.mkdir()
    git(remote, "init", "--quiet", "--bare", "-b", "main")
    seed.mkdir()
    git(seed, "init", "--quiet", "-b", "main")
    if content_dir is not None:
        shutil.copytree(content_dir, seed / "content")
    else:
        (seed / "content" / "posts").mkdir(parents=True)
        (seed / "content" / "posts" / "first.md").write_bytes(FIRST_POST)
    (seed / "README.md").write_text("The site.\n")
    git(seed, "add", "-A")
    git(seed, "commit", "--quiet", "-m", "The site")
    git(seed, "push", "--quiet", str(remote), "main")
    for name in ("clone", "other"):
        git(folder, "clone", "--quiet", str(remote), name)
    return Repositories(remote, folder / "clone", folder / "other")
