"""`build.py demo` shows the whole content manager with no set-up: a site repository of its own (a bare remote and
a working clone, made once and reused), saves that land as commits there, and the site built again after each
commit, a failed build leaving the last good site in place."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from flask import Flask
from werkzeug.serving import BaseWSGIServer
from werkzeug.test import Client

import service
from build import main
from herald_site.content import ContentError
from herald_site.errors import CommandError
from service.cms import demo_site
from service.cms.app_state import required_cms_state
from service.cms.changes import Author, FileChange
from service.cms.demo_site import SiteRebuilder, demo_repository
from service.cms.models import COMMITTED
from service.cms.saving import SaveOutcome, save_changes
from service.db import database
from tests.conftest import SAMPLE_CONTENT, free_port

ABOUT = "pages/about.md"
EDITOR = Author("Ada Editor", "ada@example.org")
WAIT = 120.0  # seconds; generous for a loaded machine, never reached when the demo works


def git(repository: Path, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=repository, capture_output=True, check=True,
                          env={"PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
                               "HOME": str(repository)}).stdout.decode()


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content"))


def test_the_demo_repository_is_made_once_from_the_content_and_then_reused(sample_copy: Path, tmp_path: Path) -> None:
    made = demo_repository(tmp_path / "out", sample_copy)

    assert made.created and made.folder == tmp_path / "demo-site"
    assert (made.content / ABOUT).read_bytes() == (sample_copy / ABOUT).read_bytes()
    assert git(made.clone, "log", "--format=%an <%ae>|%cn|%s").splitlines() == [
        f"Herald demo <demo@herald.invalid>|Herald demo|The demo site, copied from {sample_copy}"]
    assert git(made.clone, "remote", "get-url", "origin").strip() == str(made.remote)
    assert git(made.remote, "rev-parse", "main") == git(made.clone, "rev-parse", "HEAD")
    assert git(made.clone, "status", "--porcelain", "--branch").strip() == "## main...origin/main"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []  # no half-made folder

    (sample_copy / ABOUT).write_text("Changed after the demo was made.\n")
    again = demo_repository(tmp_path / "out", sample_copy)

    assert not again.created and again.folder == made.folder
    assert (again.content / ABOUT).read_bytes() == (SAMPLE_CONTENT / ABOUT).read_bytes()
    assert len(git(again.clone, "log", "--format=%H").splitlines()) == 1


def test_a_folder_without_site_yml_makes_no_demo_repository(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match=r"--content .*empty holds no site\.yml"):
        demo_repository(tmp_path / "out", tmp_path / "empty")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty"]


def test_without_git_the_demo_says_so_and_leaves_nothing_behind(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    with pytest.raises(CommandError, match=r"Could not make the demo's site repository in .*demo-site: .*git command"):
        demo_repository(tmp_path / "out", sample_copy)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content"]


class Demo:
    """What a `build.py demo` run made, caught as it is made: its service and its rebuilder."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.service: Flask | None = None
        self.rebuilder: SiteRebuilder | None = None
        make_service, connect = service.create_app, demo_site.rebuild_after_commits

        def caught_service(config: dict[str, Any]) -> Flask:
            self.service = make_service(config)
            return self.service

        def caught_rebuilder(app: Flask, build: Callable[[], object]) -> SiteRebuilder:
            self.rebuilder = connect(app, build)
            return self.rebuilder

        monkeypatch.setattr(service, "create_app", caught_service)
        monkeypatch.setattr(demo_site, "rebuild_after_commits", caught_rebuilder)

    def save(self, path: str, text: str, message: str) -> SaveOutcome:
        """Save through the demo's service as the dashboard does, then wait for the rebuild after it."""
        assert self.service is not None and self.rebuilder is not None
        with self.service.app_context():
            expected = {path: required_cms_state().backend.blob_id(path)}
            outcome = save_changes(database(), [FileChange(path, text.encode())], author=EDITOR, message=message,
                                   expected=expected)
        assert self.rebuilder.wait_until_idle(WAIT), "the rebuild did not finish"
        return outcome


def run_demo(sample_copy: Path, out: Path, during: Callable[[Client], None]) -> Result:
    """Run `build.py demo`, calling `during` with a client of its server in place of serving until Ctrl+C."""

    def serve_once(server: BaseWSGIServer, *args: object) -> None:
        try:
            during(Client(server.app))
        finally:
            server.server_close()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseWSGIServer, "serve_forever", serve_once)
        return CliRunner().invoke(main, ["demo", "--content", str(sample_copy), "--out", str(out),
                                         "--port", str(free_port())])


@pytest.fixture
def demo_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's service keeps its database and key in tmp_path, not in the working tree."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("SECRET_KEY", "a-demo-key-for-tests-only-0123456789abcdef")
    monkeypatch.delenv("HERALD_SMTP_URL", raising=False)


@pytest.fixture
def demo(demo_service: None, monkeypatch: pytest.MonkeyPatch) -> Demo:
    return Demo(monkeypatch)


def test_a_save_in_the_demo_is_a_commit_pushed_and_the_site_is_rebuilt_with_it(
    demo: Demo, sample_copy: Path, tmp_path: Path
) -> None:
    about = (sample_copy / ABOUT).read_text()
    seen: dict[str, str] = {}

    def edit_and_look(client: Client) -> None:
        seen["before"] = client.get("/about/").get_data(as_text=True)
        outcome = demo.save(ABOUT, about.replace("volunteer campaign", "volunteer-run campaign"), "Say who runs it")
        assert outcome.status == COMMITTED
        seen["after"] = client.get("/about/").get_data(as_text=True)
        broken = demo.save("posts/broken.md", "---\ntitle: Broken\ndate: not a date\n---\nText.\n", "Break the site")
        assert broken.status == COMMITTED  # the dashboard checks before saving; the storage commits what it is given
        seen["after failure"] = client.get("/about/").get_data(as_text=True)

    out = tmp_path / "out"
    result = run_demo(sample_copy, out, edit_and_look)

    assert result.exit_code == 0, result.output
    assert "volunteer campaign" in seen["before"] and "volunteer-run campaign" not in seen["before"]
    assert "volunteer-run campaign" in seen["after"]
    assert seen["after failure"] == seen["after"]
    assert re.search(r'^Rebuilt after "Say who runs it" in \d+\.\d s$', result.stdout, re.MULTILINE), result.stdout
    assert 'The rebuild after "Break the site" failed; the site stays as it was.' in result.stderr
    assert "posts/broken.md" in result.stderr and "Traceback" not in result.stderr
    clone, remote = tmp_path / "demo-site" / "clone", tmp_path / "demo-site" / "origin.git"
    log = ["Ada Editor <ada@example.org>|Break the site", "Ada Editor <ada@example.org>|Say who runs it",
           "Herald demo <demo@herald.invalid>|The demo site, copied from " + str(sample_copy)]
    assert git(clone, "log", "--format=%an <%ae>|%s").splitlines() == log
    assert git(remote, "log", "--format=%an <%ae>|%s", "main").splitlines() == log
    assert "volunteer-run campaign" in (out / "about" / "index.html").read_text()


def test_the_demo_says_what_it_offers_and_a_second_run_shows_what_was_saved(
    demo: Demo, sample_copy: Path, tmp_path: Path
) -> None:
    about = (sample_copy / ABOUT).read_text()
    first = run_demo(sample_copy, tmp_path / "out", lambda client: demo.save(
        ABOUT, about.replace("Clean Air Now is", "Clean Air Now, saved in the dashboard, is"), "Edit About"))
    pages: list[str] = []
    second = run_demo(sample_copy, tmp_path / "out",
                      lambda client: pages.append(client.get("/about/").get_data(as_text=True)))

    assert first.exit_code == second.exit_code == 0, first.output + second.output
    clone = tmp_path / "demo-site" / "clone"
    for said in (first.stdout, second.stdout):
        assert re.search(r"Admin dashboard at http://127\.0\.0\.1:\d+/admin/ \(sign in with the token \S+\)", said)
        assert "People you invite get their sign-in link printed here (no mail server in the demo)." in said
        assert f"The site's git repository: {clone} (pushing to {clone.parent / 'origin.git'}" in said
        assert f"see the commits with: git -C {clone} log" in said
    assert f"made now from a copy of {sample_copy}." in first.stdout
    assert f"kept from an earlier run; to start afresh from {sample_copy}, stop the demo and delete " \
           f"{clone.parent}." in second.stdout
    assert "Clean Air Now, saved in the dashboard, is" in pages[0]


def test_a_rebuild_asked_for_during_one_runs_once_after_it_for_every_ask() -> None:
    started, release = threading.Event(), threading.Event()
    builds: list[int] = []

    def build() -> None:
        builds.append(len(builds))
        started.set()
        assert release.wait(WAIT)

    ticks = iter(range(100))
    rebuilder = SiteRebuilder(build, clock=lambda: float(next(ticks)))
    rebuilder.request("First")
    assert started.wait(WAIT)
    rebuilder.request("Second")
    rebuilder.request("Third")
    assert not rebuilder.wait_until_idle(0)
    release.set()

    assert rebuilder.wait_until_idle(WAIT)
    assert builds == [0, 1]


def test_a_failed_rebuild_is_reported_and_the_next_commit_rebuilds(capsys: pytest.CaptureFixture[str]) -> None:
    failures: list[Exception] = [ContentError(Path("site.yml"), 2, "the title is missing"), ZeroDivisionError("a fault")]

    def build() -> None:
        if failures:
            raise failures.pop(0)

    ticks = iter([0.0, 1.0, 2.0, 4.5])
    rebuilder = SiteRebuilder(build, clock=lambda: next(ticks))
    for message in ("Drop the title", "Divide", "Put it back\n\nA longer description."):
        rebuilder.on_commit(object(), message=message, commit_id="0" * 40)
        assert rebuilder.wait_until_idle(WAIT)

    said = capsys.readouterr()
    assert said.out == 'Rebuilt after "Put it back" in 2.5 s\n'
    assert 'The rebuild after "Drop the title" failed; the site stays as it was.\nsite.yml:2: the title is missing' \
        in said.err
    assert 'The rebuild after "Divide" failed' in said.err and "Traceback" in said.err
    assert "ZeroDivisionError: a fault" in said.err
