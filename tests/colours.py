"""Colour contrast as WCAG 2 defines it (`herald_site.css_colours`), for the tests that check the theme's colours."""

from __future__ import annotations

import re

from herald_site.css_colours import AA, RGB, contrast, parse_colour

__all__ = ["AA", "RGB", "computed_rgb", "contrast", "hex_rgb"]


def hex_rgb(colour: str) -> RGB:
    """'#1d2125' or '#fff' as (red, green, blue)."""
    parsed = parse_colour(colour) if colour.startswith("#") else None
    if parsed is None or parsed[3] != 1.0:
        raise ValueError(f"not an opaque hex colour: {colour}")
    return parsed[:3]


def computed_rgb(colour: str) -> RGB:
    """A browser's computed colour, 'rgb(29, 33, 37)' or, for a colour-mix(), 'color(srgb 0.9 0.93 0.91)', as
    (red, green, blue); only opaque colours."""
    match = re.fullmatch(r"rgb\((\d+), (\d+), (\d+)\)", colour)
    if match is not None:
        red, green, blue = (int(channel) for channel in match.groups())
        return red, green, blue
    mixed = re.fullmatch(r"color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)\)", colour)
    if mixed is None:
        raise ValueError(f"not an opaque computed colour: {colour}")
    red, green, blue = (round(float(channel) * 255) for channel in mixed.groups())
    return red, green, blue
