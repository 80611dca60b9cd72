"""The hand-written WordPress export (tests/fixtures/wordpress/export.xml) and the uploads folder it refers to,
drawn with Pillow, shared by the site's and the service's import tests."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.conftest import REPO_ROOT

EXPORT = REPO_ROOT / "tests" / "fixtures" / "wordpress" / "export.xml"
OLD_SITE = "https://birders.example.org"
# Every published post's and page's address on the old site, which the imported site must answer at.
OLD_PATHS = ("/2024/05/03/hello-spring/", "/2024/06/01/blocks-and-galleries/", "/about/", "/about/team/")
# In the uploads folder: the originals of two attachments; the third (2023/01/kingfisher.jpg) and the resized
# copy a post links (robin-300x200.jpg) are not.
UPLOADED = {"2024/05/robin.jpg": ("JPEG", "red"), "2024/06/heron.png": ("PNG", "blue")}


def make_uploads(folder: Path) -> Path:
    for name, (image_format, colour) in UPLOADED.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (24, 16), colour).save(path, image_format)
    return folder


def export_variant(folder: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of the export with some of its text replaced, in `folder`."""
    text = EXPORT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "export.xml"
    path.write_text(text, encoding="utf-8")
    return path
