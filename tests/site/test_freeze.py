"""Freezing: Frozen-Flask's warnings fail the build, and a failed build leaves the previous output untouched."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from flask import Flask, Response
from flask_frozen import Freezer

from herald_site import create_app, urls
from herald_site.build.catalog_freezer import CatalogFreezer
from herald_site.build.freeze import COMPILED_TEMPLATES, freeze_site
from herald_site.build.pipeline import build_site
from herald_site.errors import BuildError
from tests.site.conftest import ContentFolder, snapshot


@pytest.fixture
def small_site(content: ContentFolder) -> ContentFolder:
    content.post("2024-01-01-hello.md", "title: Hello\ndate: 2024-01-01\ntags: [air]")
    content.page("about.md", "title: About")
    content.media("logo.png", b"png")
    return content


def siblings(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.parent.iterdir())


def test_freeze_writes_every_url_as_a_file(small_site: ContentFolder, tmp_path: Path) -> None:
    summary = freeze_site(create_app(small_site.root), tmp_path / "out")
    files = snapshot(tmp_path / "out")
    for expected in ("index.html", "2024/01/01/hello/index.html", "about/index.html", "tags/air/index.html",
                     "tags/air/feed.xml", "feed.xml", "atom.xml", "sitemap.xml", "robots.txt", "404.html",
                     "media/logo.png", "static/theme.css", "static/pygments.css", "archive/2024/index.html"):
        assert expected in files
    assert (summary.pages, summary.feeds, summary.files) == (
        sum(name.endswith(".html") for name in files), 3, len(files))
    assert siblings(tmp_path / "out") == ["content", "out"]


def test_links_use_the_base_url_and_are_not_relative(small_site: ContentFolder, tmp_path: Path) -> None:
    freeze_site(create_app(small_site.root, base_url="https://preview.example.net"), tmp_path / "out")
    home = (tmp_path / "out" / "index.html").read_text()
    assert 'href="/2024/01/01/hello/"' in home and "index.html" not in home
    assert "https://preview.example.net/2024/01/01/hello/" in (tmp_path / "out" / "feed.xml").read_text()


def test_published_folder_is_readable_by_a_web_server(small_site: ContentFolder, tmp_path: Path) -> None:
    freeze_site(create_app(small_site.root), tmp_path / "out")
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755


def test_a_rebuild_replaces_the_previous_output(small_site: ContentFolder, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.html").write_text("from an old build")
    freeze_site(create_app(small_site.root), out)
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert siblings(out) == ["content", "out"]


def add_unfreezable_endpoint(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    app.add_url_rule("/extra/<name>/", "extra", lambda name: name)


def add_mistyped_endpoint(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    app.add_url_rule("/data.json", "data", lambda: Response("{}", mimetype="text/html"))
    monkeypatch.setattr(urls, "SHAPES", (*urls.SHAPES, urls.UrlShape("data", "/data.json")))


def add_broken_link(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    app.add_url_rule("/gone.txt", "gone", lambda: Response("missing", status=404))
    monkeypatch.setattr(urls, "SHAPES", (*urls.SHAPES, urls.UrlShape("gone", "/gone.txt")))


@pytest.mark.parametrize(
    ("break_app", "message"),
    [
        (add_unfreezable_endpoint, "Nothing frozen for endpoints extra"),
        (add_mistyped_endpoint, "does not match Content-Type"),
        (add_broken_link, "404"),
    ],
)
def test_a_failed_build_leaves_the_previous_output_as_it_was(
    small_site: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, break_app, message: str  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "out"
    freeze_site(create_app(small_site.root), out)
    before = snapshot(out)
    app = create_app(small_site.root)
    break_app(app, monkeypatch)
    with pytest.raises(BuildError, match=message):
        freeze_site(app, out)
    assert snapshot(out) == before
    assert siblings(out) == ["content", "out"]


def test_out_must_be_a_folder(small_site: ContentFolder, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file")
    with pytest.raises(BuildError, match="is a file"):
        freeze_site(create_app(small_site.root), tmp_path / "out")


def test_a_site_without_posts_tags_or_media_builds(content: ContentFolder, tmp_path: Path) -> None:
    """Endpoints with no URLs at all (no categories yet) are not "forgotten generators"."""
    summary = freeze_site(create_app(content.root), tmp_path / "out")
    assert (tmp_path / "out" / "index.html").is_file() and summary.feeds == 2


def test_a_failing_view_keeps_its_traceback(
    small_site: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in a view is not a content problem: it surfaces as itself, not as a BuildError."""
    app = create_app(small_site.root)

    def broken_view() -> str:
        raise ValueError("bug in a view")

    app.add_url_rule("/broken.txt", "broken", broken_view)
    monkeypatch.setattr(urls, "SHAPES", (*urls.SHAPES, urls.UrlShape("broken", "/broken.txt")))
    with pytest.raises(ValueError, match="bug in a view"):
        freeze_site(app, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_freezer_overrides_no_private_method_of_frozen_flask() -> None:
    """Frozen-Flask's public interface is enough (generators, all_urls, freeze_yield, urlpath_to_filepath):
    an override of one of its private methods would break silently with its next version."""
    overridden = [name for name in vars(CatalogFreezer) if name.startswith("_") and not name.startswith("__")]
    assert [name for name in overridden if hasattr(Freezer, name)] == []


def test_a_rebuild_reuses_the_templates_compiled_by_the_build_before(small_site: ContentFolder, tmp_path: Path) -> None:
    """Compiled once into the build cache, a template is loaded from there by the next build, not compiled again
    (Jinja rewrites a template's file only when it compiles it)."""
    cache_dir = tmp_path / "cache"
    build_site(small_site.root, tmp_path / "out", cache_dir=cache_dir)
    compiled = {path.name: path.stat().st_mtime_ns for path in (cache_dir / COMPILED_TEMPLATES).iterdir()}
    assert len(compiled) >= 3  # the post's template, the layout and its partials

    small_site.post("2024-01-01-hello.md", "title: Hello again\ndate: 2024-01-01\ntags: [air]")
    summary, _ = build_site(small_site.root, tmp_path / "out", cache_dir=cache_dir)

    assert summary.files > summary.kept  # the post was rendered again
    assert "Hello again" in (tmp_path / "out/2024/01/01/hello/index.html").read_text()
    assert {path.name: path.stat().st_mtime_ns for path in (cache_dir / COMPILED_TEMPLATES).iterdir()} == compiled
