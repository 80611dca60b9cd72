"""Every file the build writes or removes lies inside the folder that step works in, whatever a view, the build
cache or a link on disk says: the writers refuse with an error naming the path, and nothing outside changes."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest
from flask import Response

from herald_site import create_app, urls
from herald_site.build.freeze import freeze_site
from herald_site.build.pipeline import build_site
from herald_site.confined import OutsideFolderError, inside, lies_inside
from herald_site.errors import CommandError
from herald_site.speed.cache import open_cache
from herald_site.speed.signatures import manifest_key
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import ContentFolder, snapshot


def test_inside_gives_paths_below_the_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert inside(tmp_path / "out", "a/b/index.html") == tmp_path / "out" / "a" / "b" / "index.html"
    assert inside(tmp_path / "out", "a/../b.html") == tmp_path / "out" / "a" / ".." / "b.html"


@pytest.mark.parametrize("relative", ["../x", "a/../../x", "/etc/passwd", "", ".", "linked/x", "linked"])
def test_inside_refuses_whatever_leads_out(tmp_path: Path, relative: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "linked").symlink_to(tmp_path)
    with pytest.raises(OutsideFolderError, match=f"lies outside {out}"):
        inside(out, relative)


def test_lies_inside_follows_links_on_both_sides(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "media").mkdir(parents=True)
    (tmp_path / "content").symlink_to(real)
    (real / "media" / "out").symlink_to(tmp_path)
    (real / "media" / "alias").symlink_to(real / "media")
    assert lies_inside(tmp_path / "content", tmp_path / "content" / "media" / "alias" / "x.png")
    assert lies_inside(tmp_path / "content", real)
    assert not lies_inside(tmp_path / "content", real, strictly=True)
    assert not lies_inside(tmp_path / "content", tmp_path / "content" / "media" / "out")


@pytest.fixture
def small_site(content: ContentFolder) -> ContentFolder:
    content.post("2024-01-01-hello.md", "title: Hello\ndate: 2024-01-01\ntags: [air]")
    return content


def test_the_freezer_writes_no_page_outside_the_output(
    small_site: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "deep" / "out"
    freeze_site(create_app(small_site.root), out)
    before = snapshot(out)
    app = create_app(small_site.root)
    app.add_url_rule("/files/<path:name>", "escaping", lambda name: Response("x", mimetype="text/plain"))
    escaping = urls.UrlShape("escaping", "/files/<path:name>", lambda index, listing: [{"name": "../../../escaped.txt"}])
    monkeypatch.setattr(urls, "SHAPES", (*urls.SHAPES, escaping))

    with pytest.raises(OutsideFolderError, match="escaped.txt"):
        freeze_site(app, out)

    assert not list(tmp_path.rglob("escaped.txt"))
    assert snapshot(out) == before
    assert sorted(path.name for path in out.parent.iterdir()) == ["out"]


def test_a_rebuild_removes_no_file_outside_the_output(tmp_path: Path) -> None:
    """The files a rebuild removes come from the build cache; a damaged or planted cache names none outside."""
    content = Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content"))
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(content, out, cache_dir=cache)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    with open_cache(cache) as opened:
        manifest = opened.state(manifest_key(out.resolve()))
        files = {**manifest.files, "/gone/": ("a signature", "../victim.txt")}
        opened.save_state(manifest_key(out.resolve()), dataclasses.replace(manifest, files=files))
        opened.commit()
    about = content / "pages" / "about.md"
    about.write_text(about.read_text() + "\nOne more line.\n")
    before = snapshot(out)

    with pytest.raises(OutsideFolderError, match="victim.txt"):
        build_site(content, out, cache_dir=cache)

    assert victim.read_text() == "keep me"
    assert snapshot(out) == before  # checked before anything moved
    summary, _ = build_site(content, out, cache_dir=cache)  # the cache trusts no manifest now: a full build
    assert summary.kept == 0 and "One more line." in (out / "about" / "index.html").read_text()


@pytest.mark.parametrize("name", [".gitignore", "cache.sqlite", "cache.sqlite-wal"])
def test_the_build_cache_writes_through_no_link_out_of_its_folder(tmp_path: Path, name: str) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    os.symlink(tmp_path / "elsewhere", cache / name)

    with pytest.raises(OutsideFolderError, match=name), open_cache(cache):
        pass

    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("out", [".", "content", "cache"])
def test_the_output_folder_may_not_hold_the_content_or_the_cache(
    small_site: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str
) -> None:
    """Each build replaces the output folder whole: `--out .` or `--out content` would delete the content."""
    monkeypatch.chdir(tmp_path)
    before = snapshot(small_site.root)

    with pytest.raises(CommandError, match=f"--out {out} is or holds the (content folder|build cache)"):
        build_site(Path("content"), Path(out), cache_dir=Path("cache"))

    assert snapshot(small_site.root) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content"]
