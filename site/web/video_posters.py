"""A hosted video's poster when the build fetched none and the editor gave none: a neutral JPEG with the
video's title, drawn with Pillow, so the facade never asks the host for its thumbnail.
"""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

POSTER_SIZE = (480, 360)  # YouTube's hqdefault.jpg, which a fetched poster is too
BACKGROUND = (38, 42, 48)
FOREGROUND = (240, 240, 240)
TITLE_WIDTH = 32  # characters a line
TITLE_LINES = 4


def placeholder_poster(title: str) -> bytes:
    """A dark JPEG of POSTER_SIZE with `title` written across it and a play sign above."""
    image = Image.new("RGB", POSTER_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    width, height = POSTER_SIZE
    draw.polygon([(width // 2 - 22, 90), (width // 2 - 22, 146), (width // 2 + 26, 118)], fill=FOREGROUND)
    lines = textwrap.wrap(title, TITLE_WIDTH)[:TITLE_LINES]
    for number, line in enumerate(lines):
        draw.text((width // 2, 190 + number * 30), line, font=font, fill=FOREGROUND, anchor="mt")
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=80)
    return output.getvalue()
