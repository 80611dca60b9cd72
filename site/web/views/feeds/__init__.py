"""The site's feeds: RSS 2.0 at /feed.xml, Atom 1.0 at /atom.xml, and an RSS feed per tag."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Response, abort, url_for

from herald_site.content import Post, SiteIndex
from herald_site.web.responses import typed_by_path
from herald_site.web.served_index import current_index
from herald_site.web.templating import permalink
from herald_site.web.url_catalog import UrlValues, single_url
from herald_site.web.views.feeds.feed import FeedLinks, make_feed

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

bp = Blueprint("feeds", __name__)

NEVER = datetime(1970, 1, 1, tzinfo=timezone.utc)


@bp.route("/feed.xml")
def rss() -> Response:
    index = current_index()
    links = _links("feeds.rss", "blog.home")
    return typed_by_path(_site_feed(index, index.config.title, index.posts, links).rss_str(pretty=True))


@bp.route("/atom.xml")
def atom() -> Response:
    index = current_index()
    links = _links("feeds.atom", "blog.home")
    return typed_by_path(_site_feed(index, index.config.title, index.posts, links).atom_str(pretty=True))


@bp.route("/tags/<slug>/feed.xml")
def tag_rss(slug: str) -> Response:
    index = current_index()
    tag = index.tags.get(slug) or abort(404, f"No tag {slug!r} has visible posts.")
    links = _links("feeds.tag_rss", "blog.tag", slug=slug)
    title = f"{index.config.title}: {tag.name}"
    return typed_by_path(_site_feed(index, title, tag.posts, links).rss_str(pretty=True))


def _links(feed_endpoint: str, page_endpoint: str, **values: Any) -> FeedLinks:
    return FeedLinks(
        feed=url_for(feed_endpoint, _external=True, **values),
        page=url_for(page_endpoint, _external=True, **values),
        post=lambda post: permalink(post, external=True),
    )


def _site_feed(index: SiteIndex, title: str, posts: Sequence[Post], links: FeedLinks) -> FeedGenerator:
    latest = list(posts[: index.config.feed_size])
    return make_feed(index.config, title, latest, links, _last_change(latest))


def _last_change(posts: Sequence[Post]) -> datetime:
    """When the newest of `posts` last changed; an empty feed never changed (the epoch)."""
    return max((post.updated or post.date for post in posts), default=NEVER)


def _tag_feed_urls(index: SiteIndex) -> Iterator[dict[str, Any]]:
    return ({"slug": slug} for slug in index.tags)


URLS: dict[str, UrlValues] = {"rss": single_url, "atom": single_url, "tag_rss": _tag_feed_urls}
