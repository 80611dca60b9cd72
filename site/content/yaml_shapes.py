"""Checking the shape of a YAML value an editor wrote (site.yml's settings, a post's `call_to_action`): text, a
mapping of known keys, a list of entries, a URL a visitor follows. A wrong one is a ShapeError naming its place
(the keys and list positions leading to it), which the reader turns into a ContentError at its line.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from herald_site.content.frontmatter import YamlPath


class ShapeError(Exception):
    """A value of the wrong shape at `where`: the keys and list positions leading to it from the top."""

    def __init__(self, where: YamlPath, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def place_name(where: YamlPath) -> str:
    """`calls_to_action` entry 2 `url`, as an editor reads the place of a value."""
    name = f"`{where[0]}`"
    for step in where[1:]:
        name += f" entry {step + 1}" if isinstance(step, int) else f" `{step}`"
    return name


def shaped_text(value: Any, where: YamlPath) -> str:
    """Text that says something (a number written bare counts: `value: 12`)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
        raise ShapeError(where, f"{place_name(where)} should be text, got {value!r}")
    return str(value).strip()


def optional_text(mapping: dict[str, Any], key: str, where: YamlPath) -> str:
    """The mapping's text at `key`, or "" when it has none."""
    return "" if mapping.get(key) is None else shaped_text(mapping[key], (*where, key))


def action_url(value: Any, where: YamlPath) -> str:
    """A URL a visitor follows: a path on this site or an http(s) address."""
    url = shaped_text(value, where)
    parts = urlsplit(url)
    on_site = url.startswith("/") and not url.startswith("//")
    elsewhere = parts.scheme in ("http", "https") and bool(parts.netloc)
    if "\\" in url or any(char.isspace() or not char.isprintable() for char in url) or not (on_site or elsewhere):
        raise ShapeError(where, f"{place_name(where)} should be a path on this site such as /about/ or an http(s) "
                                f"address, got {url!r}")
    return url


def shaped_mapping(
    value: Any, where: YamlPath, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A mapping with every `required` key and no keys but those and the `optional` ones."""
    shape = ", ".join(f"{key}: ..." for key in required)
    if not isinstance(value, dict):
        raise ShapeError(where, f"{place_name(where)} should be a mapping like `{{{shape}}}`, got {value!r}")
    for key in value:
        if key not in required and key not in optional:
            known = ", ".join((*required, *optional))
            raise ShapeError((*where, key), f"{place_name(where)} has an unknown key `{key}`; it takes {known}")
    for key in required:
        if value.get(key) is None:
            raise ShapeError(where, f"{place_name(where)} misses `{key}`; give it like `{{{shape}}}`")
    return value


def shaped_entries(value: Any, where: YamlPath, most: int | None = None) -> list[Any]:
    """A list (none: empty) of at most `most` entries."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ShapeError(where, f"{place_name(where)} should be a list of entries, each starting with `- `")
    if most is not None and len(value) > most:
        raise ShapeError((*where, most), f"{place_name(where)} has {len(value)} entries; give at most {most}")
    return value
