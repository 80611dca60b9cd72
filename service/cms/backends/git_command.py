"""Running the `git` command for the local backend: argument lists (never a shell), an environment the
service controls (no user or system config, no hooks, no prompts), and failures as exceptions with git's words."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..changes import Author

GIT_TIMEOUT = 120.0  # seconds; a push over a slow link, never an editor waiting forever


class GitFailed(Exception):
    """A git command ended with an error; the message is git's own last line."""

    def __init__(self, arguments: Sequence[str], stderr: str) -> None:
        lines = [line for line in stderr.strip().splitlines() if line.strip()]
        super().__init__(f"git {arguments[0]}: {lines[-1] if lines else 'failed'}")
        self.stderr = stderr


def git_environment(committer: Author) -> dict[str, str]:
    """What git sees of the environment: the path, no configuration but the repository's, no prompt of any
    kind (a push that needs a password fails instead of waiting), and the service as committer."""
    kept = {name: os.environ[name] for name in ("PATH", "SSH_AUTH_SOCK", "HOME") if name in os.environ}
    return {
        **kept,
        "LC_ALL": "C",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ASKPASS": "true",  # answers any credential question with nothing
        "SSH_ASKPASS": "true",
        "GIT_SSH_COMMAND": "ssh -o BatchMode=yes",
        "GIT_EDITOR": "true",
        "GIT_COMMITTER_NAME": committer.name,
        "GIT_COMMITTER_EMAIL": committer.email,
    }


class Git:
    """The git command in one working clone."""

    def __init__(self, repository: Path, committer: Author) -> None:
        self.repository = repository
        self.environment = git_environment(committer)

    def run(self, *arguments: str, check: bool = True, data: bytes | None = None) -> str:
        """Run `git <arguments>` and return its standard output; GitFailed when it fails and `check` is on."""
        completed = self.completed(*arguments, data=data)
        if check and completed.returncode != 0:
            raise GitFailed(arguments, completed.stderr.decode(errors="replace"))
        return completed.stdout.decode(errors="replace")

    def succeeds(self, *arguments: str) -> bool:
        return self.completed(*arguments).returncode == 0

    def output_bytes(self, *arguments: str) -> bytes | None:
        """A command's raw output (a file's bytes), or None when it fails (no such file)."""
        completed = self.completed(*arguments)
        return completed.stdout if completed.returncode == 0 else None

    def completed(self, *arguments: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        command = ["git", "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgSign=false", *arguments]
        return subprocess.run(command, cwd=self.repository, env=self.environment, input=data, capture_output=True,
                              timeout=GIT_TIMEOUT, check=False)
