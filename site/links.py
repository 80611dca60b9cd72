"""Where a link in a document points inside the site, resolved as a browser would resolve it."""

from __future__ import annotations

import re
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


def internal_links(links: tuple[str, ...], base_url_path: str) -> tuple[tuple[str, str], ...]:
    """Each link into the site, as written and as the site path it points at; links elsewhere are left out."""
    return tuple((link, target) for link in links if (target := internal_target(link, base_url_path)) is not None)
