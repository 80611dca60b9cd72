"""The site's feeds: RSS 2.0 at /feed.xml, Atom 1.0 at /atom.xml, and an RSS feed per tag; each language has its
own, of its own posts, in its folder (/fr/feed.xml)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Response, abort, url_for

from herald_site import urls
from herald_site.content import Post
from herald_site.web.page_languages import current_listing, page_language
from herald_site.web.page_settings import page_site
from herald_site.web.responses import typed_by_path
from herald_site.web.templating import permalink
from herald_site.web.url_catalog import serves
from herald_site.web.views.feeds.feed import FeedLinks, make_feed

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

bp = Blueprint("feeds", __name__)

NEVER = datetime(1970, 1, 1, tzinfo=timezone.utc)


@serves(bp, urls.RSS_FEED)
def rss() -> Response:
    links = _links(urls.RSS_FEED, urls.HOME)
    return typed_by_path(_site_feed(page_site().title, current_listing().posts, links).rss_str(pretty=True))


@serves(bp, urls.ATOM_FEED)
def atom() -> Response:
    links = _links(urls.ATOM_FEED, urls.HOME)
    return typed_by_path(_site_feed(page_site().title, current_listing().posts, links).atom_str(pretty=True))


@serves(bp, urls.TAG_FEED)
def tag_rss(slug: str) -> Response:
    tag = current_listing().tags.get(slug) or abort(404, f"No tag {slug!r} has visible posts.")
    links = _links(urls.TAG_FEED, urls.TAG, slug=slug)
    title = f"{page_site().title}: {tag.name}"
    return typed_by_path(_site_feed(title, tag.posts, links).rss_str(pretty=True))


def _links(feed: urls.UrlShape, page: urls.UrlShape, **values: Any) -> FeedLinks:
    return FeedLinks(
        feed=url_for(feed.endpoint, _external=True, **values),
        page=url_for(page.endpoint, _external=True, **values),
        post=lambda post: permalink(post, external=True),
    )


def _site_feed(title: str, posts: Sequence[Post], links: FeedLinks) -> FeedGenerator:
    """A feed in the page's language, its description and author that language's."""
    config = page_site()
    latest = list(posts[: config.feed_size])
    return make_feed(config, title, latest, links, _last_change(latest), page_language())


def _last_change(posts: Sequence[Post]) -> datetime:
    """When the newest of `posts` last changed; an empty feed never changed (the epoch)."""
    return max((post.updated or post.date for post in posts), default=NEVER)
