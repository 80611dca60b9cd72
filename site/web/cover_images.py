"""A post's cover as the pages show it: its address, its size in pixels and its text alternative.

The size goes into the <img>'s width and height, so the browser keeps the picture's room before it arrives and
nothing below it jumps. It is read from the file in content/media/ (an SVG's width and height or viewBox; a
raster image's header, through Pillow) once per version of the file, which the media listing's stamp tells.
A cover on another host is not shown: no page asks another host for anything.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from herald_site.content.index import media_file
from herald_site.content.model import Post, Stamp
from herald_site.web.served_index import current_index, site_content
from herald_site.web.views.assets import media_root

Size = tuple[int, int]

_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_LENGTH = r"\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*"
_SVG_WIDTH = re.compile(rb"\swidth\s*=\s*[\"']" + _LENGTH.encode() + rb"[\"']")
_SVG_HEIGHT = re.compile(rb"\sheight\s*=\s*[\"']" + _LENGTH.encode() + rb"[\"']")
_SVG_VIEWBOX = re.compile(rb"\sviewBox\s*=\s*[\"']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)\s*[\"']")
_SVG_HEAD_BYTES = 8192  # the root element comes after at most a prolog and a comment or two


@dataclass(frozen=True)
class Cover:
    src: str
    width: int | None  # None when the file's size could not be read
    height: int | None
    alt: str


def cover_of(post: Post) -> Cover | None:
    """The post's cover, or None when it has none on this site."""
    if not post.image or not post.image.startswith("/") or post.image.startswith("//"):
        return None
    size = media_image_size(post.image)
    return Cover(post.image, *(size or (None, None)), post.image_alt)


def media_image_size(url: str) -> Size | None:
    """The pixel size of the media file at the site path `url`, or None for another path or an unreadable file."""
    found = media_file(current_index(), url)
    return None if found is None else _file_size(media_root(site_content().content_dir) / found[0], found[1])


@functools.lru_cache(maxsize=256)
def _file_size(path: Path, stamp: Stamp) -> Size | None:
    """Read once per file and `stamp` (its size and modification time): an edited file is read again."""
    try:
        if path.suffix.lower() == ".svg":
            with path.open("rb") as file:
                return svg_size(file.read(_SVG_HEAD_BYTES))
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as image:  # reads the header only
                return image.size
        except UnidentifiedImageError:
            return None
    except OSError:
        return None


def svg_size(head: bytes) -> Size | None:
    """An SVG's size from its root element: `width` and `height` in pixels, else its viewBox."""
    root = _SVG_ROOT.search(head)
    if root is None:
        return None
    tag = root.group(0)
    width, height = _SVG_WIDTH.search(tag), _SVG_HEIGHT.search(tag)
    found = (width.group(1), height.group(1)) if width and height else None
    if found is None and (box := _SVG_VIEWBOX.search(tag)):
        found = box.group(1), box.group(2)
    if found is None:
        return None
    size = round(float(found[0])), round(float(found[1]))
    return size if size[0] > 0 and size[1] > 0 else None
