"""The `github` and `gitlab` content backends against small servers on loopback that answer the documented
endpoints over an in-memory repository and check each request (tests/service/repository_hosts.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from service.cms.app_state import cms_state
from service.cms.backends import backend_for
from service.cms.backends.api_backend import ApiBackend
from service.cms.backends.mirror import Mirror
from service.cms.changes import AccessRefused, Author, BackendUnavailable, Conflict, FileChange, blob_id
from service.cms.models import COMMITTED, CONFLICT
from service.cms.saving import retry_due, save_changes
from service.config import resolve_settings
from service.queue import QUEUED
from tests.service.github_host import GitHubHandler
from tests.service.gitlab_host import GitLabHandler
from tests.service.repository_hosts import (GITHUB_REPOSITORY, GITHUB_TOKEN, GITLAB_PROJECT, GITLAB_TOKEN, Host,
                                            MemoryRepository)

ALICE = Author("Alice Editor", "alice@example.org")
BOB = Author("Bob Editor", "bob@example.org")
POST = "posts/first.md"
FIRST = b"---\ntitle: First\n---\nHello.\n"
EDITED = b"---\ntitle: First\n---\nHello, edited.\n"
PHOTO = bytes(range(256)) * 4  # binary, not UTF-8


@pytest.fixture(params=["github", "gitlab"])
def host(request: pytest.FixtureRequest) -> Iterator[Host]:
    repository = MemoryRepository()
    repository.push({"README.md": b"The site.\n", f"content/{POST}": FIRST, "content/pages/about.md": b"About.\n",
                     "content/site.yml": b"title: Clean Air Now\n", "content/media/old.png": PHOTO},
                    "The site")
    handler = GitHubHandler if request.param == "github" else GitLabHandler
    with Host(handler, repository, request.param) as running:
        yield running
    assert repository.problems == []


def host_config(host: Host, mirror: Path, project: str | None = None) -> dict[str, object]:
    if host.kind == "github":
        specific = {"HERALD_GITHUB_REPOSITORY": project or GITHUB_REPOSITORY, "HERALD_GITHUB_TOKEN": GITHUB_TOKEN,
                    "HERALD_GITHUB_API": host.url}
    else:
        specific = {"HERALD_GITLAB_PROJECT": project or GITLAB_PROJECT, "HERALD_GITLAB_TOKEN": GITLAB_TOKEN,
                    "HERALD_GITLAB_API": f"{host.url}/api/v4"}
    return {"HERALD_CMS_BACKEND": host.kind, "HERALD_CMS_MIRROR": str(mirror), "HERALD_CMS_WORKER": False,
            "HERALD_CMS_COMMITTER": "Herald Tests <herald@tests.example>", **specific}


@pytest.fixture
def backend(host: Host, tmp_path: Path) -> ApiBackend:
    made = backend_for(resolve_settings(host_config(host, tmp_path / "mirror"), environ={}))
    assert isinstance(made, ApiBackend)
    return made


def blob_requests(host: Host) -> list[str]:
    return [line for line in host.repository.requests if "/blobs/" in line and line.startswith("GET")]


def test_the_mirror_holds_the_content_folder_and_fetches_only_what_changed(backend, host):
    backend.refresh()
    folder = backend.content_folder()
    assert sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()) == [
        "media/old.png", "pages/about.md", POST, "site.yml"]
    assert backend.read(POST) == FIRST and backend.blob_id(POST) == blob_id(FIRST)
    assert backend.read("media/old.png") == PHOTO and backend.read("README.md") is None
    fetched = len(blob_requests(host))
    host.repository.push({"content/pages/about.md": b"About us.\n", "content/posts/first.md": None}, "Theirs")
    backend.refresh()
    assert len(blob_requests(host)) == fetched + 1
    assert backend.read("pages/about.md") == b"About us.\n"
    assert backend.read(POST) is None and not (folder / POST).exists()


def test_a_save_of_several_files_is_one_commit_by_the_editor(backend, host):
    before = len(host.repository.log())
    commit_id = backend.commit(
        [FileChange(POST, EDITED), FileChange("media/photo.png", PHOTO[::-1]), FileChange("pages/about.md", None)],
        author=ALICE, message="Edit First; add photo.png; remove About",
        expected={POST: blob_id(FIRST), "media/photo.png": None, "pages/about.md": blob_id(b"About.\n")})
    log = host.repository.log()
    assert len(log) == before + 1 and host.repository.head == commit_id
    assert (log[0].author, log[0].message) == ("Alice Editor <alice@example.org>",
                                               "Edit First; add photo.png; remove About")
    if host.kind == "github":
        assert log[0].committer == "Herald Tests <herald@tests.example>"
    assert host.repository.file(f"content/{POST}") == EDITED
    assert host.repository.file("content/media/photo.png") == PHOTO[::-1]
    assert host.repository.file("content/pages/about.md") is None
    assert backend.read(POST) == EDITED and backend.blob_id("media/photo.png") == blob_id(PHOTO[::-1])


def test_a_stale_version_is_a_conflict_with_the_heads_text(backend, host):
    expected = {POST: blob_id(FIRST)}
    backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice", expected=expected)
    with pytest.raises(Conflict) as raised:
        backend.commit([FileChange(POST, b"Bob's\n")], author=BOB, message="Bob", expected=expected)
    assert (raised.value.path, raised.value.head) == (POST, EDITED)
    assert host.repository.file(f"content/{POST}") == EDITED


def test_a_change_made_while_committing_is_kept_and_ours_lands_on_top(backend, host):
    host.repository.before_branch_moves.append(
        lambda: host.repository.push({"content/pages/about.md": b"Theirs.\n"}, "Theirs"))
    backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice", expected={POST: blob_id(FIRST)})
    assert [commit.message for commit in host.repository.log()[:2]] == ["Alice", "Theirs"]
    assert host.repository.file("content/pages/about.md") == b"Theirs.\n"
    assert host.repository.file(f"content/{POST}") == EDITED


def test_the_same_file_changed_while_committing_is_a_conflict(backend, host):
    host.repository.before_branch_moves.append(
        lambda: host.repository.push({f"content/{POST}": b"Theirs.\n"}, "Theirs"))
    with pytest.raises(Conflict) as raised:
        backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice", expected={POST: blob_id(FIRST)})
    assert raised.value.head == b"Theirs.\n"
    assert host.repository.file(f"content/{POST}") == b"Theirs.\n"


def test_an_unavailable_host_and_a_refused_token_are_said_in_words(backend, host):
    host.repository.fail_next.append(503)
    with pytest.raises(BackendUnavailable, match="unavailable .HTTP 503"):
        backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice", expected={POST: blob_id(FIRST)})
    host.repository.fail_next.append(401)
    with pytest.raises(AccessRefused, match="refused the service's token") as raised:
        backend.refresh()
    assert GITHUB_TOKEN not in str(raised.value) and GITLAB_TOKEN not in str(raised.value)
    assert backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice",
                          expected={POST: blob_id(FIRST)}) == host.repository.head


def test_a_repository_that_is_not_there_is_said_in_words(host, tmp_path):
    backend = backend_for(resolve_settings(host_config(host, tmp_path / "mirror", "cleanair/elsewhere"), environ={}))
    assert backend is not None
    with pytest.raises(BackendUnavailable, match="refused reading the branch .HTTP 404"):
        backend.refresh()
    with pytest.raises(BackendUnavailable, match="refused committing .HTTP 404"):
        backend.commit([FileChange(POST, EDITED)], author=ALICE, message="Alice", expected={POST: blob_id(FIRST)})


def test_the_mirror_writes_nothing_outside_itself(tmp_path):
    mirror = Mirror(tmp_path / "mirror")
    good = b"fine\n"
    mirror.sync({"../escape.md": ("100644", blob_id(good)), "/etc/x": ("100644", blob_id(good)),
                 "posts/link.md": ("120000", blob_id(good)), "posts/ok.md": ("100644", blob_id(good))},
                lambda sha: good)
    assert [str(path.relative_to(tmp_path)) for path in sorted(tmp_path.rglob("*.md"))] == ["mirror/content/posts/ok.md"]
    with pytest.raises(BackendUnavailable, match="did not match"):
        mirror.sync({"posts/other.md": ("100644", blob_id(b"expected"))}, lambda sha: b"something else")


@pytest.fixture
def clock() -> list[datetime]:
    return [datetime(2026, 12, 7, 12, 0, tzinfo=UTC)]


def test_a_save_queued_by_a_503_is_retried_and_lands_once(make_app, host, tmp_path, clock):
    app = make_app(**host_config(host, tmp_path / "mirror"))
    db = app.extensions["herald_db"]
    with app.app_context():
        state = cms_state()
        host.repository.fail_next.append(503)
        outcome = save_changes(db, [FileChange(POST, EDITED)], author=ALICE, message="Alice",
                               expected={POST: blob_id(FIRST)}, clock=lambda: clock[0])
    assert outcome.status == QUEUED and "HTTP 503" in (outcome.error or "")
    clock[0] += timedelta(minutes=2)
    [retried] = retry_due(db, state.backend, state.settings.retry, clock=lambda: clock[0])
    assert retried.status == COMMITTED and retried.commit_id == host.repository.head
    assert [commit.message for commit in host.repository.log()].count("Alice") == 1
    with app.app_context():
        second = save_changes(db, [FileChange(POST, b"Bob\n")], author=BOB, message="Bob",
                              expected={POST: blob_id(FIRST)})
    assert second.status == CONFLICT and second.conflict is not None and "-Hello, edited.\n+Bob\n" in second.conflict.diff
