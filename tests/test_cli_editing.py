"""`build.py new page` and `build.py list` through click's test runner, as editors who use git run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from build import main
from herald_site.content import load_site
from tests.site.conftest import ContentFolder


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture
def content(tmp_path: Path) -> ContentFolder:
    return ContentFolder(tmp_path / "content")


def test_new_page_writes_a_draft_page(content: ContentFolder) -> None:
    result = run("new", "page", "Get involved: \"now\"", "--content", content.root)
    assert result.exit_code == 0, result.output
    written = content.root / "pages" / "get-involved-now.md"
    assert f"Wrote {written}" in result.stdout and "draft: true" in written.read_text()
    assert load_site(content.root).find_by_url("/get-involved-now/") is None
    page = load_site(content.root, drafts=True).find_by_url("/get-involved-now/")
    assert page is not None and page.title == 'Get involved: "now"'


def test_new_page_never_overwrites_and_needs_a_usable_title(content: ContentFolder) -> None:
    content.page("about.md", "title: About")
    before = (content.root / "pages" / "about.md").read_bytes()
    taken = run("new", "page", "About", "--content", content.root)
    assert taken.exit_code == 1 and "already exists" in taken.stderr
    assert (content.root / "pages" / "about.md").read_bytes() == before
    empty = run("new", "page", "???", "--content", content.root)
    assert empty.exit_code == 1 and "letters or digits" in empty.stderr


@pytest.fixture
def listed(content: ContentFolder) -> ContentFolder:
    content.post("2024-01-01-old.md", "title: Old news\ndate: 2024-01-01 10:00")
    content.post("2999-01-01-later.md", "title: Later\ndate: 2999-01-01")
    content.post("2024-02-01-wip.md", "title: Work in progress\ndate: 2024-02-01\ndraft: true")
    content.page("about.md", "title: About us")
    return content


def test_list_shows_a_table_of_every_document(listed: ContentFolder) -> None:
    result = run("list", "--content", listed.root)
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["STATE", "DATE", "URL", "TITLE", "FILE"]
    assert [row.split()[0] for row in rows] == ["scheduled", "draft", "published", "published"]
    assert rows[2].split()[1:5] == ["2024-01-01", "10:00", "/2024/01/01/old/", "Old"]
    assert rows[2].endswith("posts/2024-01-01-old.md") and "/about/" in rows[3]


def test_list_filters_by_state_and_prints_json_for_scripts(listed: ContentFolder) -> None:
    result = run("list", "--content", listed.root, "--state", "draft", "--json")
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.stdout)
    assert entry["path"] == "posts/2024-02-01-wip.md" and entry["state"] == "draft"
    assert entry["date"].startswith("2024-02-01T00:00:00") and entry["url"] == "/2024/02/01/wip/"
    assert run("list", "--content", listed.root, "--state", "sent").exit_code == 2  # click names the choices


def test_list_of_a_folder_that_is_no_content_folder(tmp_path: Path) -> None:
    result = run("list", "--content", tmp_path)
    assert result.exit_code == 1 and "site.yml not found" in result.stderr
