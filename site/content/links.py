"""Where a link in a document points inside the site, resolved as a browser would resolve it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import unquote, urljoin, urlsplit

_OFF_SITE = ("https://", "http://", "mailto:", "#")
_NEEDS_PARSING = re.compile(r"[?#%\\]|/\.|\s")


def internal_target(link: str, base_url_path: str) -> str | None:
    """The site path a link points at, resolved against the page's URL; None for other sites and fragments."""
    if link.startswith(_OFF_SITE):
        return None
    if link.startswith("/") and not link.startswith("//") and not _NEEDS_PARSING.search(link):
        return link  # already a plain site path: the common case, without the cost of urljoin
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(urljoin(base_url_path, parts.path))


SiteLink = str | tuple[str, str]
"""A link into the site: its text when that is the site path it points at (most are), else (text, site path)."""


def internal_links(links: Iterable[str], base_url_path: str) -> tuple[SiteLink, ...]:
    """The links into the site among `links`; links elsewhere are left out."""
    found: list[SiteLink] = []
    for link in links:
        target = internal_target(link, base_url_path)
        if target is not None:
            found.append(link if target == link else (link, target))
    return tuple(found)


def link_targets(links: Iterable[SiteLink]) -> Iterator[tuple[str, str]]:
    """Each link as written, with the site path it points at."""
    for link in links:
        yield (link, link) if isinstance(link, str) else link
