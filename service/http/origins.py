"""The site's and the service's origins, and the one page a browser's form post is sent back to.

A plain form post (no JavaScript) is answered with a 303 back to its page, and an error page links back to it.
Both take that page from the Referer only when it is an http(s) page of the site's or the service's own origin
and names a path: another site, a scheme-relative `//elsewhere/`, a `javascript:` URL or an unparseable one is
never followed. A Referer that carries only an origin says nothing about the page either: browsers send just
that across origins (strict-origin-when-cross-origin), as when the service runs on an origin of its own. Then
the page the service knows the post belongs to (a comment's page, the board) is used instead.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

from flask import current_app, request

WEB_SCHEMES = {"http", "https"}


def site_origin() -> str | None:
    """The static site's origin (scheme://host[:port]) as configured, without a trailing slash."""
    origin = current_app.config.get("HERALD_SITE_ORIGIN")
    return origin.rstrip("/") if origin else None


def own_origins() -> set[str]:
    """The origins that are this site: the service's own, and the site's when one is configured."""
    configured = site_origin()
    own = request.host_url.rstrip("/")
    return {own, configured} if configured else {own}


def origin_of(url: str) -> str | None:
    """The scheme://host[:port] of a URL, or None when it has none (or cannot be parsed, like `http://[::1`)."""
    parts = _parts(url)
    return f"{parts.scheme}://{parts.netloc}" if parts and parts.scheme and parts.netloc else None


def page_to_return_to(known_page: str = "/") -> str:
    """Where a browser goes back to after a form post: the Referer when it is a page of ours, else `known_page`
    (a path) on the site, or on the service when no site origin is configured."""
    referrer = request.referrer or ""
    parts = _parts(referrer)
    if parts and parts.scheme in WEB_SCHEMES and origin_of(referrer) in own_origins() and parts.path.strip("/"):
        return referrer
    return (site_origin() or "") + known_page


def _parts(url: str) -> SplitResult | None:
    try:
        return urlsplit(url)
    except ValueError:
        return None
