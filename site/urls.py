"""The site's URL shapes: one place that says where every kind of page lives.

The views register exactly these paths, and the content checks use them to tell a good internal link from a
broken one. Every page URL ends in "/" (frozen as ``.../index.html``); files keep their names.

================================  ===============================================================
``/``, ``/page/N/``               home: the latest posts, page N >= 2 of them
post ``url_path``                 ``/YYYY/MM/DD/slug/`` (the post's date in the site's time zone;
                                  slug from the file name, Jekyll's date prefix dropped), or the
                                  post's ``permalink``/``path``
page ``url_path``                 ``/slug/`` from the file name in content/pages/, or its ``permalink``
``/tags/``                        the index of tags
``/tags/<slug>/``                 a tag's posts, ``/tags/<slug>/page/N/`` for N >= 2
``/tags/<slug>/feed.xml``         a tag's RSS feed
``/categories/<slug>/``           a category's posts, ``/categories/<slug>/page/N/`` for N >= 2
``/archive/``, ``/archive/Y/``    all posts by year, one year's posts
``/feed.xml``, ``/atom.xml``      the RSS 2.0 and Atom 1.0 feeds of the latest posts
``/sitemap.xml``, ``/robots.txt`` for crawlers
``/404.html``                     the page a host serves for unknown paths
``/favicon.ico``, ``/apple-touch-icon.png``, ``/icon-N.png``, ``/site.webmanifest``
                                  the site icon in the sizes browsers and phones ask for, and the
                                  web app manifest listing them
``/media/<path>``                 the files under content/media/
``/_herald/shell.html``           the site's look around an empty page, which the service wraps its own
                                  pages in (herald_site.page_shell); out of the sitemap, noindex
``/static/<path>``                the theme's files under site/web/static/
================================  ===============================================================
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

HOME = "/"
TAG_INDEX = "/tags/"
ARCHIVE = "/archive/"
RSS_FEED = "/feed.xml"
ATOM_FEED = "/atom.xml"
SITEMAP = "/sitemap.xml"
ROBOTS = "/robots.txt"
NOT_FOUND = "/404.html"
MEDIA_PREFIX = "/media/"
STATIC_PREFIX = "/static/"
STATIC_FOLDER = Path(__file__).resolve().parent / "web" / "static"  # the theme's files, served under STATIC_PREFIX
FAVICON = "/favicon.ico"
TOUCH_ICON = "/apple-touch-icon.png"
WEB_MANIFEST = "/site.webmanifest"
HERALD_PREFIX = "/_herald/"  # files Herald writes for its own use, not for readers
SHELL = f"{HERALD_PREFIX}shell.html"
APP_ICON_SIZES = (192, 512)  # what the web app manifest lists (Android's home screen and splash screen)


def app_icon_url(size: int) -> str:
    return f"/icon-{size}.png"


ICON_URLS = (FAVICON, TOUCH_ICON, *(app_icon_url(size) for size in APP_ICON_SIZES), WEB_MANIFEST)

# Paths the site generates itself; a post or page that claims one would be overwritten by the listing.
RESERVED_PREFIXES = ("/page/", "/tags/", "/categories/", "/archive/", MEDIA_PREFIX, STATIC_PREFIX, HERALD_PREFIX)
RESERVED_PATHS = frozenset({HOME, RSS_FEED, ATOM_FEED, SITEMAP, ROBOTS, NOT_FOUND, *ICON_URLS})


@functools.lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """A lower-case ASCII slug: "Clean Air: Now!" -> "clean-air-now". Empty text gives "".

    Remembered, since a site of thousands of posts slugifies its few tag names tens of thousands of times.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def normalize_url_path(raw: str) -> str:
    """A custom permalink as a site path with one leading and one trailing slash: "a/b" -> "/a/b/".

    Raises ValueError, saying what is wrong, for a value that could lead anywhere but to a page of this site
    once the freezer, a browser or a web server reads it: a full URL (scheme://...), a "." or ".." part, a backslash
    or a control character, also when written with %-escapes (%2e%2e, or %252e%252e escaped twice).
    """
    text = raw.strip()
    decoded = _unescaped(text)
    shown = f"{text!r}" + (f" (read as {decoded!r})" if decoded != text else "")
    if _FULL_URL.match(decoded):
        raise ValueError(f"{shown} is a full URL; a permalink is a path on this site, like /school-streets/")
    control = _CONTROL.search(decoded)
    if control:
        raise ValueError(f"{shown} has the control character U+{ord(control.group()):04X}; delete it")
    if "\\" in decoded:
        raise ValueError(f"{shown} has a backslash; separate the parts of a path with /")
    dots = next((part for part in decoded.split("/") if part in (".", "..")), None)
    if dots:
        raise ValueError(
            f"{shown} has a {dots!r} part, which would lead outside the site; write the path from the site's "
            "root, like /campaigns/join/"
        )
    parts = [part for part in text.split("/") if part]
    return "/" + "".join(f"{part}/" for part in parts)


# "//a/b" is no URL of its own here: Herald has always read it as the path /a/b/ (repeated slashes count once).
_FULL_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _unescaped(text: str) -> str:
    """`text` with its %-escapes decoded until none is left: a server or a second tool may decode it again."""
    while (decoded := unquote(text)) != text:
        text = decoded
    return text


def post_url(date: datetime, slug: str) -> str:
    """The default URL of a post, Jekyll-like; `date` should already be in the site's time zone."""
    return f"/{date:%Y/%m/%d}/{slug}/"


def page_url(slug: str) -> str:
    return f"/{slug}/"


def tag_url(slug: str) -> str:
    return f"/tags/{slug}/"


def tag_feed_url(slug: str) -> str:
    return f"/tags/{slug}/feed.xml"


def category_url(slug: str) -> str:
    return f"/categories/{slug}/"


def archive_year_url(year: int) -> str:
    return f"/archive/{year}/"


def page_count(item_count: int, per_page: int) -> int:
    """How many pages a listing has; an empty listing still has its first page."""
    return max(1, math.ceil(item_count / per_page))


def paginated_urls(first_page: str, item_count: int, per_page: int) -> list[str]:
    """The URLs of a listing split into pages: the first page, then ``first_page + "page/N/"``."""
    pages = page_count(item_count, per_page)
    return [first_page, *(f"{first_page}page/{number}/" for number in range(2, pages + 1))]


def reserved_owner(url_path: str) -> str | None:
    """Why a document may not take `url_path` (the generated page that owns it), or None when it is free."""
    if url_path in RESERVED_PATHS or url_path.rstrip("/") in RESERVED_PATHS:  # "/feed.xml/" would shadow the feed
        return "a page Herald generates"
    for prefix in RESERVED_PREFIXES:
        if url_path.startswith(prefix):
            return f"Herald's pages under {prefix}"
    return None


def generated_urls(
    post_count: int,
    per_page: int,
    tags: Iterable[tuple[str, int]],
    categories: Iterable[tuple[str, int]],
    years: Iterable[int],
) -> set[str]:
    """Every listing, feed, icon and Herald URL the site has, given (slug, post count) of each tag and category."""
    urls = set(paginated_urls(HOME, post_count, per_page))
    urls |= {TAG_INDEX, ARCHIVE, RSS_FEED, ATOM_FEED, SITEMAP, ROBOTS, NOT_FOUND, SHELL, *ICON_URLS}
    for slug, count in tags:
        urls |= {*paginated_urls(tag_url(slug), count, per_page), tag_feed_url(slug)}
    for slug, count in categories:
        urls |= set(paginated_urls(category_url(slug), count, per_page))
    urls |= {archive_year_url(year) for year in years}
    return urls
