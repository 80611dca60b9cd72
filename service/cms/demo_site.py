"""`build.py demo`'s site repository and host, so the demo shows the whole content manager with no set-up.

The repository is made once, beside the demo's output folder: a bare repository standing for the site's host
(GitHub, GitLab) and a working clone the service's `local` backend commits in and pushes from, seeded with a copy
of the content folder. Later runs reuse it, keeping what editors saved. The site is built from the clone, and
built again after each commit the service lands (`signals.content_committed`), as a push makes the host build it.

Only `build.py demo` imports this module: it is the demo's wiring, not a part of the running service.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from flask import Flask

from herald_site.content import ContentError, ContentProblems
from herald_site.content.settings import CONFIG_FILE
from herald_site.errors import BuildError, CommandError

from ..signals import content_committed
from .app_state import STATE_KEY, CmsState
from .backends.git_command import Git, GitFailed
from .changes import Author

FOLDER_NAME = "demo-site"  # beside the output folder
BRANCH = "main"
CONTENT_PATH = "content"  # the content folder inside the repository, as in Herald's own
SEEDER = Author("Herald demo", "demo@herald.invalid")  # the first commit's author and committer
KNOWN_FAILURES = (ContentProblems, ContentError, BuildError, CommandError)  # their messages say what to fix


@dataclass(frozen=True)
class DemoRepository:
    """The demo's repositories in `folder`; `created` when this run made them, else an earlier run did."""

    folder: Path
    created: bool

    @property
    def remote(self) -> Path:
        """The bare repository standing for the site's host."""
        return self.folder / "origin.git"

    @property
    def clone(self) -> Path:
        """The working clone the service commits in."""
        return self.folder / "clone"

    @property
    def content(self) -> Path:
        """The clone's content folder, which the demo builds."""
        return self.clone / CONTENT_PATH

    @property
    def cache(self) -> Path:
        """The build cache, kept between the demo's builds and out of the clone."""
        return self.folder / "cache"

    def service_settings(self) -> dict[str, str]:
        """The service's content manager: the `local` backend on the clone."""
        return {"HERALD_CMS_BACKEND": "local", "HERALD_CMS_REPOSITORY": str(self.clone),
                "HERALD_CMS_BRANCH": BRANCH, "HERALD_CMS_CONTENT_PATH": CONTENT_PATH}


def demo_repository(out_dir: Path, content_dir: Path) -> DemoRepository:
    """The demo's repository beside `out_dir`: the one an earlier run made, else a new one holding a copy of
    `content_dir` in one commit. It appears whole or not at all, so an interrupted first run is simply redone."""
    folder = out_dir.resolve().parent / FOLDER_NAME
    if folder.exists():
        return DemoRepository(folder, created=False)
    if not (content_dir / CONFIG_FILE).is_file():
        raise CommandError(f"--content {content_dir} holds no {CONFIG_FILE}: give the folder of a Herald site, "
                           "such as content")
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{FOLDER_NAME}-", dir=folder.parent))
    try:
        _seed(DemoRepository(partial, created=True), content_dir, final_remote=folder / "origin.git")
        partial.rename(folder)
    except (GitFailed, OSError) as error:
        if folder.exists():
            return DemoRepository(folder, created=False)  # another demo made it at the same moment
        raise CommandError(f"Could not make the demo's site repository in {folder}: {error} (the demo needs the "
                           "git command)") from error
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return DemoRepository(folder, created=True)


def _seed(repository: DemoRepository, content_dir: Path, *, final_remote: Path) -> None:
    """Commit a copy of the content in a new clone, push it to a new bare remote, and point the clone's `origin`
    at where that remote will be once the folder is in place."""
    shutil.copytree(content_dir, repository.content, ignore=shutil.ignore_patterns(".git"))
    clone = Git(repository.clone, SEEDER)
    clone.run("init", "--quiet", f"--initial-branch={BRANCH}")
    clone.run("add", "--all")
    clone.run("commit", "--quiet", "--no-verify", f"--author={SEEDER.signature()}", "-m",
              f"The demo site, copied from {content_dir.resolve()}")
    clone.run("init", "--quiet", "--bare", f"--initial-branch={BRANCH}", str(repository.remote))
    clone.run("push", "--quiet", str(repository.remote), BRANCH)
    clone.run("remote", "add", "origin", str(final_remote))
    clone.run("update-ref", f"refs/remotes/origin/{BRANCH}", "HEAD")
    clone.run("branch", "--quiet", f"--set-upstream-to=origin/{BRANCH}")


class SiteRebuilder:
    """Builds the site again in a background thread when asked: one build at a time, and the asks that come
    during a build are answered together by one more build after it. A failed build is reported and leaves the
    published site as it was (the pipeline replaces the output folder only when a build succeeds)."""

    def __init__(self, build: Callable[[], object], clock: Callable[[], float] = time.monotonic) -> None:
        self._build = build
        self._clock = clock
        self._changed = threading.Condition()
        self._asked: list[str] = []
        self._building = False
        self._thread: threading.Thread | None = None

    def request(self, reason: str) -> None:
        """Rebuild soon, because of `reason` (a commit's subject)."""
        with self._changed:
            self._asked.append(reason)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="herald-demo-rebuild", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def wait_until_idle(self, timeout: float) -> bool:
        """Wait until every rebuild asked for has run; False when `timeout` seconds passed first."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._asked and not self._building, timeout)

    def on_commit(self, sender: object, *, message: str, **data: Any) -> None:
        """`content_committed`'s receiver: rebuild after the commit (never raises into the save)."""
        self.request(message.strip().splitlines()[0] if message.strip() else "a commit")

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: bool(self._asked))
                reasons, self._asked = self._asked, []
                self._building = True
            try:
                self._rebuild(reasons)
            finally:
                with self._changed:
                    self._building = False
                    self._changed.notify_all()

    def _rebuild(self, reasons: Sequence[str]) -> None:
        after = " and ".join(f'"{reason}"' for reason in reasons)
        started = self._clock()
        try:
            self._build()
        except KNOWN_FAILURES as error:
            click.echo(f"The rebuild after {after} failed; the site stays as it was.\n{error}", err=True)
            return
        except Exception:  # a fault in Herald itself: its traceback, and the thread lives on for the next commit
            click.echo(f"The rebuild after {after} failed; the site stays as it was.\n{traceback.format_exc()}",
                       err=True)
            return
        click.echo(f"Rebuilt after {after} in {self._clock() - started:.1f} s")


def rebuild_after_commits(app: Flask, build: Callable[[], object]) -> SiteRebuilder:
    """Run `build` in the background after each commit `app`'s content backend lands, as a push makes the
    site's host build it."""
    state: CmsState = app.extensions[STATE_KEY]
    rebuilder = SiteRebuilder(build)
    content_committed.connect(rebuilder.on_commit, sender=state.backend, weak=False)
    return rebuilder
