"""Colour contrast as WCAG 2 defines it, for the tests that check the theme's colours."""

from __future__ import annotations

import re

AA = 4.5  # the least contrast WCAG AA asks of body text

RGB = tuple[int, int, int]


def hex_rgb(colour: str) -> RGB:
    """'#1d2125' or '#fff' as (red, green, blue)."""
    digits = colour.lstrip("#")
    digits = "".join(digit * 2 for digit in digits) if len(digits) == 3 else digits
    if not re.fullmatch(r"[0-9a-fA-F]{6}", digits):
        raise ValueError(f"not a hex colour: {colour}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def computed_rgb(colour: str) -> RGB:
    """A browser's computed colour, 'rgb(29, 33, 37)', as (red, green, blue); only opaque colours."""
    match = re.fullmatch(r"rgb\((\d+), (\d+), (\d+)\)", colour)
    if match is None:
        raise ValueError(f"not an opaque computed colour: {colour}")
    red, green, blue = (int(channel) for channel in match.groups())
    return red, green, blue


def relative_luminance(rgb: RGB) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: RGB, second: RGB) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
