"""A hosted video's poster when the build fetched none and the editor gave none: a neutral JPEG drawn with Pillow,
so the facade never asks the host for its thumbnail.

It carries no text and no play sign: the facade's button is the one play control, and the title is the page's
own HTML (the button's name and the caption's link), which the reader's fonts render in any script. A title drawn
into the image would need a font shipped for every script, and one poster would serve every language's title, so
the image stays the same for every page that shows the video.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

POSTER_SIZE = (480, 360)  # YouTube's hqdefault.jpg, which a fetched poster is too
BACKGROUND = (38, 42, 48)
STRIPE = (48, 53, 60)  # a faint diagonal pattern, so the placeholder reads as a frame, not as a missing image
STRIPE_STEP = 24


def placeholder_poster() -> bytes:
    """A dark JPEG of POSTER_SIZE with faint diagonal stripes."""
    image = Image.new("RGB", POSTER_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width, height = POSTER_SIZE
    for start in range(-height, width, STRIPE_STEP):
        draw.line([(start, height), (start + height, 0)], fill=STRIPE, width=STRIPE_STEP // 3)
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=80)
    return output.getvalue()
