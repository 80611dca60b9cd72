"""`signals.content_committed`: sent once for each save whose commit landed, with the app's content backend as
sender (a retried save lands in the worker's thread, outside any app context), never for a conflict or a queued
save. `build.py demo` rebuilds its site on it. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from service.cms.app_state import CmsState, cms_state
from service.cms.changes import Author, FileChange, blob_id
from service.cms.models import COMMITTED, CONFLICT
from service.cms.saving import retry_due, save_changes
from service.db import utcnow
from service.queue import QUEUED
from service.signals import content_committed
from tests.service.git_repositories import FIRST_POST, Repositories, git, make_repositories

ALICE = Author("Alice Editor", "alice@example.org")
POST = "posts/first.md"


@pytest.fixture
def repositories(tmp_path: Path) -> Repositories:
    return make_repositories(tmp_path)


@pytest.fixture
def cms_app(make_app, repositories: Repositories) -> Flask:
    return make_app(HERALD_CMS_BACKEND="local", HERALD_CMS_REPOSITORY=str(repositories.clone),
                    HERALD_CMS_WORKER=False)


@contextmanager
def heard(app: Flask) -> Iterator[list[dict[str, Any]]]:
    """What `content_committed` says about `app`'s backend while the block runs."""
    said: list[dict[str, Any]] = []
    backend = cms_state_of(app).backend

    def receiver(sender: object, **data: Any) -> None:
        said.append({"sender": sender, **data})

    with content_committed.connected_to(receiver, sender=backend):
        yield said


def cms_state_of(app: Flask) -> CmsState:
    with app.app_context():
        state = cms_state()
    assert state is not None
    return state


def save(app: Flask, content: bytes, expected: str | None, message: str = "Edit First", clock=utcnow):
    with app.app_context():
        return save_changes(app.extensions["herald_db"], [FileChange(POST, content)], author=ALICE,
                            message=message, expected={POST: expected}, clock=clock)


def test_a_landed_commit_is_announced_once_with_the_backend_as_sender(cms_app, repositories):
    with heard(cms_app) as said:
        outcome = save(cms_app, b"Edited.\n", blob_id(FIRST_POST))

    assert outcome.status == COMMITTED
    assert said == [{"sender": cms_state_of(cms_app).backend, "commit_id": outcome.commit_id,
                     "message": "Edit First", "paths": [POST], "author": ALICE}]
    assert git(repositories.remote, "rev-parse", "main").strip() == outcome.commit_id


def test_a_conflict_or_a_queued_save_is_not_announced_and_a_retry_that_lands_is(cms_app, repositories):
    now = [datetime(2026, 12, 7, 12, 0, tzinfo=UTC)]
    away = repositories.remote.with_name("away.git")
    with heard(cms_app) as said:
        conflict = save(cms_app, b"Mine.\n", None)  # the file exists: expecting none is a conflict
        repositories.remote.rename(away)
        queued = save(cms_app, b"Edited.\n", blob_id(FIRST_POST), message="While the host was away",
                      clock=lambda: now[0])
        assert (conflict.status, queued.status, said) == (CONFLICT, QUEUED, [])

        away.rename(repositories.remote)
        now[0] += timedelta(hours=1)
        state = cms_state_of(cms_app)
        [retried] = retry_due(cms_app.extensions["herald_db"], state.backend, state.settings.retry,
                              clock=lambda: now[0])

    assert retried.status == COMMITTED
    assert [(item["message"], item["commit_id"]) for item in said] == [("While the host was away", retried.commit_id)]
