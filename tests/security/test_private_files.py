"""The instance folder and the SQLite files (visitors' email addresses) are created for their owner's eyes only."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from service import create_app, db
from tests.conftest import SECRET_KEY


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most systems start services with, which alone would leave files readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_the_instance_folder_is_made_owner_only(tmp_path):
    app = Flask("instance-test", instance_path=str(tmp_path / "instance"))
    url = db.default_database_url(app)
    assert url.endswith(f"{tmp_path / 'instance' / 'herald.db'}")
    assert mode(tmp_path / "instance") == 0o700


def test_a_new_sqlite_database_and_its_journal_files_are_owner_only(tmp_path):
    database = tmp_path / "herald.db"
    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": SECRET_KEY,
                      "HERALD_CONTACT_WORKER": False})
    response = app.test_client().post("/api/comments", json={"page": "/", "author": "Ada", "body": "Hello"})
    assert response.status_code == 201
    files = sorted(tmp_path.glob("herald.db*"))
    assert {path.name for path in files} >= {"herald.db", "herald.db-wal", "herald.db-shm"}
    assert {path.name: mode(path) for path in files} == {path.name: 0o600 for path in files}
    app.extensions["herald_db"].engine.dispose()


def test_an_existing_database_file_is_left_as_its_owner_set_it(tmp_path):
    database = tmp_path / "herald.db"
    database.touch(mode=0o640)
    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": SECRET_KEY,
                      "HERALD_CONTACT_WORKER": False})
    assert mode(database) == 0o640
    app.extensions["herald_db"].engine.dispose()
