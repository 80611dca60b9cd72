"""A change checked before it is saved: the problems `build.py check` would find in the whole site with it, each
at its file (from the content folder), line and field, and the content folder left as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from herald_site.content import check_site
from herald_site.editing import check_change
from herald_site.editing.overlay import OVERLAYS_FOLDER
from tests.site.conftest import ContentFolder


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def site(content: ContentFolder) -> ContentFolder:
    content.post("2024-01-01-air.md", "title: Air\ndate: 2024-01-01", "Read [about us](/about/).\n")
    content.page("about.md", "title: About")
    return content


def test_a_link_to_a_page_that_does_not_exist_names_the_body_line(site: ContentFolder) -> None:
    before = snapshot(site.root)
    text = b"---\ntitle: Air\ndate: 2024-01-01\n---\nFirst line.\n\nSee [the plan](/plan/).\n"

    problems = check_change(site.root, {"posts/2024-01-01-air.md": text})

    assert [(str(p.path), p.line, p.field, p.severity) for p in problems] == [
        ("posts/2024-01-01-air.md", 7, "body", "error")]
    assert "/plan/" in problems[0].message and str(site.root.parent) not in problems[0].message
    assert snapshot(site.root) == before  # nothing written, nothing touched


def test_a_date_that_does_not_parse_names_its_field(site: ContentFolder) -> None:
    text = b"---\ntitle: New\ndate: next tuesday\n---\nText.\n"
    problems = check_change(site.root, {"posts/new.md": text})
    assert [(str(p.path), p.line, p.field) for p in problems if p.is_error] == [("posts/new.md", 3, "date")]


def test_two_documents_claiming_one_url(site: ContentFolder) -> None:
    problems = check_change(site.root, {"pages/us.md": b"---\ntitle: Us\npermalink: /about/\n---\nHi.\n"})
    claims = [problem for problem in problems if "claimed by both" in problem.message]
    assert len(claims) == 1 and claims[0].field == "permalink"
    assert "pages/about.md" in claims[0].message and "pages/us.md" in claims[0].message


def test_a_warning_is_reported_and_is_not_an_error(site: ContentFolder) -> None:
    text = b"---\ntitle: Air\ndate: 2024-01-01\n---\nRead [about us](/about/).\n\n![A chart](/media/chart.png)\n"
    problems = check_change(site.root, {"posts/2024-01-01-air.md": text})
    assert [(p.severity, p.field, p.line) for p in problems] == [("warning", "body", 7)]


def test_deleting_a_page_breaks_the_link_of_another_document(site: ContentFolder) -> None:
    problems = check_change(site.root, {"pages/about.md": None})
    assert [(str(p.path), p.field) for p in problems] == [("posts/2024-01-01-air.md", "body")]
    assert (site.root / "pages" / "about.md").is_file()


def test_a_rename_with_its_links_followed_is_clean(site: ContentFolder) -> None:
    about = (site.root / "pages" / "about.md").read_bytes()
    moved = {"pages/about.md": None, "pages/who-we-are.md": about}
    assert [str(p.path) for p in check_change(site.root, moved)] == ["posts/2024-01-01-air.md"]
    fixed = b"---\ntitle: Air\ndate: 2024-01-01\n---\nRead [about us](/who-we-are/).\n"
    assert check_change(site.root, {**moved, "posts/2024-01-01-air.md": fixed}) == []


def test_the_same_problems_as_check_for_the_unchanged_site(site: ContentFolder) -> None:
    site.post("broken.md", "title: Broken\ndate: 2024-13-45")
    whole = check_site(site.root)
    assert [(p.line, p.message, p.field) for p in check_change(site.root, {})] == [
        (p.line, p.message, p.field) for p in whole]


def test_unchanged_files_come_from_the_build_cache_and_no_overlay_is_left(site: ContentFolder, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert check_change(site.root, {}, cache_dir=cache) == []
    page = site.root / "pages" / "about.md"
    stamp = page.stat()
    page.write_text(page.read_text(encoding="utf-8").replace("title:", "titlX:"), encoding="utf-8")
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same size, same time: the cache's record holds

    assert check_change(site.root, {}, cache_dir=cache) == []  # the record, not the file
    assert "title" in [p.field for p in check_site(site.root)]  # which a check without the cache reads
    assert list((cache / OVERLAYS_FOLDER).iterdir()) == []


def test_site_yml_can_be_changed_too(site: ContentFolder) -> None:
    problems = check_change(site.root, {"site.yml": b"title: T\nurl: https://t.example\ntimezone: Mars/Olympus\n"})
    assert [(str(p.path), p.line, p.field) for p in problems] == [("site.yml", 3, "timezone")]


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside.md", "posts/../../x.md", "posts\\x.md", ""])
def test_a_path_that_is_not_a_content_path_is_refused(site: ContentFolder, path: str) -> None:
    with pytest.raises(ValueError, match="relative to the content folder"):
        check_change(site.root, {path: b"x"})


def test_links_on_disk_inside_the_content_folder_keep_working(site: ContentFolder) -> None:
    photo = site.media("photo.png")
    (site.root / "media" / "relative.png").symlink_to("photo.png")
    (site.root / "media" / "absolute.png").symlink_to(photo.resolve())
    (site.root / "pictures").symlink_to((site.root / "media").resolve(), target_is_directory=True)
    text = (b"---\ntitle: Air\ndate: 2024-01-01\n---\n![One](/media/relative.png) ![Two](/media/absolute.png)\n"
            b"[About](/about/)\n")
    assert check_change(site.root, {"posts/2024-01-01-air.md": text}) == []
    assert os.path.islink(site.root / "media" / "absolute.png")  # the content's own links untouched


def test_a_change_is_never_written_through_a_link_on_disk(site: ContentFolder, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site.root / "out").symlink_to(elsewhere, target_is_directory=True)
    (site.root / "pages" / "inner").symlink_to((site.root / "media").resolve(), target_is_directory=True)
    with pytest.raises(ValueError, match="leads out of the content folder"):
        check_change(site.root, {"out/planted.md": b"x"})
    check_change(site.root, {"pages/inner/planted.md": b"x"})  # a link inside leads inside the overlay
    assert list(elsewhere.iterdir()) == [] and not (site.root / "media" / "planted.md").exists()


def test_a_scheduled_posts_links_are_checked_when_asked(site: ContentFolder) -> None:
    later = {"posts/2999-01-01-later.md": b"---\ntitle: Later\n---\n[Plans](/plans/)\n"}
    assert check_change(site.root, later) == []  # as `build.py check`: the build does not show it yet
    assert [(p.field, p.line) for p in check_change(site.root, later, drafts=True)] == [("body", 4)]
