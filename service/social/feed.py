"""The site's own feed, read to learn which posts exist: the build publishes it, so the service needs no other
channel from the site. feedparser reads it (Atom, RSS or JSON Feed alike)."""

from __future__ import annotations

import calendar
import html
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import feedparser
import nh3
import requests

from .models import TITLE_MAX, URL_MAX
from .remote import USER_AGENT

SUMMARY_MAX = 1000


class FeedUnavailable(Exception):
    """The site's feed could not be read; the message says where and why."""


@dataclass(frozen=True)
class FeedPost:
    """One post as the feed lists it."""

    url: str
    page: str  # the path on the site, as comments name the page
    title: str
    summary: str
    image: str | None
    published: datetime


def read_feed(url: str, *, timeout: float) -> list[FeedPost]:
    """Every post the feed at `url` lists with a link, a title and a date; others are skipped."""
    try:
        response = requests.get(url, timeout=timeout, headers={"User-Agent": USER_AGENT})
        response.raise_for_status()
    except requests.RequestException as error:
        raise FeedUnavailable(f"GET {url} failed: {error}") from error
    parsed = feedparser.parse(response.content)
    if parsed.bozo and not parsed.entries:
        raise FeedUnavailable(f"{url} is not a feed: {parsed.get('bozo_exception')}")
    return [post for entry in parsed.entries if (post := _post(entry)) is not None]


def _post(entry: feedparser.FeedParserDict) -> FeedPost | None:
    link, title = entry.get("link"), entry.get("title")
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    parts = urlsplit(link or "")
    if parts.scheme not in {"http", "https"} or not title or moment is None or len(link) > URL_MAX:
        return None
    return FeedPost(url=link, page=parts.path or "/", title=title[:TITLE_MAX],
                    summary=_plain(entry.get("summary") or "")[:SUMMARY_MAX], image=_image(entry),
                    published=datetime.fromtimestamp(calendar.timegm(moment), UTC))


def _plain(summary: str) -> str:
    """A summary as plain text (a feed's summary may be HTML): tags dropped, entities read, spaces collapsed."""
    return " ".join(html.unescape(nh3.clean(summary, tags=set())).split())


def _image(entry: feedparser.FeedParserDict) -> str | None:
    """The post's picture: an image enclosure, else a media:thumbnail."""
    for link in entry.get("links", ()):
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return link.get("href")
    thumbnails = entry.get("media_thumbnail") or ()
    return thumbnails[0].get("url") if thumbnails else None
