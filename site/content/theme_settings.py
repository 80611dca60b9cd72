"""site.yml's `theme:`: the site's colours and fonts, as values of the CSS custom properties Herald's theme.css
is written in, so that a site takes its own look without copying the stylesheet.

    theme:
      colors: {accent: "#b5361d", background: "#fffdf8"}   # the light scheme
      dark: {accent: "#ff9a85"}                            # the dark scheme
      fonts: {body: "Georgia, serif", headings: "Georgia, serif", code: "Menlo, monospace"}

A colour not given keeps Herald's in that scheme. Every value is checked to be a CSS colour or a list of font
families, which also keeps anything else out of the stylesheet the web side writes from them
(`herald_site.web.theme_stylesheet`); an unknown name is an error listing the known ones, at its line. A text
colour too close to its background to read (below WCAG AA) is a warning: the site still builds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from herald_site.content.model import ContentError, Problem
from herald_site.css_colours import AA, RGBA, contrast, over, parse_colour
from herald_site.urls import STATIC_FOLDER

THEME_KEY = "theme"
SCHEMES = ("colors", "dark")  # the light scheme's colours, the dark scheme's
FONTS_KEY = "fonts"
# The colours theme.css reads from custom properties (`--accent`), in both of its schemes.
COLOURS = ("text", "muted", "background", "surface", "accent", "accent-strong", "border")
FONTS = {"body": "font-body", "headings": "font-headings", "code": "font-code"}  # site.yml name -> property
# Text and the background it is read on: each pair must keep the contrast WCAG AA asks of body text.
READ_ON = (("text", "background"), ("muted", "background"), ("accent", "background"))

# A font family: a quoted name, or names of letters, digits and hyphens (Georgia, Noto Sans, sans-serif). Nothing
# that could end the declaration, open a function (url(), var()) or close the stylesheet's element is allowed.
_FAMILY = r"""(?:"[^"\\;{}<>()\x00-\x1f]+"|'[^'\\;{}<>()\x00-\x1f]+'|[A-Za-z-][\w-]*(?: +[\w-]+)*)"""
_FAMILIES = re.compile(rf"{_FAMILY}(?:\s*,\s*{_FAMILY})*")

Properties = tuple[tuple[str, str], ...]
"""Custom properties by name without the leading "--", with their values, in the order site.yml gives them."""


@dataclass(frozen=True)
class SiteTheme:
    """The site's colours and fonts; `warnings` are the pairs too close to read."""

    colors: Properties = ()  # the light scheme's colours
    dark: Properties = ()  # the dark scheme's colours
    fonts: Properties = ()  # ("font-body", "Georgia, serif")
    warnings: tuple[Problem, ...] = field(default=(), compare=False, repr=False)


def read_theme(path: Path, text: str, value: Any) -> SiteTheme | None:
    """The `theme:` of site.yml (`text`, read as `value`), or None when it sets nothing; raises ContentError at
    the line of the first bad key or value."""
    if value is None or value == {}:
        return None
    reader = _Reader(path, _key_lines(text))
    section = reader.mapping((THEME_KEY,), value, (*SCHEMES, FONTS_KEY))
    schemes = {scheme: reader.colours((THEME_KEY, scheme), section.get(scheme)) for scheme in SCHEMES}
    fonts = reader.fonts((THEME_KEY, FONTS_KEY), section.get(FONTS_KEY))
    warnings = [problem for scheme, colours in schemes.items() for problem in reader.hard_to_read(scheme, colours)]
    return SiteTheme(schemes["colors"], schemes["dark"], fonts, tuple(warnings))


class _Reader:
    """Checks the values under `theme:`; each failure is a ContentError at the line of its key."""

    def __init__(self, path: Path, lines: dict[tuple[str, ...], int]) -> None:
        self.path, self.lines = path, lines

    def fail(self, keys: tuple[str, ...], message: str) -> ContentError:
        return ContentError(self.path, self.lines.get(keys, self.lines.get(keys[:1])), message, ".".join(keys))

    def mapping(self, keys: tuple[str, ...], value: Any, known: tuple[str, ...]) -> dict[str, Any]:
        """`value` checked to map only `known` names."""
        name = ".".join(keys)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(keys, f"`{name}` should be a mapping of names to values, like `{known[0]}: ...`")
        for key in value:
            if key not in known:
                message = f"unknown name `{key}` in `{name}`; the known ones are {', '.join(known)}"
                raise self.fail((*keys, str(key)), message)
        return value

    def colours(self, keys: tuple[str, ...], value: Any) -> Properties:
        colours = self.mapping(keys, value, COLOURS)
        for name, colour in colours.items():
            here = (*keys, name)
            if colour is None:
                raise self.fail(here, (
                    f"`{'.'.join(here)}` has no value; a colour written with # needs quotes "
                    f"(`{name}: \"#b5361d\"`), since YAML reads an unquoted # as the start of a comment"))
            if not isinstance(colour, str) or parse_colour(colour) is None:
                raise self.fail(here, (
                    f"`{'.'.join(here)}` should be a CSS colour, such as \"#b5361d\", rgb(181, 54, 29), "
                    f"hsl(9, 72%, 41%) or firebrick, got {colour!r}"))
        return tuple((name, colour.strip()) for name, colour in colours.items())

    def fonts(self, keys: tuple[str, ...], value: Any) -> Properties:
        fonts = self.mapping(keys, value, tuple(FONTS))
        checked = []
        for name, families in fonts.items():
            if isinstance(families, list) and all(isinstance(family, str) for family in families):
                families = ", ".join(families)
            if not isinstance(families, str) or not _FAMILIES.fullmatch(families.strip()):
                raise self.fail((*keys, name), (
                    f"`{'.'.join((*keys, name))}` should be a list of font families, such as "
                    f"Georgia, \"Times New Roman\", serif (each name in quotes, or of letters, digits, hyphens "
                    f"and spaces), got {families!r}"))
            checked.append((FONTS[name], families.strip()))
        return tuple(checked)

    def hard_to_read(self, scheme: str, colours: Properties) -> list[Problem]:
        """A warning for each pair of READ_ON the site changed whose contrast is below WCAG AA."""
        given = dict(colours)
        shown = {**herald_colours()[scheme], **given}
        problems = []
        for text, background in READ_ON:
            if text not in given and background not in given:
                continue
            under = _rgba(shown[background])[:3]
            ratio = contrast(over(_rgba(shown[text]), under), under)
            if ratio < AA:
                blamed = (THEME_KEY, scheme, text if text in given else background)
                message = (
                    f"in `{THEME_KEY}.{scheme}`, `{text}` {_shown(text, shown, given)} on `{background}` "
                    f"{_shown(background, shown, given)} has a contrast of {ratio:.1f}:1, below the {AA}:1 WCAG AA "
                    "asks of text, so some readers cannot read it; make one of them darker or lighter"
                )
                problems.append(Problem(self.path, self.lines.get(blamed), message, "warning", ".".join(blamed)))
        return problems


def _shown(name: str, shown: dict[str, str], given: dict[str, str]) -> str:
    return shown[name] if name in given else f"{shown[name]} (Herald's)"


def _rgba(colour: str) -> RGBA:
    parsed = parse_colour(colour)
    assert parsed is not None, colour  # checked when read, or Herald's own
    return parsed


@functools.cache
def herald_colours() -> dict[str, dict[str, str]]:
    """Herald's own colours in each scheme ("colors", "dark"), as theme.css sets them: what a colour the site
    does not give stays."""
    css = (STATIC_FOLDER / "theme.css").read_text(encoding="utf-8")
    light = re.search(r":root\s*\{([^}]*)\}", css)
    dark = re.search(r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}", css)
    assert light is not None and dark is not None, "theme.css sets its colours in :root, for each scheme"
    return {scheme: _custom_properties(block.group(1)) for scheme, block in zip(SCHEMES, (light, dark))}


def _custom_properties(block: str) -> dict[str, str]:
    return {name: value.strip() for name, value in re.findall(r"--([\w-]+)\s*:\s*([^;]+);", block) if name in COLOURS}


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The file line of every key in the YAML `text`, by its path from the top (("theme", "colors", "accent"))."""
    lines: dict[tuple[str, ...], int] = {}

    def visit(node: yaml.Node | None, keys: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*keys, str(key.value))
                lines[here] = key.start_mark.line + 1
                visit(value, here)

    visit(yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), ())
    return lines
