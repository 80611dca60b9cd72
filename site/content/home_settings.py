"""What a cause's site asks of its visitors: the home page's mission, calls to action and figures, and the block
ending posts, as plain data (read by herald_site.content.calls_to_action)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CallToAction:
    """A button on the home page asking the visitor to act (donate, join, write); `text` says a little more."""

    label: str
    url: str  # a site path or an http(s) URL
    text: str = ""
    # What the analytics count its presses under (herald_site.content.language_settings): a language's button
    # takes the name of the site-wide one in its place, so "Faire un don" counts with "Donate"; else its label's.
    track: str = ""


@dataclass(frozen=True)
class PostCallToAction:
    """The block that ends a post: a heading, a sentence or two and one button."""

    heading: str
    text: str
    label: str
    url: str
    track: str = ""  # as CallToAction's


@dataclass(frozen=True)
class Figure:
    """A number the organisation chooses to show on its home page, and where it comes from."""

    value: str
    label: str
    source: str = ""
    source_url: str | None = None


@dataclass(frozen=True)
class HomeSettings:
    """What the home page says above the posts: the mission, the calls to action and the figures (all optional)."""

    mission_heading: str = ""
    mission_text: str = ""
    calls_to_action: tuple[CallToAction, ...] = ()
    figures: tuple[Figure, ...] = ()
