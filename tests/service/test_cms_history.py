"""The Content list's last change of each document with the `local` backend, read from the clone's git history
in one `git log` (a change made with git directly shows its author), kept until the branch head moves."""

from __future__ import annotations

from datetime import UTC, datetime

from service.cms.backends.git_history import FileCommit
from service.cms.backends.local import LocalBackend
from service.cms.changes import FileChange
from tests.service.git_repositories import Repositories, git
from tests.service.test_cms_local import ALICE, EDITED, POST, backend, repositories  # noqa: F401  (fixtures)


def commit_in_other(repositories: Repositories, path: str, content: bytes, when: str) -> None:
    """A change made with git directly, by "Someone Else", dated `when`, pushed to the remote."""
    target = repositories.other / "content" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    git(repositories.other, "add", "-A")
    git(repositories.other, "commit", "--quiet", f"--date={when}", "-m", "Edited with git")
    git(repositories.other, "push", "--quiet", "origin", "main")


def test_each_files_newest_commit_from_one_log_kept_until_the_head_moves(  # noqa: F811  (fixtures)
        backend: LocalBackend, repositories: Repositories, monkeypatch) -> None:
    commit_in_other(repositories, "pages/about.md", b"---\ntitle: About\n---\nUs.\n", "2026-11-02T10:00:00+01:00")
    backend.refresh()
    logs: list[tuple[str, ...]] = []
    run = backend.git.run

    def counted(*arguments: str, **options: object) -> str:
        if "--name-only" in arguments:
            logs.append(arguments)
        return run(*arguments, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(backend.git, "run", counted)
    commits = backend.history.last_commits()
    assert commits["pages/about.md"] == FileCommit("Someone Else", datetime(2026, 11, 2, 9, tzinfo=UTC))
    assert commits[POST].author == "Someone Else" and set(commits) == {POST, "pages/about.md"}
    assert len(logs) == 1
    assert backend.history.last_commits() == commits and len(logs) == 1  # nothing committed: no log run
    backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Edit", expected={POST: backend.blob_id(POST)})
    assert backend.history.last_commits()[POST].author == "Alice Editor" and len(logs) == 2
    assert backend.history.last_commits()["pages/about.md"].author == "Someone Else"
