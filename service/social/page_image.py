"""A post's picture from its own page, when the feed gives none: the `og:image` the site's head declares, read as
Bluesky's own apps read it for a link card. Only the page's head is parsed, and only so many bytes are read."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests

from .remote import USER_AGENT

HEAD_BYTES_MAX = 256 * 1024  # a page's head lies well within this; more is never read


class _OpenGraphImage(HTMLParser):
    """Finds the first `<meta property="og:image" content=...>`, stopping at `</head>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.image: str | None = None
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and self.image is None and values.get("property") == "og:image" and values.get("content"):
            self.image = values["content"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.done = True


def page_image(url: str, *, timeout: float) -> str | None:
    """The absolute http(s) URL of the page's og:image, or None (no such tag, or the page cannot be read)."""
    parser = _OpenGraphImage()
    try:
        with requests.get(url, timeout=timeout, stream=True, headers={"User-Agent": USER_AGENT}) as response:
            response.raise_for_status()
            read = 0
            for chunk in response.iter_content(chunk_size=16 * 1024, decode_unicode=False):
                parser.feed(chunk.decode(response.encoding or "utf-8", errors="replace"))
                read += len(chunk)
                if parser.image or parser.done or read >= HEAD_BYTES_MAX:
                    break
    except requests.RequestException:
        return None
    if parser.image is None:
        return None
    image = urljoin(url, parser.image)
    return image if urlsplit(image).scheme in {"http", "https"} else None
