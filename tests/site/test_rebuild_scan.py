"""The one walk over the content folder a rebuild makes: documents in order, and a digest that sees every edit."""

from __future__ import annotations

import os
from pathlib import Path

from herald_site.content.walk import scan_content
from tests.site.conftest import ContentFolder


def test_documents_are_posts_then_pages_each_in_path_order(content: ContentFolder) -> None:
    for name in ("b.md", "a-b.md", "sub/a.md", "a.markdown", "notes.txt"):
        content.post(name, "title: T\ndate: 2024-01-01\n")
    content.page("about.md", "title: About\n")
    content.media("picture.md")

    files = scan_content(content.root)

    expected = [("post", content.root / "posts" / name) for name in ("a-b.md", "a.markdown", "b.md", "sub/a.md")]
    assert files.documents == [(kind, str(path)) for kind, path in [*expected, ("page", content.root / "pages/about.md")]]
    assert sorted(files.documents[:4], key=lambda item: Path(item[1])) == files.documents[:4]
    assert set(files.stamps) == {str(path) for path in content.root.rglob("*") if path.is_file()}


def test_a_folder_linked_into_posts_is_not_read_but_linked_media_count(content: ContentFolder) -> None:
    elsewhere = content.root / "shared"  # a link leading out of the content folder is refused (test_content_links)
    elsewhere.mkdir()
    (elsewhere / "post.md").write_text("---\ntitle: T\n---\n")
    os.symlink(elsewhere, content.root / "posts" / "linked")
    os.symlink(elsewhere, content.root / "media" / "linked")
    os.symlink(content.root, content.root / "media" / "loop")

    files = scan_content(content.root)

    assert files.documents == []
    assert str(content.root / "media" / "linked" / "post.md") in files.stamps


def test_the_digest_changes_with_every_edit_and_option(content: ContentFolder) -> None:
    post = content.post("a.md", "title: T\n")
    digests = {scan_content(content.root).digest("option")}
    assert scan_content(content.root).digest("option") in digests

    post.write_text(post.read_text() + "More.\n")
    digests.add(scan_content(content.root).digest("option"))
    content.media("new.png")
    digests.add(scan_content(content.root).digest("option"))
    post.unlink()
    digests.add(scan_content(content.root).digest("option"))
    digests.add(scan_content(content.root).digest("another option"))

    assert len(digests) == 5


def test_a_missing_folder_has_no_files(tmp_path: Path) -> None:
    files = scan_content(tmp_path / "missing")

    assert files.stamps == {} and files.documents == []
