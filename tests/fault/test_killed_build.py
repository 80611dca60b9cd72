"""A build killed half-way through freezing leaves the previous site exactly as it was, and the next build
still succeeds (the killed build's staging folder does not get in its way or into the published site)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO_ROOT

POSTS = 300
SITE_YML = "title: Fault Site\nurl: https://fault.example.org\nauthor: Fault Tester\ntimezone: UTC\n"


def write_content(root: Path, edition: str) -> Path:
    """A site with POSTS posts; `edition` goes into every post, so two editions build different files."""
    posts = root / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    (root / "site.yml").write_text(SITE_YML)
    for number in range(POSTS):
        day = f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
        (posts / f"{day}-post-{number}.md").write_text(
            f"---\ntitle: Post {number} ({edition})\ntags: [air, tag{number % 20}]\n---\n"
            f"Paragraph {number} of the {edition} edition, with *emphasis* and a [link](https://example.org).\n")
    return root


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the digest of its bytes."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def build_command(content: Path, out: Path) -> list[str]:
    return [sys.executable, "build.py", "build", "--content", str(content), "--out", str(out)]


def run_build(content: Path, out: Path) -> None:
    result = subprocess.run(build_command(content, out), cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def staging_folders(out: Path) -> list[Path]:
    return [path for path in out.parent.iterdir() if path.name.startswith(f".{out.name}.building-")]


def kill_while_freezing(content: Path, out: Path, files_before_kill: int = 100, timeout: float = 120) -> int:
    """Start a build, SIGKILL it once its staging folder holds `files_before_kill` files; the count written."""
    process = subprocess.Popen(build_command(content, out), cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            written = sum(len(list(folder.rglob("*"))) for folder in staging_folders(out))
            if written >= files_before_kill:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
                return written
            assert process.poll() is None, "the build finished before it could be killed; raise POSTS"
            time.sleep(0.02)
        raise AssertionError(f"the build wrote fewer than {files_before_kill} files in {timeout}s")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_build_killed_while_freezing_leaves_the_previous_site_untouched(tmp_path):
    content = tmp_path / "content"
    out = tmp_path / "site" / "build"
    run_build(write_content(content, "first"), out)
    published = snapshot(out)
    assert len(published) > POSTS

    write_content(content, "second")
    written = kill_while_freezing(content, out)
    assert snapshot(out) == published
    print(f"killed build: SIGKILL after {written} staged files; {len(published)} published files unchanged")

    run_build(content, out)
    rebuilt = snapshot(out)
    assert rebuilt.keys() == published.keys()
    assert any("second" in path.read_text() for path in out.rglob("*.html"))
    assert not any(name.startswith(".") for name in rebuilt)
    leftovers = [path.name for path in out.parent.iterdir() if ".building-" in path.name]
    assert leftovers == [], "the next build clears what the killed one left behind"
