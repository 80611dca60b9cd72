"""A post's own words and picture for the links people share (`share: {text: ..., image: ...}` in its
frontmatter): what Open Graph, Twitter Cards and the share links use in place of its summary and cover; and its
author's Mastodon account (`fediverse_creator: "@name@server"`), named in place of the site's. Checked here, read
from the post's `extra` by herald_site.web.social_meta."""

from __future__ import annotations

from typing import Any

from herald_site.content.frontmatter import SourceDocument
from herald_site.content.model import Problem
from herald_site.content.social_accounts import NETWORKS

SHARE_KEY = "share"
CREATOR_KEY = "fediverse_creator"
_FIELDS = ("text", "image")
SHARE_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")  # what link previews show (not SVG)


def share_problems(source: SourceDocument) -> list[Problem]:
    """What is wrong with the frontmatter's `share` (a mapping of `text` and `image`, as text; the image one link
    previews can show) and `fediverse_creator`, each at its line."""
    problems = _creator_problems(source)
    value = source.metadata.get(SHARE_KEY)
    if value is None:
        return problems
    example = "`share: {text: A line for social networks, image: card.png}`"
    if not isinstance(value, dict) or not set(value) <= set(_FIELDS):
        message = f"`{SHARE_KEY}` should give `text` and/or `image`, like {example}"
        return [*problems, Problem(source.path, source.line_of(SHARE_KEY), message, "error", SHARE_KEY)]
    for name, given in value.items():
        if not isinstance(given, str) or not given.strip():
            message = f"`{SHARE_KEY}.{name}` should be text, got {given!r}"
        elif name == "image" and not given.lower().endswith(SHARE_IMAGE_SUFFIXES):
            message = (f"`{SHARE_KEY}.image` should be a PNG, JPEG or WebP picture (link previews show no SVG), "
                       f"got {given!r}")
        else:
            continue
        problems.append(Problem(source.path, source.line_of(SHARE_KEY), message, "error", f"{SHARE_KEY}.{name}"))
    return problems


def _creator_problems(source: SourceDocument) -> list[Problem]:
    value = source.metadata.get(CREATOR_KEY)
    if value is None:
        return []
    try:
        NETWORKS["mastodon"].url_of(value if isinstance(value, str) else "")
    except ValueError as error:
        message = f"`{CREATOR_KEY}` should be a Mastodon handle: {error}"
        return [Problem(source.path, source.line_of(CREATOR_KEY), message, "error", CREATOR_KEY)]
    return []


def own_share(extra: dict[str, Any]) -> tuple[str | None, str | None]:
    """The `share` text and image a post's frontmatter gives (kept in its `extra`, checked by `share_problems`),
    each None when not given; the image as written (herald_site.content.documents.image_url places it)."""
    given = extra.get(SHARE_KEY) or {}
    return (given.get("text") or "").strip() or None, (given.get("image") or "").strip() or None
