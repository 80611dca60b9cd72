"""An image uploaded from the dashboard, checked and made safe to publish before it is committed to media/.

The type is read from the bytes by Pillow (only its JPEG, PNG, WebP and GIF parsers are tried), never from the
name: a text file called photo.jpg is refused, and so is SVG, which can carry script. The size is bounded twice:
in bytes, and in pixels before anything is decoded (a small file can claim a huge canvas, a decompression bomb),
so every upload takes bounded time and memory. The picture is turned upright by its EXIF orientation, then
written again without EXIF, XMP or comments (a volunteer's phone puts where the photo was taken in its GPS tags),
keeping only its colour profile, and shrunk to MAX_SIDE on its longest side. Every problem is a ValidationError
naming the field, so the dashboard shows it beside the file input (4xx, never 500).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from herald_site.slugs import slugify

from ..http.errors import ValidationError

MEDIA_FOLDER = "media"
FILE_FIELD = "file"
ALT_FIELD = "alt"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # one frame: a 50-megapixel camera's photo fits; below Pillow's own bomb threshold
MAX_ANIMATION_PIXELS = 100_000_000  # every frame of an animation together
MAX_SIDE = 2000
MAX_ALT = 300
MAX_STEM = 60
JPEG_QUALITY = 85
# Pillow's format name -> the file name's suffix.
SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
ACCEPTED = "a JPEG, PNG, WebP or GIF image"
KEPT_INFO = ("icc_profile", "duration", "loop")  # the colour profile and an animation's timing
KEPT_FRAME_INFO = ("transparency",)


@dataclass(frozen=True)
class ProcessedImage:
    """What an upload becomes: its content path ("media/name.jpg"), its bytes, and the Markdown that shows it."""

    path: str
    content: bytes
    markdown: str
    width: int
    height: int


def process_upload(data: bytes, filename: str, alt: str, *, taken: Callable[[str], bool]) -> ProcessedImage:
    """Check and clean one uploaded image; `taken(path)` says whether a content path is already used, so the
    file gets a name of its own. Raises ValidationError naming `file` or `alt`."""
    alt_text = checked_alt(alt)
    image_format, frames, info = _decoded(data)
    content = _encoded(image_format, frames, info)
    path = unique_media_path(filename, SUFFIXES[image_format], taken)
    width, height = frames[0].size
    return ProcessedImage(path, content, image_markdown(alt_text, path), width, height)


def checked_alt(alt: str) -> str:
    """The alt text, required: it is what a screen reader says and what shows when the picture cannot load."""
    text = " ".join(alt.split())
    if not text:
        raise ValidationError({ALT_FIELD: "Describe the picture for people who cannot see it (alt text)."})
    if len(text) > MAX_ALT:
        raise ValidationError({ALT_FIELD: f"Keep the alt text to {MAX_ALT} characters; put more in the post."})
    return text


def image_markdown(alt: str, path: str) -> str:
    """`![alt](/media/name.jpg)`, with the brackets and backslashes of the alt escaped so it stays one image."""
    escaped = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"![{escaped}](/{path})"


def unique_media_path(filename: str, suffix: str, taken: Callable[[str], bool]) -> str:
    """media/<slug of the upload's name><suffix>, with -2, -3, ... added until the path is free."""
    stem = slugify(PurePosixPath(filename.replace("\\", "/")).stem)[:MAX_STEM].strip("-") or "image"
    path = f"{MEDIA_FOLDER}/{stem}{suffix}"
    number = 2
    while taken(path):
        path = f"{MEDIA_FOLDER}/{stem}-{number}{suffix}"
        number += 1
    return path


def _refused(message: str) -> ValidationError:
    return ValidationError({FILE_FIELD: message})


def _decoded(data: bytes) -> tuple[str, list[Image.Image], dict[str, object]]:
    """The format, the upright frames (one unless animated) and what to keep of the header (colour profile,
    animation timing); raises the field's ValidationError for anything that is not a bounded, readable image."""
    if not data:
        raise _refused("Choose an image file to upload.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refused(f"This file is {len(data) / 1048576:.1f} MB; upload at most {MAX_UPLOAD_BYTES // 1048576} MB.")
    try:
        image = Image.open(io.BytesIO(data), formats=list(SUFFIXES))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise _refused(_not_an_image(data)) from error
    with image:
        width, height = image.size
        frame_count = getattr(image, "n_frames", 1)
        if width * height > MAX_PIXELS or width * height * frame_count > MAX_ANIMATION_PIXELS:
            raise _too_many_pixels()
        try:
            frames = [_upright(frame) for frame in ImageSequence.Iterator(image)]
        except (OSError, ValueError, SyntaxError, EOFError) as error:
            raise _refused(f"This image is damaged or cut short and cannot be read; save it again as {ACCEPTED}."
                           ) from error
        info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
        return str(image.format), frames, info


def _too_many_pixels() -> ValidationError:
    return _refused(f"This image has too many pixels to process (at most {MAX_PIXELS // 1_000_000} million); "
                    "shrink it first.")


def _not_an_image(data: bytes) -> str:
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) or b"<svg" in head:
        return f"SVG files are not accepted (they can carry script); upload {ACCEPTED}."
    return f"This file is not {ACCEPTED} (its content was checked, not its name)."


def _upright(frame: Image.Image) -> Image.Image:
    """One frame turned by its EXIF orientation and shrunk to MAX_SIDE, with no metadata left in `info` but
    which palette colour is transparent."""
    turned = ImageOps.exif_transpose(frame)
    if max(turned.size) > MAX_SIDE:
        turned.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    turned.info = {key: frame.info[key] for key in KEPT_FRAME_INFO if key in frame.info}
    return turned


def _encoded(image_format: str, frames: list[Image.Image], info: dict[str, object]) -> bytes:
    """The frames written again in their own format, with nothing of the original's metadata but `info`."""
    output = io.BytesIO()
    first = frames[0]
    options: dict[str, object] = {key: value for key, value in info.items() if value is not None}
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:])
    if image_format == "JPEG":
        if first.mode not in ("RGB", "L", "CMYK"):
            first = first.convert("RGB")
        options.update(quality=JPEG_QUALITY, optimize=True)
    elif image_format == "PNG":
        options.update(optimize=True)
    first.save(output, format=image_format, **options)
    return output.getvalue()
