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

from herald_site.content.frontmatter import YamlPath, yaml_line
from herald_site.content.home_settings import CallToAction, Figure, HomeSettings, PostCallToAction
from herald_site.content.model import ContentError, Post, SiteConfig
from herald_site.content.yaml_shapes import (
    ShapeError,
    action_url,
    optional_text,
    shaped_entries,
    shaped_mapping,
    shaped_text,
)

SITE_KEYS = frozenset({"mission", "calls_to_action", "figures", "post_call_to_action"})
POST_KEY = "call_to_action"
MAX_CALLS_TO_ACTION = 3  # more than three buttons and none of them stands out
MAX_FIGURES = 4  # one row on a wide screen, two on a phone


def _call_to_action(value: Any, where: YamlPath) -> CallToAction:
    entry = shaped_mapping(value, where, ("label", "url"), ("text",))
    return CallToAction(shaped_text(entry["label"], (*where, "label")), action_url(entry["url"], (*where, "url")),
                        optional_text(entry, "text", where))


def read_post_call_to_action(value: Any, where: YamlPath) -> PostCallToAction:
    """The block ending posts, `{heading, text, label, url}` (`text` optional); raises ShapeError."""
    block = shaped_mapping(value, where, ("heading", "label", "url"), ("text",))
    return PostCallToAction(shaped_text(block["heading"], (*where, "heading")), optional_text(block, "text", where),
                            shaped_text(block["label"], (*where, "label")), action_url(block["url"], (*where, "url")))


def _figure(value: Any, where: YamlPath) -> Figure:
    entry = shaped_mapping(value, where, ("value", "label"), ("source", "source_url"))
    source_url = action_url(entry["source_url"], (*where, "source_url")) if entry.get("source_url") else None
    value, label = shaped_text(entry["value"], (*where, "value")), shaped_text(entry["label"], (*where, "label"))
    return Figure(value, label, optional_text(entry, "source", where), source_url)


def read_mission(value: Any, where: YamlPath) -> tuple[str, str]:
    """The home page's opening, `{heading, text}`, as (heading, text); raises ShapeError."""
    mission = shaped_mapping(value, where, ("heading",), ("text",))
    return shaped_text(mission["heading"], (*where, "heading")), optional_text(mission, "text", where)


def read_calls_to_action(value: Any, where: YamlPath) -> tuple[CallToAction, ...]:
    """Up to three buttons, `- {label, url, text}`; raises ShapeError."""
    entries = shaped_entries(value, where, MAX_CALLS_TO_ACTION)
    return tuple(_call_to_action(entry, (*where, number)) for number, entry in enumerate(entries))


def read_figures(value: Any, where: YamlPath) -> tuple[Figure, ...]:
    """Up to four numbers, `- {value, label, source, source_url}`; raises ShapeError."""
    entries = shaped_entries(value, where, MAX_FIGURES)
    return tuple(_figure(entry, (*where, number)) for number, entry in enumerate(entries))


def settings_error(path: Path, text: str, error: ShapeError) -> ContentError:
    """A ShapeError in site.yml (`text`, at `path`) as the ContentError at its line, naming its top key."""
    return ContentError(path, yaml_line(text, error.where) or 1, error.message, str(error.where[0]))


def site_calls_to_action(path: Path, text: str, data: dict[str, Any]) -> tuple[HomeSettings, PostCallToAction | None]:
    """The home page's settings and the block ending posts, from site.yml's parsed `data` (its `text` gives
    the line of a bad value); raises ContentError naming the line and the key."""
    try:
        mission = data.get("mission")
        heading, intro = read_mission(mission, ("mission",)) if mission is not None else ("", "")
        home = HomeSettings(heading, intro, read_calls_to_action(data.get("calls_to_action"), ("calls_to_action",)),
                            read_figures(data.get("figures"), ("figures",)))
        closing = data.get("post_call_to_action")
        post_block = read_post_call_to_action(closing, ("post_call_to_action",)) if closing is not None else None
        return home, post_block
    except ShapeError as error:
        raise settings_error(path, text, error) from error


def post_call_to_action(value: Any) -> PostCallToAction | Literal[False] | None:
    """A post's frontmatter `call_to_action`: its own block, False for none, None (absent or `true`) for the
    site's; raises ShapeError."""
    if value is None or value is True:
        return None
    if value is False:
        return False
    return read_post_call_to_action(value, (POST_KEY,))


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
