"""A link in content/ is published only when it leads to a file inside content/; a link leading out of it (to
/proc/self/environ, to the service's instance/secret_key) is a content error naming the link, and is never
followed: not by `check`, a build, a rebuild from the cache, or the development server."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from build import main
from herald_site import create_app
from herald_site.content import ContentProblems, check_site, load_site
from tests.site.conftest import ContentFolder, snapshot

SECRET = "SECRET-KEY-7f3a9c0e5b"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the content holding secrets, as the service's instance/ folder does."""
    folder = tmp_path / "instance"
    folder.mkdir()
    (folder / "secret_key").write_text(SECRET)
    (folder / "leak.md").write_text(f"---\ntitle: {SECRET}\ndate: 2024-01-02\n---\n{SECRET}\n")
    (folder / "site.yml").write_text(f"title: {SECRET}\nurl: https://test.example.org\n")
    return folder


def link(content: ContentFolder, name: str, target: Path) -> Path:
    path = content.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    return path


LINKS_OUT: list[tuple[str, Callable[[Path], Path]]] = [
    ("media/secret_key", lambda outside: outside / "secret_key"),
    ("media/environ", lambda outside: Path("/proc/self/environ")),
    ("media/instance", lambda outside: outside),
    ("posts/leak.md", lambda outside: outside / "leak.md"),
    ("pages/leak.md", lambda outside: outside / "leak.md"),
    ("posts/more", lambda outside: outside),
    ("instance", lambda outside: outside),
    ("site.yml", lambda outside: outside / "site.yml"),
    ("media/broken", lambda outside: outside / "not-there-yet"),
]


@pytest.mark.parametrize(("name", "target"), LINKS_OUT, ids=[name for name, _ in LINKS_OUT])
def test_a_link_out_of_the_content_folder_is_an_error_naming_it(
    content: ContentFolder, outside: Path, name: str, target: Callable[[Path], Path]
) -> None:
    if name == "site.yml":
        (content.root / "site.yml").unlink()
    path = link(content, name, target(outside))

    problems = check_site(content.root)

    assert [(p.path, p.line, p.severity) for p in problems] == [(path, None, "error")], problems
    assert "outside the content folder" in problems[0].message
    with pytest.raises(ContentProblems) as caught:
        load_site(content.root)
    assert SECRET not in str(caught.value)


def test_a_chain_of_links_is_followed_to_its_end(content: ContentFolder, outside: Path) -> None:
    hop = link(content, "media/hop", outside / "secret_key")
    chain = link(content, "media/chain.png", hop)
    problems = check_site(content.root)
    assert [p.path for p in problems] == [chain, hop]


def test_links_inside_the_content_folder_are_published_as_their_targets(
    content: ContentFolder, tmp_path: Path
) -> None:
    """Editors link a shared picture under a second name, or keep a post once for two folders."""
    content.media("banner.png", b"banner bytes")
    link(content, "media/alias.png", Path("banner.png"))
    content.raw("shared/2024-01-02-shared.md", "---\ntitle: Shared\n---\nShared text.\n")
    link(content, "posts/2024-01-02-shared.md", content.root / "shared" / "2024-01-02-shared.md")

    result = run("build", "--content", content.root, "--out", tmp_path / "out", "--no-cache")

    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "media" / "alias.png").read_bytes() == b"banner bytes"
    assert "Shared text." in (tmp_path / "out" / "2024" / "01" / "02" / "shared" / "index.html").read_text()


@pytest.mark.parametrize("cache", ["--no-cache", "--cache"], ids=["full-build", "rebuild"])
def test_a_folder_linked_inside_media_is_published_with_its_files(
    content: ContentFolder, tmp_path: Path, cache: str
) -> None:
    """The link check follows a linked folder, so the build publishes what is in it: a page linking one of its
    pictures would otherwise pass the check and lead visitors to a 404."""
    content.raw("shared/charts/ozone.svg", "<svg/>")
    link(content, "media/charts", content.root / "shared" / "charts")
    content.post("2024-01-02-ozone.md", "title: Ozone", "See ![the chart](/media/charts/ozone.svg).\n")
    options = ["--no-cache"] if cache == "--no-cache" else ["--cache", tmp_path / "cache"]

    result = run("build", "--content", content.root, "--out", tmp_path / "out", *options)

    assert result.exit_code == 0 and "warning" not in result.output, result.output
    assert (tmp_path / "out" / "media" / "charts" / "ozone.svg").read_text() == "<svg/>"
    if cache == "--cache":  # a rebuild keeps it, as what its signature covers did not change
        again = run("build", "--content", content.root, "--out", tmp_path / "out", *options)
        assert again.exit_code == 0 and (tmp_path / "out" / "media" / "charts" / "ozone.svg").is_file()


@pytest.mark.parametrize("cache", [True, False], ids=["rebuild", "full-build"])
@pytest.mark.parametrize(("name", "target"), LINKS_OUT[:5], ids=[name for name, _ in LINKS_OUT[:5]])
def test_a_build_refuses_a_link_out_and_keeps_the_previous_output(
    content: ContentFolder, outside: Path, tmp_path: Path, name: str, target: Callable[[Path], Path], cache: bool
) -> None:
    content.post("2024-01-02-hello.md", "title: Hello\ndate: 2024-01-02")
    out = tmp_path / "out"
    options = ["--cache", tmp_path / "cache"] if cache else ["--no-cache"]
    assert run("build", "--content", content.root, "--out", out, *options).exit_code == 0
    before = snapshot(out)
    link(content, name, target(outside))

    result = run("build", "--content", content.root, "--out", out, *options)

    assert result.exit_code == 1
    assert re.search(rf"{re.escape(name)}: a link to .*, outside the content folder", result.stderr), result.stderr
    assert SECRET not in result.output
    assert snapshot(out) == before


def test_a_rebuild_does_not_trust_a_cached_post_now_linked_out(content: ContentFolder, outside: Path,
                                                               tmp_path: Path) -> None:
    """The cache knows posts/a.md as it was; replaced by a link, it is refused, not taken from the cache."""
    post = content.post("a.md", "title: A\ndate: 2024-01-02")
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run("build", "--content", content.root, "--out", out, "--cache", cache).exit_code == 0
    before = snapshot(out)
    post.unlink()
    os.symlink(outside / "leak.md", post)

    result = run("build", "--content", content.root, "--out", out, "--cache", cache)

    assert result.exit_code == 1
    assert "posts/a.md: a link to" in result.stderr
    assert snapshot(out) == before


def test_the_development_server_does_not_serve_a_media_link_out(content: ContentFolder, outside: Path) -> None:
    link(content, "media/secret_key", outside / "secret_key")
    client = create_app(content.root, watch=True).test_client()

    response = client.get("/media/secret_key")

    assert response.status_code == 500  # the page listing the content's problems, as for any broken content
    assert "media/secret_key: a link to" in response.text
    assert SECRET not in response.text
