"""Sharing a post: the links under it (`share_links`, plain links that ask nothing of another host until clicked)
and the page at /share/mastodon/ that asks the visitor for their Mastodon server, since Mastodon has no one
address to share to; its script (share-mastodon.js) sends them to https://<server>/share?text=..."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from flask import Blueprint, render_template, url_for

from herald_site import urls
from herald_site.content.model import Post
from herald_site.content.share_frontmatter import own_share
from herald_site.web.templating import permalink
from herald_site.web.url_catalog import serves

bp = Blueprint("share", __name__)
REMEMBER_KEY = "herald-mastodon-server"  # the localStorage key, only set when the visitor ticks the box


@dataclass(frozen=True)
class ShareLink:
    network: str  # its data-track name and, but for email, its label
    href: str


def _query(**values: str) -> str:
    """A query string with every value %-escaped whole (`/`, `&`, `#` too), as a link's parameters need."""
    return "&".join(f"{name}={quote(value, safe='')}" for name, value in values.items())


@serves(bp, urls.SHARE_MASTODON)
def mastodon() -> str:
    return render_template("pages/share_mastodon.html", remember_key=REMEMBER_KEY)


@bp.app_template_global()
def share_links(post: Post) -> list[ShareLink]:
    """Where a reader can share `post`: each network's own share address with the post's title or share text and
    its URL, and our Mastodon page."""
    url = permalink(post, external=True)
    words = own_share(post.extra)[0] or post.title
    message = f"{words} {url}"
    return [
        ShareLink("Mastodon", url_for("share.mastodon") + "?" + _query(text=message)),
        ShareLink("Bluesky", "https://bsky.app/intent/compose?" + _query(text=message)),
        ShareLink("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + _query(url=url)),
        ShareLink("Facebook", "https://www.facebook.com/sharer/sharer.php?" + _query(u=url)),
        ShareLink("WhatsApp", "https://wa.me/?" + _query(text=message)),
        ShareLink("Telegram", "https://t.me/share/url?" + _query(url=url, text=words)),
        ShareLink("email", "mailto:?" + _query(subject=post.title, body=message)),
    ]
