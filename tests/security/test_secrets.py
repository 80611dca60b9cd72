"""Secrets the service starts with: at least 32 bytes (a key) or characters (the admin token), else it refuses
to start and says how to make one; the key kept in the instance folder is only ever seen whole."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from service import instance, server
from service.config import ConfigError, resolve_settings

HOW_TO_MAKE_ONE = "secrets.token_urlsafe(32)"


@pytest.mark.parametrize("key", ["", "k", "test-secret-key", "x" * 31, "é" * 15])
def test_a_secret_key_under_32_bytes_is_refused_with_how_to_make_one(key):
    with pytest.raises(ConfigError, match="SECRET_KEY") as refused:
        resolve_settings(None, {"SECRET_KEY": key})
    assert "at least 32" in str(refused.value) and HOW_TO_MAKE_ONE in str(refused.value)


@pytest.mark.parametrize("token", ["t", "test-admin-token-0123456789", "y" * 31])
def test_an_admin_token_under_32_characters_is_refused_with_how_to_make_one(token):
    with pytest.raises(ConfigError, match="HERALD_ADMIN_TOKEN") as refused:
        resolve_settings(None, {"HERALD_ADMIN_TOKEN": token})
    assert "at least 32" in str(refused.value) and HOW_TO_MAKE_ONE in str(refused.value)


def test_32_is_enough_and_no_token_leaves_admin_closed():
    settings = resolve_settings(None, {"SECRET_KEY": "x" * 32, "HERALD_ADMIN_TOKEN": "y" * 32})
    assert (settings["SECRET_KEY"], settings["HERALD_ADMIN_TOKEN"]) == ("x" * 32, "y" * 32)
    assert resolve_settings(None, {"HERALD_ADMIN_TOKEN": ""})["HERALD_ADMIN_TOKEN"] == ""


def test_the_server_refuses_to_start_with_a_short_token_and_says_why(monkeypatch):
    import granian

    monkeypatch.setattr(granian, "Granian", None)  # never reached: calling it would fail the test
    monkeypatch.setenv("HERALD_ADMIN_TOKEN", "admin")
    result = CliRunner().invoke(server.serve, [])
    assert result.exit_code == 1
    assert "HERALD_ADMIN_TOKEN has 5 characters" in result.output and "Traceback" not in result.output


def test_an_empty_key_file_stops_the_start_naming_the_file(tmp_path):
    (tmp_path / instance.KEY_FILE).write_text("")
    with pytest.raises(ConfigError, match=f"{tmp_path / instance.KEY_FILE} holds a key of 0 bytes") as refused:
        instance.instance_secret(tmp_path)
    assert "Delete the file" in str(refused.value)


def test_the_key_file_is_made_once_owner_only_and_kept(tmp_path):
    key = instance.instance_secret(tmp_path / "instance")
    assert len(key) == 64
    assert instance.instance_secret(tmp_path / "instance") == key
    path = tmp_path / "instance" / instance.KEY_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert os.listdir(path.parent) == [instance.KEY_FILE]  # no temporary file left behind


def test_a_key_file_another_process_wrote_first_is_never_replaced(tmp_path):
    path = tmp_path / instance.KEY_FILE
    instance.write_once(path, "first-" * 8)
    instance.write_once(path, "second" * 8)
    assert path.read_text() == "first-" * 8
    assert os.listdir(tmp_path) == [instance.KEY_FILE]


def test_the_key_file_is_on_disk_in_full_before_it_has_its_name(tmp_path, monkeypatch):
    """A process reading the key while another writes it finds no file, never a part of one."""
    path = tmp_path / instance.KEY_FILE
    seen_while_syncing = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        seen_while_syncing.append(path.exists())
        real_fsync(descriptor)

    monkeypatch.setattr(instance.os, "fsync", fsync)
    instance.write_once(path, "k" * 64)
    assert seen_while_syncing[0] is False  # the data was synced under a temporary name
    assert path.read_text() == "k" * 64


def _read_key(folder: str, start: multiprocessing.synchronize.Barrier, keys: multiprocessing.Queue) -> None:
    start.wait()
    keys.put(instance.instance_secret(Path(folder)))


def test_processes_starting_together_all_get_the_same_whole_key(tmp_path):
    context = multiprocessing.get_context("fork")
    start, keys = context.Barrier(6), context.Queue()
    processes = [context.Process(target=_read_key, args=(str(tmp_path), start, keys)) for _ in range(6)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=30)
    assert [process.exitcode for process in processes] == [0] * 6
    found = {keys.get(timeout=5) for _ in processes}
    assert len(found) == 1 and len(found.pop()) == 64
