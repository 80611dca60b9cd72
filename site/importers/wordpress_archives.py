"""The old site's list pages, kept as redirects to Herald's own: a category's archive (`/category/news/`, and its
pages `/category/news/page/2/`) to `/categories/news/`, a tag's (`/tag/robins/`) to `/tags/robins/`, a year's
and a month's (`/2024/`, `/2024/05/`) to `/archive/2024/`, and the feed (`/feed/`) to `/feed.xml`. They go into
the site.yml the import writes, so links and bookmarks to the old lists still lead somewhere.

Only lists Herald builds are kept: those of published posts (a category of drafts only has no page), an address
no imported document takes and Herald does not make. WordPress shows ten posts a page unless told otherwise,
and its export does not say, so a category's or tag's pages past the first are counted by ten; each leads to
Herald's first page of the list, which stays whatever the site's `posts_per_page`. The addresses follow
WordPress's default bases (`category`, `tag`), which most sites keep. Author archives are not kept: Herald has
no page per author.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from datetime import date
from urllib.parse import unquote

from herald_site.importers.wordpress_plan import POST, PlannedDocument
from herald_site.importers.wxr import WxrItem
from herald_site.slugs import slugify
from herald_site.urls import ARCHIVE_YEAR, CATEGORY, RSS_FEED, TAG, reserved_owner
from herald_site.written_paths import redirect_source

WORDPRESS_PER_PAGE = 10  # WordPress's default "Blog pages show at most"
_TERM_ARCHIVES = (("category", "category", CATEGORY), ("post_tag", "tag", TAG))  # (domain, old base, Herald's)


def archive_redirects(documents: Iterable[PlannedDocument]) -> dict[str, str]:
    """The old site's list addresses, each with Herald's page of the same list, in a stable order."""
    documents = list(documents)
    posts = _published_posts(documents)
    found: dict[str, str] = {}
    for domain, base, shape in _TERM_ARCHIVES:
        for (nicename, slug), count in sorted(_term_counts(posts, domain).items()):
            target = shape.path(slug=slug)
            found.setdefault(f"/{base}/{unquote(nicename)}/", target)
            for number in range(2, math.ceil(count / WORDPRESS_PER_PAGE) + 1):
                found.setdefault(f"/{base}/{unquote(nicename)}/page/{number}/", target)
    for local, year in sorted({_dates(item) for item in posts if item.date or item.local_date}):
        found.setdefault(f"/{local:%Y}/", ARCHIVE_YEAR.path(year=year))
        found.setdefault(f"/{local:%Y/%m}/", ARCHIVE_YEAR.path(year=year))
    if posts:
        found["/feed/"] = RSS_FEED.path()
    taken = {document.url_path for document in documents}
    return {source: target for source, target in found.items() if _free(source, taken)}


def term_page(documents: Iterable[PlannedDocument], domain: str, name: str) -> str | None:
    """Herald's list page of the category or tag (`domain`) named `name`, or None when Herald makes none: no
    published post has it, or it is another kind of term."""
    slug = slugify(html.unescape(name))
    shape = next((shape for known, _, shape in _TERM_ARCHIVES if known == domain), None)
    listed = {found for _, found in _term_counts(_published_posts(list(documents)), domain)}
    return shape.path(slug=slug) if shape and slug in listed else None


def _published_posts(documents: list[PlannedDocument]) -> list[WxrItem]:
    return [document.item for document in documents
            if document.kind == POST and not document.draft and document.item.status == "publish"]


def _term_counts(posts: list[WxrItem], domain: str) -> dict[tuple[str, str], int]:
    """The posts' terms of `domain` as (nicename, Herald's slug of the name), each with its number of posts."""
    counts: dict[tuple[str, str], int] = {}
    for item in posts:
        for name, nicename in item.nicenames(domain):
            slug = slugify(html.unescape(name))
            if slug and nicename:
                counts[(nicename, slug)] = counts.get((nicename, slug), 0) + 1
    return counts


def _dates(item: WxrItem) -> tuple[date, int]:
    """A post's month on the old site (its wall-clock date, as WordPress's archives read it), and the year of
    Herald's archive that lists it (its UTC date: the imported site's time zone)."""
    local = item.local_date or item.date
    assert local is not None
    return local.date().replace(day=1), (item.date or local).year


def _free(source: str, taken: set[str]) -> bool:
    """Whether the old address can redirect: a valid path no imported document and none of Herald's pages has."""
    try:
        path = redirect_source(source)
    except ValueError:
        return False
    return path == source and path not in taken and reserved_owner(path) is None
