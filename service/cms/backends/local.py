"""The `local` backend: a working clone on the service's host. A save is written there, committed with the
editor as author and the service as committer, and pushed to the clone's `origin`.

A push that fails keeps the commit in the clone; the next attempt fetches, puts the clone's unpushed commits on
top of the remote's branch when that moved (a clean rebase), and pushes again. When they no longer apply, the
clone is reset to the remote's branch and each edit is checked again against the new head, so a change made
meanwhile comes back to its editor as a Conflict, never overwritten. Every edit is stored in the database
first (saving.py), so dropping an unpushed commit loses nothing.
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from ..changes import Author, BackendUnavailable, Conflict, FileChange, content_path
from ...config import ConfigError
from ..settings import CmsSettings
from .base import RepositoryLock, read_file
from .git_command import Git, GitFailed
from .git_history import FileHistory

log = logging.getLogger(__name__)
REMOTE = "origin"
ROUNDS = 3  # commit and push again at most this often when the remote moves under a push


class Diverged(Exception):
    """The remote's branch moved and the clone's commits did not apply on top of it."""


class LocalBackend:
    """A working clone of the site's repository, committed in and pushed from by the service."""

    def __init__(self, settings: CmsSettings) -> None:
        assert settings.repository is not None
        self.settings = settings
        self.branch = settings.branch
        self.git = Git(settings.repository, settings.committer)
        try:
            self.worktree = Path(self.git.run("rev-parse", "--show-toplevel").strip())
            git_dir = Path(self.git.run("rev-parse", "--absolute-git-dir").strip())
            self.git.run("remote", "get-url", REMOTE)
        except (GitFailed, OSError) as error:
            raise ConfigError(f"HERALD_CMS_REPOSITORY={settings.repository}: not a working clone with a remote "
                              f"named {REMOTE} ({error})") from error
        self.lock = RepositoryLock(git_dir / "herald-cms.lock")
        self.remote_branch = f"refs/remotes/{REMOTE}/{self.branch}"
        self.history = FileHistory(self.git, self.branch, settings.content_path)

    def content_folder(self) -> Path:
        return self.worktree / self.settings.content_path if self.settings.content_path else self.worktree

    def refresh(self) -> None:
        with self._failures_in_words(), self.lock.held():
            self._checkout()
            if not self._fetch():
                raise BackendUnavailable(f"the remote {REMOTE!r} cannot be reached; the clone shows what it "
                                         "last fetched")
            self._integrate()
            if self._ahead():
                try:
                    self._push()
                except Diverged:
                    pass  # the remote moved again since the fetch: the next refresh or save integrates it

    def blob_id(self, path: str) -> str | None:
        found = self.git.output_bytes("rev-parse", "--verify", "--quiet",
                                      f"{self.branch}:{self.settings.repository_path(content_path(path))}")
        return found.decode().strip() if found else None

    def read(self, path: str) -> bytes | None:
        return read_file(self.content_folder(), content_path(path))

    def commit(self, changes: Sequence[FileChange], *, author: Author, message: str,
               expected: Mapping[str, str | None]) -> str:
        paths = [content_path(change.path) for change in changes]
        with self._failures_in_words(), self.lock.held():
            self._checkout()
            return self._commit_and_push(changes, author=author, message=message, expected=expected, paths=paths)

    @contextlib.contextmanager
    def _failures_in_words(self) -> Iterator[None]:
        """A git command that failed or hung as a failure to retry, in git's own words."""
        try:
            yield
        except GitFailed as error:
            raise BackendUnavailable(f"the site's repository: {error}") from error
        except subprocess.TimeoutExpired as error:
            raise BackendUnavailable(f"git {error.cmd[5]} took longer than {error.timeout:.0f} s") from error

    def _commit_and_push(self, changes: Sequence[FileChange], *, author: Author, message: str,
                         expected: Mapping[str, str | None], paths: list[str]) -> str:
        for _ in range(ROUNDS):
            reachable = self._fetch()
            if reachable:
                self._integrate()
            if not self._already_applied(changes):
                self._check_expected(paths, expected)
                self._write_and_commit(changes, author=author, message=message)
            if not reachable:
                raise BackendUnavailable(f"the remote {REMOTE!r} cannot be reached; the commit is kept in the "
                                         "clone and pushed at the next attempt")
            try:
                self._push()
            except Diverged:
                continue  # the remote moved between our fetch and our push: again, on its new head
            return self._last_commit(paths)
        raise BackendUnavailable(f"the branch {self.branch!r} kept moving during {ROUNDS} attempts to push")

    def _checkout(self) -> None:
        current = self.git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False).strip()
        if current != self.branch:
            self.git.run("checkout", "--quiet", self.branch)

    def _fetch(self) -> bool:
        """Fetch the remote's branch; False when the remote cannot be reached."""
        try:
            self.git.run("fetch", "--quiet", REMOTE, f"+refs/heads/{self.branch}:{self.remote_branch}")
        except GitFailed as error:
            log.warning("content repository: fetch failed (%s)", error)
            return False
        return True

    def _integrate(self) -> None:
        """Bring the remote's new commits into the branch: a fast-forward, or a rebase of the clone's unpushed
        commits; when those do not apply, the branch becomes the remote's (their edits are still queued)."""
        if not self.git.succeeds("rev-parse", "--verify", "--quiet", self.remote_branch):
            return  # a remote without the branch yet: the first push creates it
        if self.git.succeeds("merge-base", "--is-ancestor", self.remote_branch, "HEAD"):
            return
        if self.git.succeeds("merge-base", "--is-ancestor", "HEAD", self.remote_branch):
            self.git.run("merge", "--quiet", "--ff-only", self.remote_branch)
            return
        if not self.git.succeeds("rebase", "--quiet", self.remote_branch):
            self.git.run("rebase", "--abort", check=False)
            log.warning("content repository: unpushed commits conflict with the remote's; they are dropped and "
                        "their edits checked again")
            self.git.run("reset", "--quiet", "--hard", self.remote_branch)

    def _ahead(self) -> bool:
        if not self.git.succeeds("rev-parse", "--verify", "--quiet", self.remote_branch):
            return True
        return self.git.run("rev-list", "--count", f"{self.remote_branch}..HEAD").strip() != "0"

    def _push(self) -> None:
        """Push the branch; Diverged when the remote moved (the next round fetches and rebases), and
        BackendUnavailable when it cannot be reached or refuses for another reason."""
        completed = self.git.completed("push", "--quiet", "--porcelain", REMOTE,
                                       f"refs/heads/{self.branch}:refs/heads/{self.branch}")
        if completed.returncode == 0:
            return
        output = (completed.stdout + completed.stderr).decode(errors="replace")
        if "[rejected]" in output or "non-fast-forward" in output or "fetch first" in output:
            raise Diverged(output)
        raise BackendUnavailable(f"the push to {REMOTE!r} failed ({GitFailed(['push'], output)}); the commit is "
                                 "kept in the clone and pushed at the next attempt")

    def _already_applied(self, changes: Sequence[FileChange]) -> bool:
        return all(self.blob_id(change.path) == self._blob_of(change) for change in changes)

    def _blob_of(self, change: FileChange) -> str | None:
        """The blob id `git add` would give the change's bytes, through the repository's attributes (a
        `.gitattributes` line ending rule turns a CRLF text into an LF blob)."""
        if change.content is None:
            return None
        return self.git.run("hash-object", f"--path={self.settings.repository_path(change.path)}", "--stdin",
                            data=change.content).strip()

    def _check_expected(self, paths: list[str], expected: Mapping[str, str | None]) -> None:
        for path in paths:
            if self.blob_id(path) != expected.get(path):
                raise Conflict(path, self.git.output_bytes(
                    "cat-file", "blob", f"{self.branch}:{self.settings.repository_path(path)}"))

    def _write_and_commit(self, changes: Sequence[FileChange], *, author: Author, message: str) -> None:
        folder = self.content_folder()
        for change in changes:
            target = folder / change.path
            if not target.resolve().is_relative_to(self.worktree.resolve()) or target.is_symlink():
                raise BackendUnavailable(f"{change.path} leads out of the clone through a link; the service "
                                         "writes only files inside it")
            in_repository = self.settings.repository_path(change.path)
            if change.content is None:
                self.git.run("rm", "--quiet", "--cached", "--ignore-unmatch", "--", in_repository)
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(change.content)
            self.git.run("add", "--", in_repository)
        self.git.run("commit", "--quiet", "--no-verify", f"--author={author.signature()}", "-m", message)

    def _last_commit(self, paths: list[str]) -> str:
        repository_paths = [self.settings.repository_path(path) for path in paths]
        return self.git.run("log", "-1", "--format=%H", self.branch, "--", *repository_paths).strip()
