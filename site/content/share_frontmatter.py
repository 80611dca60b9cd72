"""A post's own words and picture for the links people share (`share: {text: ..., image: ...}` in its
frontmatter): what Open Graph, Twitter Cards and the share links use in place of its summary and cover."""

from __future__ import annotations

from dataclasses import dataclass

from herald_site.content.frontmatter import SourceDocument
from herald_site.content.model import Problem

SHARE_KEY = "share"
_FIELDS = ("text", "image")


@dataclass(frozen=True)
class ShareCard:
    """What a shared link shows of a post: `text` (or None: its summary) and `image` (or None: its cover or the
    site's image), a site path or an absolute URL."""

    text: str | None = None
    image: str | None = None


def share_problems(source: SourceDocument) -> list[Problem]:
    """What is wrong with the frontmatter's `share`, at its line: it is a mapping of `text` and `image`, as text."""
    value = source.metadata.get(SHARE_KEY)
    if value is None:
        return []
    example = "`share: {text: A line for social networks, image: card.png}`"
    if not isinstance(value, dict) or not set(value) <= set(_FIELDS):
        message = f"`{SHARE_KEY}` should give `text` and/or `image`, like {example}"
        return [Problem(source.path, source.line_of(SHARE_KEY), message, "error", SHARE_KEY)]
    return [Problem(source.path, source.line_of(SHARE_KEY), f"`{SHARE_KEY}.{name}` should be text, got {given!r}",
                    "error", f"{SHARE_KEY}.{name}")
            for name, given in value.items() if not isinstance(given, str) or not given.strip()]
