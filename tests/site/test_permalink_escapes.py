"""A permalink can only name a page of this site: a value that leads out of the output folder, or to another
host, is a content error at the line of its key, found by `check` and `build` before anything is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from build import main
from herald_site.content import check_site, load_site
from tests.site.conftest import ContentFolder

ESCAPING = [
    pytest.param("../../somewhere", "'..' part", id="dot-dot"),
    pytest.param("/news/../../../somewhere/", "'..' part", id="dot-dot-inside"),
    pytest.param("./here/", "'.' part", id="dot"),
    pytest.param("/a/./b/", "'.' part", id="dot-inside"),
    pytest.param("/%2e%2e/%2E%2E/somewhere/", "'..' part", id="encoded-dots"),
    pytest.param("/..%2f..%2fsomewhere/", "'..' part", id="encoded-slash"),
    pytest.param("/%252e%252e/somewhere/", "'..' part", id="encoded-twice"),
    pytest.param(r"'..\..\somewhere'", "backslash", id="backslash"),
    pytest.param("/a%5c..%5cb/", "backslash", id="encoded-backslash"),
    pytest.param(r'"/a\0b/"', "U+0000", id="nul"),
    pytest.param("/a%00b/", "U+0000", id="encoded-nul"),
    pytest.param("https://elsewhere.example/page/", "full URL", id="absolute-url"),
    pytest.param("file:///etc/passwd", "full URL", id="file-url"),
]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.mark.parametrize(("kind", "before"), [("post", "date: 2024-01-02\ntags: [air]\n"), ("page", "")])
@pytest.mark.parametrize("key", ["permalink", "path"])
@pytest.mark.parametrize(("written", "reason"), ESCAPING)
def test_a_permalink_leading_out_of_the_site_is_an_error_at_its_line(
    content: ContentFolder, kind: str, before: str, key: str, written: str, reason: str
) -> None:
    write = content.post if kind == "post" else content.page
    write("a.md", f"title: A\n{before}{key}: {written}")

    problems = check_site(content.root)

    line = 3 + before.count("\n")
    assert [(p.line, p.field, p.severity) for p in problems] == [(line, key, "error")], problems
    assert problems[0].message.startswith(f"`{key}` "), problems
    assert reason in problems[0].message, problems


@pytest.mark.parametrize(
    ("written", "url"),
    [("/campaigns/2024/join/", "/campaigns/2024/join/"), ("a.b/c..d/...x", "/a.b/c..d/...x/"),
     ("/café/", "/café/"), ("/100%25-clean/", "/100%25-clean/"), ("/mailto:air/", "/mailto:air/")],
)
def test_dots_and_escapes_inside_a_name_are_fine(content: ContentFolder, written: str, url: str) -> None:
    content.page("a.md", f"title: A\npermalink: {written}")
    assert check_site(content.root) == []
    assert [page.url_path for page in load_site(content.root).pages] == [url]


def test_check_reports_the_file_and_line(content: ContentFolder) -> None:
    content.post("evil.md", "title: Evil\ndate: 2024-01-02\npermalink: ../../somewhere")

    result = run("check", "--content", content.root)

    assert result.exit_code == 1
    assert re.search(r"posts/evil\.md:4: `permalink` '\.\./\.\./somewhere' has a '\.\.' part", result.stdout)


def test_build_writes_nothing_anywhere(content: ContentFolder, tmp_path: Path) -> None:
    """The reported escape: the build wrote somewhere/index.html two folders above the output's staging folder
    and listed /../../somewhere/ in the sitemap."""
    content.post("evil.md", "title: Evil\ndate: 2024-01-02\npermalink: ../../somewhere")
    out = tmp_path / "deep" / "down" / "out"

    result = run("build", "--content", content.root, "--out", out, "--no-cache")

    assert result.exit_code == 1
    assert re.search(r"posts/evil\.md:4: `permalink`", result.stderr), result.stderr
    assert "nothing was written" in result.stderr
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_dir()) == [
        "content", "content/media", "content/pages", "content/posts",
    ]
