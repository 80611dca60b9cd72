"""Drawing the site icon in the sizes browsers and phones ask for, from one SVG or PNG file.

Each size is scaled down from one 512-pixel master with Pillow. A PNG source of another shape is centred on a
transparent square; an SVG source is first drawn at 512 pixels by CairoSVG, which needs the cairo library of
the system (most Linux systems have it; `brew install cairo` on macOS).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from herald_site.errors import BuildError
from herald_site.urls import APP_ICON_SIZES

MASTER_SIZE = max(APP_ICON_SIZES)
FAVICON_SIZES = (16, 32, 48)  # in one favicon.ico: tabs, bookmarks, Windows' taskbar
TOUCH_ICON_SIZE = 180  # what iOS asks for on the home screen
TOUCH_ICON_BACKGROUND = "white"  # iOS fills a transparent part of the icon with black


@dataclass(frozen=True)
class IconSet:
    """Every icon file's bytes."""

    favicon: bytes  # an ICO holding FAVICON_SIZES
    touch_icon: bytes  # an opaque PNG of TOUCH_ICON_SIZE
    app_icons: dict[int, bytes]  # a PNG per size in APP_ICON_SIZES


def draw_icons(source: Path) -> IconSet:
    """The icon files drawn from `source`, an SVG or PNG file; a BuildError says what to change if it cannot."""
    master = _master(source)
    favicon = io.BytesIO()
    master.save(favicon, format="ICO", sizes=[(size, size) for size in FAVICON_SIZES])
    touch = Image.alpha_composite(Image.new("RGBA", master.size, TOUCH_ICON_BACKGROUND), master)
    return IconSet(
        favicon=favicon.getvalue(),
        touch_icon=_png(touch.convert("RGB"), TOUCH_ICON_SIZE),
        app_icons={size: _png(master, size) for size in APP_ICON_SIZES},
    )


def _png(image: Image.Image, size: int) -> bytes:
    out = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()


def _master(source: Path) -> Image.Image:
    """The icon as a square RGBA image of MASTER_SIZE pixels."""
    data = _svg_as_png(source) if source.suffix.lower() == ".svg" else source.read_bytes()
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise BuildError(f"{source} is not an image Pillow can read ({error}); save the icon as PNG or SVG.") from error
    return ImageOps.pad(image.convert("RGBA"), (MASTER_SIZE, MASTER_SIZE), Image.Resampling.LANCZOS, (0, 0, 0, 0))


def _svg_as_png(source: Path) -> bytes:
    """The SVG drawn at MASTER_SIZE pixels; CairoSVG fetches nothing the file links to, so a build stays offline."""
    try:
        # Imported only to draw an SVG icon: loading cairo costs more than half a second, and a system without
        # the library can still build a site whose icon is a PNG.
        import cairosvg
    except OSError as error:
        raise BuildError(
            f"{source} is an SVG, and drawing it needs the cairo library, which this system lacks ({error}). "
            "Install it (Debian and Ubuntu: apt install libcairo2; macOS: brew install cairo), "
            "or give `icon` in site.yml a PNG of at least 512×512 pixels."
        ) from error
    try:
        png: bytes = cairosvg.svg2png(
            bytestring=source.read_bytes(), output_width=MASTER_SIZE, output_height=MASTER_SIZE
        )
    except (ValueError, SyntaxError) as error:  # ElementTree's ParseError is a SyntaxError
        raise BuildError(f"{source} is not an SVG CairoSVG can draw ({error}); fix the file or use a PNG.") from error
    return png
