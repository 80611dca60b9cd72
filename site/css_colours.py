"""CSS colours read as numbers, and their contrast as WCAG 2 defines it.

A site sets its colours in site.yml (`herald_site.content.theme_settings`), and a colour it writes must both be
one a browser reads and keep text readable; the tests hold Herald's own colours to the same measure. The forms
read are the ones people write by hand: hex (#b5361d, #fff, with or without alpha), rgb()/rgba(), hsl()/hsla()
(with commas, or spaces and a slash before the alpha) and the CSS colour names.
"""

from __future__ import annotations

import colorsys
import re

AA = 4.5  # the least contrast WCAG AA asks of body text

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, float]
"""Red, green and blue from 0 to 255, and the alpha from 0 (transparent) to 1 (opaque)."""

_NUMBER = r"(\d+(?:\.\d*)?|\.\d+)"
_SEPARATOR = r"\s*[,\s]\s*"
_ALPHA = rf"(?:\s*[,/]\s*{_NUMBER}(%?))?"
_HEX = re.compile(r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})", re.IGNORECASE)
_RGB = re.compile(
    rf"rgba?\(\s*{_NUMBER}(%?){_SEPARATOR}{_NUMBER}(%?){_SEPARATOR}{_NUMBER}(%?){_ALPHA}\s*\)", re.IGNORECASE
)
_HSL = re.compile(rf"hsla?\(\s*{_NUMBER}(?:deg)?{_SEPARATOR}{_NUMBER}%{_SEPARATOR}{_NUMBER}%{_ALPHA}\s*\)", re.IGNORECASE)
_NAME = re.compile(r"[a-z]+", re.IGNORECASE)


def parse_colour(text: str) -> RGBA | None:
    """The colour `text` names, or None when it is not one of the forms above."""
    text = text.strip()
    if match := _HEX.fullmatch(text):
        return _hex(match.group(1))
    if match := _RGB.fullmatch(text):
        numbers = match.groups()
        channels = [_channel(float(numbers[n]), numbers[n + 1] == "%") for n in (0, 2, 4)]
        return channels[0], channels[1], channels[2], _alpha(numbers[6], numbers[7])
    if match := _HSL.fullmatch(text):
        hue, saturation, lightness, alpha, percent = match.groups()
        red, green, blue = colorsys.hls_to_rgb(float(hue) % 360 / 360, _unit(lightness), _unit(saturation))
        return round(red * 255), round(green * 255), round(blue * 255), _alpha(alpha, percent)
    if _NAME.fullmatch(text):
        return _named(text)
    return None


def _hex(digits: str) -> RGBA:
    if len(digits) <= 4:
        digits = "".join(digit * 2 for digit in digits)
    values = [int(digits[n : n + 2], 16) for n in range(0, len(digits), 2)]
    return values[0], values[1], values[2], values[3] / 255 if len(values) == 4 else 1.0


def _channel(value: float, percent: bool) -> int:
    return round(min(value * 2.55 if percent else value, 255))


def _unit(percent: str) -> float:
    return min(float(percent) / 100, 1.0)


def _alpha(value: str | None, percent: str | None) -> float:
    if value is None:
        return 1.0
    return min(float(value) / 100 if percent else float(value), 1.0)


def _named(name: str) -> RGBA | None:
    """A CSS colour name's colour, from Pillow's table of them (Herald has Pillow for its icons)."""
    from PIL import ImageColor

    if name.lower() not in ImageColor.colormap:
        return None
    red, green, blue = ImageColor.getrgb(name)[:3]
    return red, green, blue, 1.0


def over(colour: RGBA, background: RGB) -> RGB:
    """`colour` as it shows on `background`: a colour that is partly transparent lets it through."""
    alpha = colour[3]
    red, green, blue = (round(colour[n] * alpha + background[n] * (1 - alpha)) for n in range(3))
    return red, green, blue


def relative_luminance(rgb: RGB) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: RGB, second: RGB) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
