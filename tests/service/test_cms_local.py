"""The `local` content backend against real repositories: a bare remote and the service's working clone made
with the git command in the test's folder. Saves go through saving.py on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from service.cms.app_state import cms_state
from service.cms.backends import backend_for
from service.cms.backends.local import LocalBackend
from service.cms.changes import Author, BackendUnavailable, Conflict, FileChange, blob_id
from service.cms.models import COMMITTED, CONFLICT, ContentEdit
from service.cms.saving import retry_due, save_changes
from service.cms.store import get_edit, last_saves_by_path, list_edits
from service.cms.worker import WORKER_KEY
from service.config import resolve_settings
from service.db import utcnow
from service.queue import QUEUED, requeue
from tests.service.git_repositories import FIRST_POST, Repositories, git, make_repositories

ALICE = Author("Alice Editor", "alice@example.org")
BOB = Author("Bob Editor", "bob@example.org")
POST = "posts/first.md"
EDITED = FIRST_POST.replace(b"Hello.", b"Hello, edited.")


@pytest.fixture
def repositories(tmp_path: Path) -> Repositories:
    return make_repositories(tmp_path)


def local_config(repositories: Repositories) -> dict[str, object]:
    return {"HERALD_CMS_BACKEND": "local", "HERALD_CMS_REPOSITORY": str(repositories.clone),
            "HERALD_CMS_WORKER": False, "HERALD_CMS_COMMITTER": "Herald Tests <herald@tests.example>"}


@pytest.fixture
def backend(repositories: Repositories) -> LocalBackend:
    made = backend_for(resolve_settings(local_config(repositories), environ={}))
    assert isinstance(made, LocalBackend)
    return made


def test_a_save_is_one_commit_by_the_editor_committed_by_herald_and_pushed(backend, repositories):
    assert backend.blob_id(POST) == blob_id(FIRST_POST)
    assert backend.read(POST) == FIRST_POST
    commit_id = backend.commit([FileChange(POST, EDITED), FileChange("media/photo.png", b"\x89PNG\r\n\x00")],
                               author=ALICE, message="Edit First; add photo.png",
                               expected={POST: blob_id(FIRST_POST), "media/photo.png": None})
    assert git(repositories.remote, "rev-parse", "main").strip() == commit_id
    assert repositories.remote_log()[0] == ("Alice Editor <alice@example.org>|Herald Tests <herald@tests.example>|"
                                            "Edit First; add photo.png")
    assert repositories.remote_file(POST) == EDITED
    assert repositories.remote_file("media/photo.png") == b"\x89PNG\r\n\x00"
    assert backend.read(POST) == EDITED and backend.blob_id(POST) == blob_id(EDITED)


def test_a_delete_and_a_rename_are_commits_too(backend, repositories):
    backend.commit([FileChange(POST, None), FileChange("posts/renamed.md", FIRST_POST)], author=ALICE,
                   message="Rename", expected={POST: blob_id(FIRST_POST), "posts/renamed.md": None})
    assert git(repositories.remote, "ls-tree", "-r", "--name-only", "main").split() == [
        "README.md", "content/posts/renamed.md"]
    assert backend.blob_id(POST) is None and backend.read(POST) is None


def test_a_second_save_from_the_same_version_is_a_conflict_with_the_heads_text(backend, repositories):
    expected = {POST: blob_id(FIRST_POST)}
    backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice's edit", expected=expected)
    with pytest.raises(Conflict) as raised:
        backend.commit([FileChange(POST, b"Bob's text\n")], author=BOB, message="Bob's edit", expected=expected)
    assert raised.value.path == POST and raised.value.head == EDITED
    assert len(repositories.remote_log(f"content/{POST}")) == 2


def test_content_paths_that_leave_the_content_folder_are_refused(backend):
    for path in ("../README.md", "/etc/passwd", "posts/../../x", ".git/config", "posts\\x.md"):
        with pytest.raises(ValueError):
            backend.commit([FileChange(path, b"x")], author=ALICE, message="x", expected={path: None})


def test_the_remote_moved_by_another_clone_is_rebased_onto_and_pushed(backend, repositories):
    theirs = repositories.push_from_other("pages/about.md", b"About us.\n")
    mine = backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice's edit",
                          expected={POST: blob_id(FIRST_POST)})
    assert git(repositories.remote, "rev-parse", "main^").strip() == theirs
    assert git(repositories.remote, "rev-parse", "main").strip() == mine
    backend.refresh()
    assert backend.read("pages/about.md") == b"About us.\n"


def test_the_remote_changing_the_same_file_is_a_conflict_not_an_overwrite(backend, repositories):
    repositories.push_from_other(POST, b"Their text\n")
    with pytest.raises(Conflict) as raised:
        backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice's edit",
                       expected={POST: blob_id(FIRST_POST)})
    assert raised.value.head == b"Their text\n"
    assert repositories.remote_file(POST) == b"Their text\n"


def test_an_unreachable_remote_keeps_the_commit_and_a_retry_pushes_it_once(backend, repositories):
    away = repositories.remote.with_name("away.git")
    repositories.remote.rename(away)
    with pytest.raises(BackendUnavailable, match="cannot be reached"):
        backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice's edit",
                       expected={POST: blob_id(FIRST_POST)})
    with pytest.raises(BackendUnavailable, match="cannot be reached"):
        backend.refresh()
    assert backend.read(POST) == EDITED  # the clone shows the edit committed in it, waiting for its push
    away.rename(repositories.remote)
    commit_id = backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice's edit",
                               expected={POST: blob_id(FIRST_POST)})
    assert repositories.remote_log()[0].endswith("|Alice's edit")
    assert [line for line in repositories.remote_log() if line.endswith("|Alice's edit")] == [repositories.remote_log()[0]]
    assert git(repositories.remote, "rev-parse", "main").strip() == commit_id


def test_git_runs_without_the_users_configuration_or_hooks(backend, repositories, monkeypatch):
    hook = repositories.clone / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Not the editor")
    backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice's edit",
                   expected={POST: blob_id(FIRST_POST)})
    assert repositories.remote_log()[0].startswith("Alice Editor <alice@example.org>|")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def cms_app(make_app, repositories):
    return make_app(**local_config(repositories))


def edits(app) -> list[ContentEdit]:
    with app.extensions["herald_db"].session() as session:
        return list(session.query(ContentEdit).order_by(ContentEdit.id))


def save(app, content: bytes, author: Author = ALICE, clock=None):
    with app.app_context():
        return save_changes(app.extensions["herald_db"], [FileChange(POST, content)], author=author,
                            message=f"Edit by {author.name}", expected={POST: blob_id(FIRST_POST)}, person_id=7,
                            **({"clock": clock} if clock else {}))


def test_save_changes_stores_the_edit_then_commits_it(cms_app, repositories):
    outcome = save(cms_app, EDITED)
    assert outcome.status == COMMITTED and outcome.commit_id == git(repositories.remote, "rev-parse", "main").strip()
    [edit] = edits(cms_app)
    assert (edit.status, edit.commit_id, edit.person_id, edit.author_email) == (
        COMMITTED, outcome.commit_id, 7, "alice@example.org")
    assert [(file.path, file.content, file.expected_blob) for file in edit.files] == [
        (POST, EDITED, blob_id(FIRST_POST))]


def test_the_second_editor_gets_the_difference_and_keeps_the_text(cms_app):
    save(cms_app, EDITED)
    outcome = save(cms_app, b"---\ntitle: First\ndate: 2026-12-01\n---\nBob was here.\n", BOB)
    assert outcome.status == CONFLICT and outcome.conflict is not None
    assert outcome.conflict.path == POST
    assert outcome.conflict.diff.splitlines()[:2] == [f"--- {POST} (on the branch now)", f"+++ {POST} (your version)"]
    assert "-Hello, edited.\n+Bob was here.\n" in outcome.conflict.diff
    second = edits(cms_app)[1]
    assert second.status == CONFLICT and second.files[0].content.endswith(b"Bob was here.\n")
    assert second.conflict_diff == outcome.conflict.diff


def test_an_edit_queued_while_the_remote_is_away_is_retried_with_backoff_and_lands_once(cms_app, repositories):
    clock = Clock()
    away = repositories.remote.with_name("away.git")
    repositories.remote.rename(away)
    outcome = save(cms_app, EDITED, clock=clock)
    assert outcome.status == QUEUED and "cannot be reached" in (outcome.error or "")
    [edit] = edits(cms_app)
    assert edit.next_attempt_at == clock.now + timedelta(seconds=60)
    db, state = cms_app.extensions["herald_db"], None
    with cms_app.app_context():
        state = cms_state()
    assert retry_due(db, state.backend, state.settings.retry, clock=clock) == []  # not due yet
    away.rename(repositories.remote)
    clock.now += timedelta(seconds=61)
    [retried] = retry_due(db, state.backend, state.settings.retry, clock=clock)
    assert (retried.status, retried.attempts) == (COMMITTED, 2)
    assert [line for line in repositories.remote_log() if line.endswith("|Edit by Alice Editor")] == [
        repositories.remote_log()[0]]
    assert retry_due(db, state.backend, state.settings.retry, clock=clock) == []


def test_the_content_cli_shows_and_retries_edits(cms_app, repositories):
    away = repositories.remote.with_name("away.git")
    repositories.remote.rename(away)
    save(cms_app, EDITED)
    runner = cms_app.test_cli_runner()
    status = runner.invoke(args=["content", "status"])
    assert status.exit_code == 0 and "queued" in status.output and POST in status.output
    failed = runner.invoke(args=["content", "retry", "--all"])
    assert failed.exit_code == 1 and "cannot be reached" in failed.output
    away.rename(repositories.remote)
    retried = runner.invoke(args=["content", "retry", "--all"])
    assert retried.exit_code == 0 and "committed" in retried.output
    assert runner.invoke(args=["content", "retry"]).output.strip() == "Nothing was due."


def test_a_queued_commit_that_no_longer_applies_becomes_a_conflict_and_keeps_its_text(cms_app, repositories):
    clock = Clock()
    away = repositories.remote.with_name("away.git")
    repositories.remote.rename(away)
    assert save(cms_app, EDITED, clock=clock).status == QUEUED
    away.rename(repositories.remote)
    repositories.push_from_other(POST, b"Their text\n")
    clock.now += timedelta(minutes=5)
    with cms_app.app_context():
        state = cms_state()
    [retried] = retry_due(cms_app.extensions["herald_db"], state.backend, state.settings.retry, clock=clock)
    assert retried.status == CONFLICT and retried.conflict is not None
    assert "-Their text\n" in retried.conflict.diff and "+Hello, edited.\n" in retried.conflict.diff
    assert repositories.remote_file(POST) == b"Their text\n"
    assert state.backend.read(POST) == b"Their text\n"  # the clone follows the remote again
    assert edits(cms_app)[0].files[0].content == EDITED


def test_a_retry_after_a_lost_push_is_no_conflict_when_attributes_change_line_endings(backend, repositories):
    repositories.push_from_other("../.gitattributes", b"*.md text eol=lf\n", "Line endings")
    backend.refresh()
    crlf = EDITED.replace(b"\n", b"\r\n")  # what a browser's textarea sends
    away = repositories.remote.with_name("away.git")
    repositories.remote.rename(away)
    with pytest.raises(BackendUnavailable):
        backend.commit([FileChange(POST, crlf)], author=ALICE, message="Alice", expected={POST: blob_id(FIRST_POST)})
    away.rename(repositories.remote)
    backend.commit([FileChange(POST, crlf)], author=ALICE, message="Alice", expected={POST: blob_id(FIRST_POST)})
    assert repositories.remote_file(POST) == EDITED


def test_the_background_workers_job_retries_what_is_due(make_app, repositories):
    app = make_app(**{**local_config(repositories), "HERALD_CMS_WORKER": True})
    away = repositories.remote.with_name("away.git")
    repositories.remote.rename(away)
    assert save(app, EDITED).status == QUEUED
    away.rename(repositories.remote)
    worker = app.extensions[WORKER_KEY]
    assert worker.job() == []  # not due for a minute
    with app.extensions["herald_db"].session() as session:
        requeue(session, ContentEdit, None, now=utcnow())
    [outcome] = worker.job()
    assert outcome.status == COMMITTED and edits(app)[0].commit_id == outcome.commit_id


@pytest.mark.parametrize(("changes", "message", "refusal"), [
    ([], "Edit", "at least one file"),
    ([FileChange(POST, EDITED)], " ", "needs a message"),
    ([FileChange(POST, EDITED), FileChange(POST, None)], "Edit", "each path once"),
    ([FileChange("../x.md", EDITED)], "Edit", "inside the content folder"),
])
def test_a_save_that_cannot_be_right_is_refused_before_anything_is_stored(cms_app, changes, message, refusal):
    with cms_app.app_context(), pytest.raises(ValueError, match=refusal):
        save_changes(cms_app.extensions["herald_db"], changes, author=ALICE, message=message, expected={})
    assert edits(cms_app) == []


def test_who_saved_each_file_last_and_what_each_edit_held(cms_app):
    save(cms_app, EDITED)
    conflicted = save(cms_app, b"Bob\n", BOB)
    with cms_app.extensions["herald_db"].session() as session:
        last = last_saves_by_path(session)
        assert {path: edit.author_name for path, edit in last.items()} == {POST: "Alice Editor"}
        assert [edit.status for edit in list_edits(session)] == [CONFLICT, COMMITTED]
        assert [edit.id for edit in list_edits(session, CONFLICT)] == [conflicted.edit_id]
        kept = get_edit(session, conflicted.edit_id)
        assert kept is not None and kept.files[0].content == b"Bob\n"


def test_two_workers_on_one_clone_take_turns(repositories):
    """Two backends on one clone stand for two service processes: only the file lock keeps them apart."""
    config = resolve_settings(local_config(repositories), environ={})
    workers = [backend_for(config), backend_for(config)]
    results: list[str] = []

    def save_page(number: int) -> None:
        worker = workers[number % 2]
        assert worker is not None
        results.append(worker.commit([FileChange(f"pages/page-{number}.md", b"Page %d\n" % number)], author=ALICE,
                                     message=f"Page {number}", expected={f"pages/page-{number}.md": None}))

    threads = [threading.Thread(target=save_page, args=(number,)) for number in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 6
    assert sorted(line.rsplit("|", 1)[1] for line in repositories.remote_log()[:6]) == [f"Page {n}" for n in range(6)]
