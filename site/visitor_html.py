"""What visitors' HTML may hold, in one place for the service that renders it and the build that bakes it.

The service cleans what it renders from a visitor's Markdown with `clean_html`; the build cleans the comments
it fetches from the service again with the same function and links only the websites `web_address_problem`
accepts, so a wrong or compromised service cannot publish script through the static pages. Only nh3, the
standard library and the theme's catalogues (whose `N_` marks the service's message here) are imported: a build
that bakes comments never loads the service.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

from .i18n import N_

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr", "sub", "sup",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
WEBSITE_SCHEMES = {"http", "https"}
LINK_REL = "nofollow ugc noopener"


def clean_html(html: str) -> str:
    """`html` with everything outside the allowlist removed: links get LINK_REL, comments and scripts go."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def web_address_problem(value: str) -> str | None:
    """Why `value` is not a website a visitor may link (http or https, with a host), or None when it is."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018  (raises for a port that is not a number from 0 to 65535)
    except ValueError:  # a malformed IPv6 literal or port
        host = None
    # A backslash makes Python and browsers disagree about the host (https://a.org\@b.org), so none is taken.
    unsafe = "\\" in value or any(c.isspace() for c in value)
    if not host or parts.scheme.lower() not in WEBSITE_SCHEMES or unsafe:
        return N_("Use a full address starting with http:// or https://, or leave it out.")
    return None
