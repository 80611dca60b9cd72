"""What a cause's site asks of its visitors: the home page's mission, calls to action and figures, and the call
to action that ends posts, read from site.yml and a post's frontmatter.

site.yml may hold `mission` (a heading and a sentence or two), `calls_to_action` (up to three buttons, the first
the main one), `figures` (up to four numbers, each with where it comes from) and `post_call_to_action` (the
block that ends every post); a post's `call_to_action` replaces that block with its own, or with `false` leaves
it out. Every URL here is one a visitor follows: it must be a path on this site (/about/) or an http(s)
address, never `javascript:` or anything else. Each mapping takes only its own keys, so a typo is an error,
not a silently missing button.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from herald_site.content.frontmatter import YamlPath, yaml_line
from herald_site.content.home_settings import CallToAction, Figure, HomeSettings, PostCallToAction
from herald_site.content.model import ContentError, Post, SiteConfig

SITE_KEYS = frozenset({"mission", "calls_to_action", "figures", "post_call_to_action"})
POST_KEY = "call_to_action"
MAX_CALLS_TO_ACTION = 3  # more than three buttons and none of them stands out
MAX_FIGURES = 4  # one row on a wide screen, two on a phone


class ShapeError(Exception):
    """A value of the wrong shape at `where`: the keys and list positions leading to it from the top."""

    def __init__(self, where: YamlPath, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def _name(where: YamlPath) -> str:
    """`calls_to_action` entry 2's `url`, as an editor reads the place of a value."""
    name = f"`{where[0]}`"
    for step in where[1:]:
        name += f" entry {step + 1}" if isinstance(step, int) else f" `{step}`"
    return name


def _text(value: Any, where: YamlPath) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
        raise ShapeError(where, f"{_name(where)} should be text, got {value!r}")
    return str(value).strip()


def action_url(value: Any, where: YamlPath) -> str:
    """A URL a visitor follows: a path on this site or an http(s) address."""
    url = _text(value, where)
    parts = urlsplit(url)
    on_site = url.startswith("/") and not url.startswith("//")
    elsewhere = parts.scheme in ("http", "https") and bool(parts.netloc)
    if "\\" in url or any(char.isspace() or not char.isprintable() for char in url) or not (on_site or elsewhere):
        message = f"{_name(where)} should be a path on this site such as /about/ or an http(s) address, got {url!r}"
        raise ShapeError(where, message)
    return url


def _mapping(value: Any, where: YamlPath, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """A mapping with every `required` key and no keys but those and the `optional` ones."""
    shape = ", ".join(f"{key}: ..." for key in required)
    if not isinstance(value, dict):
        raise ShapeError(where, f"{_name(where)} should be a mapping like `{{{shape}}}`, got {value!r}")
    for key in value:
        if key not in required and key not in optional:
            known = ", ".join((*required, *optional))
            raise ShapeError((*where, key), f"{_name(where)} has an unknown key `{key}`; it takes {known}")
    for key in required:
        if value.get(key) is None:
            raise ShapeError(where, f"{_name(where)} misses `{key}`; give it like `{{{shape}}}`")
    return value


def _optional_text(mapping: dict[str, Any], key: str, where: YamlPath) -> str:
    return "" if mapping.get(key) is None else _text(mapping[key], (*where, key))


def _entries(value: Any, where: YamlPath, most: int) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ShapeError(where, f"{_name(where)} should be a list of entries, each starting with `- `")
    if len(value) > most:
        raise ShapeError((*where, most), f"{_name(where)} has {len(value)} entries; give at most {most}")
    return value


def _call_to_action(value: Any, where: YamlPath) -> CallToAction:
    entry = _mapping(value, where, ("label", "url"), ("text",))
    return CallToAction(_text(entry["label"], (*where, "label")), action_url(entry["url"], (*where, "url")),
                        _optional_text(entry, "text", where))


def _post_call_to_action(value: Any, where: YamlPath) -> PostCallToAction:
    block = _mapping(value, where, ("heading", "label", "url"), ("text",))
    return PostCallToAction(_text(block["heading"], (*where, "heading")), _optional_text(block, "text", where),
                            _text(block["label"], (*where, "label")), action_url(block["url"], (*where, "url")))


def _figure(value: Any, where: YamlPath) -> Figure:
    entry = _mapping(value, where, ("value", "label"), ("source", "source_url"))
    source_url = action_url(entry["source_url"], (*where, "source_url")) if entry.get("source_url") else None
    value, label = _text(entry["value"], (*where, "value")), _text(entry["label"], (*where, "label"))
    return Figure(value, label, _optional_text(entry, "source", where), source_url)


def _home(data: dict[str, Any]) -> HomeSettings:
    heading = text = ""
    if data.get("mission") is not None:
        mission = _mapping(data["mission"], ("mission",), ("heading",), ("text",))
        heading, text = _text(mission["heading"], ("mission", "heading")), _optional_text(mission, "text", ("mission",))
    actions = _entries(data.get("calls_to_action"), ("calls_to_action",), MAX_CALLS_TO_ACTION)
    figures = _entries(data.get("figures"), ("figures",), MAX_FIGURES)
    return HomeSettings(
        heading, text,
        tuple(_call_to_action(entry, ("calls_to_action", number)) for number, entry in enumerate(actions)),
        tuple(_figure(entry, ("figures", number)) for number, entry in enumerate(figures)),
    )


def site_calls_to_action(path: Path, text: str, data: dict[str, Any]) -> tuple[HomeSettings, PostCallToAction | None]:
    """The home page's settings and the block ending posts, from site.yml's parsed `data` (its `text` gives
    the line of a bad value); raises ContentError naming the line and the key."""
    try:
        closing = data.get("post_call_to_action")
        post_block = _post_call_to_action(closing, ("post_call_to_action",)) if closing is not None else None
        return _home(data), post_block
    except ShapeError as error:
        raise ContentError(path, yaml_line(text, error.where) or 1, error.message, str(error.where[0])) from error


def post_call_to_action(value: Any) -> PostCallToAction | Literal[False] | None:
    """A post's frontmatter `call_to_action`: its own block, False for none, None (absent or `true`) for the
    site's; raises ShapeError."""
    if value is None or value is True:
        return None
    if value is False:
        return False
    return _post_call_to_action(value, (POST_KEY,))


def closing_call_to_action(post: Post, config: SiteConfig) -> PostCallToAction | None:
    """The block that ends the post: its own, else the site's, unless it asked for none."""
    if post.call_to_action is False:
        return None
    return post.call_to_action or config.post_call_to_action


def settings_links(config: SiteConfig) -> Iterator[tuple[str, str, str]]:
    """Each URL these settings send visitors to: (site.yml key, what links, URL)."""
    for action in config.home.calls_to_action:
        yield "calls_to_action", f"call to action {action.label!r}", action.url
    for figure in config.home.figures:
        if figure.source_url:
            yield "figures", f"the source of figure {figure.value!r}", figure.source_url
    if config.post_call_to_action is not None:
        yield "post_call_to_action", "the call to action ending posts", config.post_call_to_action.url
