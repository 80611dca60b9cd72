"""Building RSS 2.0 and Atom 1.0 documents from posts with feedgen; no Flask request needed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from herald_site.content import Post, SiteConfig

if TYPE_CHECKING:  # feedgen (with dateutil and lxml) loads only when a feed is rendered, not on every rebuild
    from feedgen.feed import FeedGenerator

_URL_ATTRIBUTE = re.compile(r"""(\s(?:href|src|poster)=)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)


def absolute_links(html: str, base_url: str) -> str:
    """`html` with every href, src and poster resolved against `base_url`: feed readers have no page to resolve from."""
    return _URL_ATTRIBUTE.sub(
        lambda found: f"{found[1]}{found[2]}{urljoin(base_url, found[3])}{found[2]}", html
    )


@dataclass(frozen=True)
class FeedLinks:
    """Absolute URLs a feed needs: itself, the page it mirrors, and how to reach each post."""

    feed: str
    page: str
    post: Callable[[Post], str]


def make_feed(
    config: SiteConfig, title: str, posts: Sequence[Post], links: FeedLinks, last_change: datetime, language: str
) -> FeedGenerator:
    """A feed of `posts` (newest first) in `language` (a code), with their full content.

    `last_change` becomes the feed's update time; passing the newest post's date rather than the clock keeps
    two builds of the same content byte-identical.
    """
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.load_extension("dc")
    feed.id(links.page)
    feed.title(title)
    feed.description(config.description or title)
    feed.language(language)
    if config.author:
        feed.author(name=config.author)
    feed.link(href=links.feed, rel="self")
    feed.link(href=links.page, rel="alternate")
    feed.updated(last_change)
    for post in posts:
        _add_entry(feed, post, links.post(post))
    return feed


def _add_entry(feed: FeedGenerator, post: Post, url: str) -> None:
    entry = feed.add_entry(order="append")
    entry.id(url)
    entry.guid(url, permalink=True)
    entry.title(post.title)
    entry.link(href=url, rel="alternate")
    entry.published(post.date)
    entry.updated(post.updated or post.date)
    if post.summary:
        entry.summary(post.summary)
    entry.content(absolute_links(post.html, url), type="html")
    if post.author:
        entry.author(name=post.author)
        entry.dc.dc_creator(post.author)
    for name in (*post.categories, *post.tags):
        entry.category(term=name)
