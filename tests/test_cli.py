"""build.py through click's test runner: what editors and CI see, including every way it can fail."""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import flask
import pytest
from click.testing import CliRunner, Result
from werkzeug.serving import BaseWSGIServer
from werkzeug.test import Client

from build import main
from herald_site.build.report import BuildSummary
from herald_site.content import load_site
from tests.conftest import REPO_ROOT, SAMPLE_CONTENT, free_port
from tests.site.conftest import ContentFolder, snapshot

SUMMARY = re.compile(r"^Built (\d+) pages and (\d+) feeds \(\d+ files\) into .+ in \d+\.\d\d s$", re.MULTILINE)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture
def content(tmp_path: Path) -> ContentFolder:
    return ContentFolder(tmp_path / "content")


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """The sample content in a folder the test may break."""
    return Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content"))


def test_build_writes_the_site_and_summarises(tmp_path: Path) -> None:
    result = run("build", "--content", SAMPLE_CONTENT, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    found = SUMMARY.search(result.stdout)
    assert found and int(found[1]) == len(list((tmp_path / "out").rglob("*.html")))
    assert (tmp_path / "out" / "index.html").is_file()
    assert "Freezing" in result.stderr


def test_build_keeps_its_cache_where_asked_and_rebuilds_from_it(sample_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "somewhere" / "cache"
    first = run("build", "--content", sample_copy, "--out", tmp_path / "out", "--cache", cache, "--jobs", "2")
    again = run("build", "--content", sample_copy, "--out", tmp_path / "out", "--cache", cache)

    assert first.exit_code == again.exit_code == 0, first.output + again.output
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"  # git never sees the cache
    assert re.search(r"; 0 rendered, (\d+) kept from the previous build\)", again.stdout), again.stdout
    assert not (tmp_path / ".herald-cache").exists()


def test_build_without_a_cache_leaves_none(sample_copy: Path, tmp_path: Path) -> None:
    result = run("build", "--content", sample_copy, "--out", tmp_path / "out", "--no-cache")

    assert result.exit_code == 0, result.output
    assert SUMMARY.search(result.stdout)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content", "out"]
    assert run("build", "--content", sample_copy, "--no-cache", "--cache", tmp_path / "c").exit_code == 2


def test_build_base_url_and_drafts(tmp_path: Path) -> None:
    result = run("build", "--content", SAMPLE_CONTENT, "--out", tmp_path / "out", "--drafts",
                 "--base-url", "https://preview.example.net/")
    assert result.exit_code == 0, result.output
    feed = (tmp_path / "out" / "feed.xml").read_text()
    assert "<link>https://preview.example.net/</link>" in feed and "letter-to-the-council" in feed


def test_a_failed_build_names_the_file_and_line_and_keeps_the_previous_output(
    sample_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("build", "--content", sample_copy, "--out", out).exit_code == 0
    before = snapshot(out)
    (sample_copy / "posts" / "broken.md").write_text("---\ntitle: Broken\ndate: someday\n---\nText.\n")

    result = run("build", "--content", sample_copy, "--out", out)

    assert result.exit_code == 1
    assert re.search(r"posts/broken\.md:3: .*date", result.stderr), result.stderr
    assert "Traceback" not in result.output
    assert snapshot(out) == before
    # No staging folder is left behind; the build cache beside the content stays for the next build.
    assert sorted(path.name for path in tmp_path.iterdir()) == [".herald-cache", "content", "out"]


def add_missing_image(content_dir: Path) -> None:
    (content_dir / "posts" / "pictured.md").write_text(
        "---\ntitle: Pictured\ndate: 2024-01-01\n---\n\n![A chart](/media/no-such-chart.png)\n"
    )


def test_a_failed_build_reports_the_warnings_it_found_too(sample_copy: Path, tmp_path: Path) -> None:
    add_missing_image(sample_copy)
    (sample_copy / "posts" / "broken.md").write_text("---\ntitle: Broken\ndate: someday\n---\nText.\n")

    result = run("build", "--content", sample_copy, "--out", tmp_path / "out")

    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(re.search(r"posts/broken\.md:3: .*date", line) for line in lines), lines
    assert any(re.search(r"posts/pictured\.md:\d+: warning: .*no-such-chart\.png", line) for line in lines), lines
    assert lines[-1] == "1 error, 1 warning; nothing was written."


def test_a_build_failing_while_freezing_reports_the_warnings_too(sample_copy: Path, tmp_path: Path) -> None:
    add_missing_image(sample_copy)
    (sample_copy / "media" / "icon.png").write_bytes(b"not a PNG")  # found only when the icon is drawn

    result = run("build", "--content", sample_copy, "--out", tmp_path / "out")

    assert result.exit_code == 1
    [warning, error] = result.stderr.splitlines()[-2:]
    assert re.search(r"posts/pictured\.md:\d+: warning: .*no-such-chart\.png", warning), result.stderr
    assert error.startswith("Error: ") and "icon.png is not an image" in error


def test_build_warns_and_strict_refuses(sample_copy: Path, tmp_path: Path) -> None:
    add_missing_image(sample_copy)
    lenient = run("build", "--content", sample_copy, "--out", tmp_path / "out")
    assert lenient.exit_code == 0, lenient.output
    assert re.search(r"posts/pictured\.md:\d+: warning: .*no-such-chart\.png", lenient.stderr)

    strict = run("build", "--content", sample_copy, "--out", tmp_path / "strict-out", "--strict")
    assert strict.exit_code == 1
    assert re.search(r"posts/pictured\.md:\d+: .*no-such-chart\.png", strict.stderr)
    assert not (tmp_path / "strict-out").exists()


def test_check_passes_on_the_sample() -> None:
    result = run("check", "--content", SAMPLE_CONTENT)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == "0 errors, 0 warnings.\n"


def test_check_lists_every_problem_and_fails(content: ContentFolder) -> None:
    content.post("no-title.md", "date: 2024-01-01")
    content.post("bad-date.md", "title: Bad\ndate: not a date")
    result = run("check", "--content", content.root)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(re.match(r".*posts/no-title\.md:\d+: .*title", line) for line in lines), lines
    assert any(re.match(r".*posts/bad-date\.md:3: .*date", line) for line in lines), lines


def test_check_strict_turns_warnings_into_errors(content: ContentFolder) -> None:
    add_missing_image(content.root)
    assert run("check", "--content", content.root).exit_code == 0
    strict = run("check", "--content", content.root, "--strict")
    assert strict.exit_code == 1 and "no-such-chart.png" in strict.stdout
    assert strict.stderr == "1 error, 0 warnings.\n"


def test_new_post_writes_a_dated_draft(content: ContentFolder) -> None:
    result = run("new", "post", "Clean air: a \"first\" look", "--content", content.root)
    assert result.exit_code == 0, result.output
    [written] = content.root.glob("posts/*-clean-air-a-first-look.md")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-clean-air-a-first-look\.md", written.name)
    frontmatter = written.read_text()
    assert re.search(r"^date: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", frontmatter, re.MULTILINE)
    assert "tags: []" in frontmatter and "draft: true" in frontmatter

    [post] = load_site(content.root, drafts=True).posts
    assert post.title == 'Clean air: a "first" look' and post.draft
    assert post.date.strftime("%Y-%m-%d") == written.name[:10]
    assert load_site(content.root).posts == []


def test_new_post_never_overwrites(content: ContentFolder) -> None:
    assert run("new", "post", "Same title", "--content", content.root).exit_code == 0
    [written] = content.root.glob("posts/*-same-title.md")
    written.write_text(written.read_text() + "\nThe editor's words.\n")
    before = written.read_bytes()
    result = run("new", "post", "Same title", "--content", content.root)
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert written.read_bytes() == before


def test_new_post_needs_a_usable_title(content: ContentFolder) -> None:
    result = run("new", "post", "!!!", "--content", content.root)
    assert result.exit_code == 1 and "letters or digits" in result.stderr


def test_serve_runs_a_server_that_shows_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    started: dict[str, object] = {}

    def run_once(app: flask.Flask, **options: object) -> None:  # asked while serving: its cache closes after
        started.update(options, draft=app.test_client().get("/2026/11/01/letter-to-the-council/").status_code)

    monkeypatch.setattr(flask.Flask, "run", run_once)
    port = free_port()
    result = run("serve", "--content", SAMPLE_CONTENT, "--port", port)
    assert result.exit_code == 0, result.output
    assert (started["host"], started["port"]) == ("127.0.0.1", port)
    assert started["draft"] == 200


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A loopback port another program listens on."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def assert_says_the_port_is_busy(result: Result, port: int) -> None:
    assert result.exit_code == 1
    assert f"Port {port} on 127.0.0.1 is busy" in result.stderr and f"--port {port + 1}" in result.stderr
    assert "Traceback" not in result.output


@pytest.fixture
def demo_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's service keeps its database and key in tmp_path, not in the working tree."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("SECRET_KEY", "a-demo-key-for-tests-only-0123456789abcdef")


@pytest.mark.usefixtures("demo_service")
def test_demo_on_a_busy_port_says_so_before_building_or_showing_a_token(busy_port: int, tmp_path: Path) -> None:
    result = run("demo", "--content", SAMPLE_CONTENT, "--out", tmp_path / "out", "--port", busy_port)

    assert_says_the_port_is_busy(result, busy_port)
    assert "token" not in result.output
    assert not (tmp_path / "out").exists()


def test_demo_with_a_short_admin_token_says_so_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERALD_ADMIN_TOKEN", "too-short")
    result = run("demo", "--content", SAMPLE_CONTENT, "--out", tmp_path / "out", "--port", free_port())

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("Error: HERALD_ADMIN_TOKEN") and "32" in result.stderr
    assert not (tmp_path / "out").exists()


def test_serve_on_a_busy_port_names_the_option(busy_port: int) -> None:
    assert_says_the_port_is_busy(run("serve", "--content", SAMPLE_CONTENT, "--port", busy_port), busy_port)


def test_serve_on_an_unknown_host_names_the_options() -> None:
    result = run("serve", "--content", SAMPLE_CONTENT, "--host", "nowhere.invalid")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("Error: Cannot listen on nowhere.invalid port 8000 (")
    assert result.stderr.endswith("); check --host and --port.\n")


@pytest.mark.usefixtures("demo_service")
def test_demo_shows_the_builds_warnings_but_not_the_development_server_warning(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    add_missing_image(sample_copy)
    served: list[tuple[str, int]] = []

    def serve_once(server: BaseWSGIServer, *args: object) -> None:
        served.append(server.server_address)
        server.server_close()  # as Werkzeug's does when interrupted

    monkeypatch.setattr(BaseWSGIServer, "serve_forever", serve_once)
    port = free_port()

    result = run("demo", "--content", sample_copy, "--out", tmp_path / "out", "--port", port)

    assert result.exit_code == 0, result.output
    assert served == [("127.0.0.1", port)]
    assert re.search(r"posts/pictured\.md:\d+: warning: .*no-such-chart\.png", result.stderr), result.stderr
    assert SUMMARY.search(result.stdout) and "sign in with the token" in result.stdout
    assert "development server" not in result.output + caplog.text


@pytest.mark.usefixtures("demo_service")
def test_the_demos_service_pages_wear_the_shell_its_build_wrote(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_yml = sample_copy / "site.yml"
    site_yml.write_text(site_yml.read_text().replace("{title: Board, url: /board/}", "{title: Forum, url: /board/}"))
    pages: list[str] = []

    def serve_once(server: BaseWSGIServer, *args: object) -> None:
        pages.append(Client(server.app).get("/board/threads/").get_data(as_text=True))
        server.server_close()

    monkeypatch.setattr(BaseWSGIServer, "serve_forever", serve_once)
    port = free_port()
    result = run("demo", "--content", sample_copy, "--out", tmp_path / "out", "--port", port)

    assert result.exit_code == 0, result.output
    [page] = pages
    assert "<title>Board · Clean Air Now</title>" in page
    assert f'<li><a href="http://127.0.0.1:{port}/board/">Forum</a></li>' in page  # this content's nav


def readme_summary_example() -> str:
    found = re.search(r'\("(Built .+?)"\)', (REPO_ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    assert found, "README.md quotes no summary line"
    return " ".join(found[1].split())  # as one line, however the README wraps it


def test_the_readmes_example_summary_is_what_a_build_of_the_sample_prints(tmp_path: Path) -> None:
    example = re.fullmatch(r"Built (\d+) pages and (\d+) feeds \((\d+) files\) into (\S+) in ([\d.]+) s",
                           readme_summary_example())
    assert example, readme_summary_example()
    result = run("build", "--content", SAMPLE_CONTENT, "--out", tmp_path / "out", "--no-cache")
    built = re.search(r"^Built (\d+) pages and (\d+) feeds \((\d+) files\)", result.stdout, re.MULTILINE)
    assert built and example.groups()[:3] == built.groups(), result.stdout
    pages, feeds, files, out, seconds = example.groups()
    assert str(BuildSummary(int(pages), int(feeds), int(files), float(seconds), Path(out))) == example[0]
    assert Path(out).is_absolute()  # the summary names the folder it wrote, wherever the build ran
