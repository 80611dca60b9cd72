"""`serve`'s live reload without a browser: the watcher's looks (made by the test, one `check` at a time), the
version pages wait on, the script and the problems banner in served pages, and none of it in a build's app.

The thread is tested by waiting on the version with a generous timeout, never by sleeping."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from herald_site import create_app
from herald_site.web.live.reload import (
    LIVE_PATH, SCRIPT_PATH, STYLESHEET_PATH, Versions, compile_templates_once, enable_live_reload,
)
from herald_site.content.walk import scan_content
from herald_site.web.live import watcher as watcher_module
from herald_site.web.live.watcher import Watcher
from herald_site.web.served_index import EXTENSION_KEY
from tests.site.conftest import ContentFolder

GENEROUS = 30.0  # seconds: a wait that only a broken watcher exhausts


def wait_until(versions: Versions, condition: Callable[[], bool]) -> None:
    """Wait, change after change, until `condition` holds: a save may be seen half written first (an empty
    file for a moment), which moves the version too."""
    deadline = time.monotonic() + GENEROUS
    while True:
        seen = versions.current  # before the look: a change in between then wakes the wait at once
        if condition():
            return
        assert time.monotonic() < deadline, "the change never showed"
        versions.wait_past(seen, deadline - time.monotonic())


def live_app(
    content: ContentFolder, herald_folder: Path, report: list[str], notified: bool = True
) -> tuple[Flask, Watcher]:
    app = create_app(content.root, drafts=True, watch=True)
    watcher = Watcher(app.extensions[EXTENSION_KEY], enable_live_reload(app), report=report.append,
                      forget_templates=compile_templates_once(app), herald_folders=[herald_folder], notified=notified)
    return app, watcher


def page(app: Flask, path: str = "/2024/01/01/hello/") -> str:
    return app.test_client().get(path).get_data(as_text=True)


def test_a_saved_post_is_loaded_and_moves_the_version(content: ContentFolder, tmp_path: Path) -> None:
    post = content.post("hello.md", "title: Hello\ndate: 2024-01-01", "First words.\n")
    app, watcher = live_app(content, tmp_path, [])
    before = watcher.versions.current
    assert not watcher.check()  # nothing saved yet

    post.write_text(post.read_text() + "Second words.\n")

    assert watcher.check()
    assert watcher.versions.current != before
    assert "Second words." in page(app)
    assert not watcher.check()


def test_a_broken_save_keeps_the_last_good_page_with_its_problem(content: ContentFolder, tmp_path: Path) -> None:
    post = content.post("hello.md", "title: Hello\ndate: 2024-01-01", "First words.\n")
    report: list[str] = []
    app, watcher = live_app(content, tmp_path, report)

    good = post.read_text()
    post.write_text(good.replace("date: 2024-01-01", "date: someday") + "Broken words.\n")
    assert watcher.check()

    shown = page(app)
    assert "First words." in shown and "Broken words." not in shown  # the last version that loaded
    assert 'class="herald-live-problems" role="alert"' in shown
    assert "hello.md:3: " in shown and "someday" in shown  # the file, the line and the message
    assert any("hello.md:3: " in line for line in report)  # and in the terminal
    assert report[-1].startswith("The content has 1 error")

    post.write_text(good + "Fixed words.\n")
    assert watcher.check()

    shown = page(app)
    assert "Fixed words." in shown and "herald-live-problems" not in shown
    assert report[-1] == "The content loads again."


def test_content_broken_from_the_start_shows_its_problems_until_fixed(content: ContentFolder, tmp_path: Path) -> None:
    post = content.post("hello.md", "title: Hello\ndate: someday", "First words.\n")
    app, watcher = live_app(content, tmp_path, [])

    broken = app.test_client().get("/")
    assert broken.status_code == 500 and SCRIPT_PATH in broken.get_data(as_text=True)  # it reloads when fixed

    post.write_text(post.read_text().replace("someday", "2024-01-01"))
    assert watcher.check()
    assert "First words." in page(app)


def test_a_change_to_heralds_own_files_reloads_the_pages(content: ContentFolder, tmp_path: Path) -> None:
    content.post("hello.md", "title: Hello\ndate: 2024-01-01")
    template = tmp_path / "base.html"
    template.write_text("one")
    _, watcher = live_app(content, tmp_path, [])

    template.write_text("one and two")

    assert watcher.check()


def test_a_theme_template_saved_in_the_content_reloads_the_pages(content: ContentFolder, tmp_path: Path) -> None:
    content.post("hello.md", "title: Hello\ndate: 2024-01-01")
    app, watcher = live_app(content, tmp_path / "herald", [])
    assert "Themed" not in page(app)  # Herald's post.html, compiled and kept

    override = content.raw("theme/templates/blog/post.html", '{% extends "herald/blog/post.html" %}\n'
                           "{% block content %}<p>Themed.</p>{{ super() }}{% endblock %}\n")
    assert watcher.check()
    assert "<p>Themed.</p>" in page(app)

    override.write_text(override.read_text().replace("Themed.", "Themed again, longer."))
    assert watcher.check()
    assert "<p>Themed again, longer.</p>" in page(app)

    override.unlink()
    assert watcher.check()
    assert "Themed" not in page(app)


def test_served_pages_carry_the_script_and_a_build_app_does_not(content: ContentFolder, tmp_path: Path) -> None:
    content.post("hello.md", "title: Hello\ndate: 2024-01-01")
    app, watcher = live_app(content, tmp_path, [])

    shown = page(app)
    assert f'<script src="{SCRIPT_PATH}" data-version="{watcher.versions.current}" defer></script></body>' in shown
    assert f'<link rel="stylesheet" href="{STYLESHEET_PATH}">' in shown
    with app.test_client().get(SCRIPT_PATH) as script:
        assert script.status_code == 200 and b"location.reload()" in script.data
        assert "no-cache" in script.headers["Cache-Control"]  # a saved file shows at the next reload
    assert SCRIPT_PATH not in page(create_app(content.root))  # what a build freezes
    shell = page(app, "/_herald/shell.html")  # the service's pages wrap it, on the service's own origin
    assert "</body>" in shell and SCRIPT_PATH not in shell


def test_the_long_poll_answers_at_once_for_a_page_of_an_older_version(content: ContentFolder, tmp_path: Path) -> None:
    content.post("hello.md", "title: Hello\ndate: 2024-01-01")
    app, watcher = live_app(content, tmp_path, [])

    answer = app.test_client().get(f"{LIVE_PATH}?version=an-older-one")

    assert answer.get_json() == {"version": watcher.versions.current}
    assert "no-store" in answer.headers["Cache-Control"]


def test_a_waiting_page_wakes_when_the_version_moves() -> None:
    versions = Versions()
    seen = versions.current
    answers: list[str] = []
    waiting = threading.Thread(target=lambda: answers.append(versions.wait_past(seen, GENEROUS)))
    waiting.start()

    moved = versions.advance()
    waiting.join(GENEROUS)

    assert answers == [moved] and moved != seen


@pytest.mark.parametrize("notified", [True, False], ids=["notified", "polling"])
def test_the_watcher_thread_notices_a_save(content: ContentFolder, tmp_path: Path, notified: bool) -> None:
    post = content.post("hello.md", "title: Hello\ndate: 2024-01-01", "First words.\n")
    template = tmp_path / "base.html"
    template.write_text("Herald's own.")
    app, watcher = live_app(content, tmp_path, [], notified=notified)
    before = watcher.versions.current
    watcher.start()
    try:
        post.write_text(post.read_text() + "Second words.\n")
        wait_until(watcher.versions, lambda: "Second words." in page(app))
        seen = watcher.versions.current
        template.write_text("Herald's own, saved.")  # Herald's own folders are watched too
        wait_until(watcher.versions, lambda: watcher.versions.current != seen)
    finally:
        watcher.stop()
    assert watcher.versions.current != before


def test_the_watcher_is_notified_unless_told_to_poll(content: ContentFolder, tmp_path: Path) -> None:
    content.post("hello.md", "title: Hello\ndate: 2024-01-01", "First words.\n")
    assert live_app(content, tmp_path, [])[1].notified
    assert not live_app(content, tmp_path, [], notified=False)[1].notified


def test_a_reported_save_is_looked_at_alone_and_lists_as_a_walk_would(content: ContentFolder, tmp_path: Path) -> None:
    post = content.post("hello.md", "title: Hello\ndate: 2024-01-01", "First words.\n")
    content.post("other.md", "title: Other\ndate: 2024-01-02")
    app, watcher = live_app(content, tmp_path, [])
    assert not watcher.check()  # the first look walks the folder

    post.write_text(post.read_text() + "Second words.\n")

    assert watcher.check({str(post), str(tmp_path / "base.html")})  # Herald's own files are looked at apart
    assert watcher.files == scan_content(content.root)
    assert "Second words." in page(app)


@pytest.mark.parametrize("change", ["added", "deleted", "linked"])
def test_a_reported_change_a_restamp_cannot_show_walks_the_folder(
    content: ContentFolder, tmp_path: Path, change: str
) -> None:
    post = content.post("hello.md", "title: Hello\ndate: 2024-01-01", "First words.\n")
    original = content.raw("drafts/linked.md", "---\ntitle: Linked\ndate: 2024-01-03\n---\nLinked words.\n")
    (content.root / "posts" / "linked.md").symlink_to(original)
    app, watcher = live_app(content, tmp_path, [])
    watcher.check()
    if change == "added":
        saved = content.post("new.md", "title: New\ndate: 2024-01-02", "New words.\n")
    elif change == "deleted":
        post.unlink()
        saved = post
    else:  # saved under the path it has in the folder, listed under the link's too
        original.write_text(original.read_text() + "Edited through the link.\n")
        saved = original

    assert watcher.check({str(saved)})
    assert watcher.files == scan_content(content.root)


def test_a_save_reported_by_its_absolute_path_in_a_folder_given_relative_is_restamped(
    content: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = content.post("hello.md", "title: Hello\ndate: 2024-01-01", "First words.\n")
    monkeypatch.chdir(content.root.parent)
    app = create_app(Path(content.root.name), drafts=True, watch=True)  # as `build.py serve` gets it: "content"
    watcher = Watcher(app.extensions[EXTENSION_KEY], enable_live_reload(app), report=[].append,
                      forget_templates=compile_templates_once(app), herald_folders=[tmp_path / "herald"],
                      notified=True)
    walks: list[Path] = []
    monkeypatch.setattr(watcher_module, "scan_content", lambda root: walks.append(root) or scan_content(root))
    post.write_text(post.read_text() + "Second words.\n")

    assert watcher.check({str(post.resolve())})  # the system names files by their absolute path
    assert walks == []
    assert watcher.files == scan_content(Path(content.root.name))
    assert "Second words." in page(app)
