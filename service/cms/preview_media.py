"""The preview's pictures that the site does not have yet: a picture uploaded in this editing session is in the
content folder's media/ but not on the site until the next build, and the preview's <base> is the site's address.

The preview HTML is read by the standard library's HTML parser; only the `src` and `srcset` of the <img> and
<source> start tags it finds are rewritten (never text, comments or script that merely look like a tag), each URL
starting /media/ mapped by the caller (to the dashboard's media route). Everything else is copied byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

MEDIA_PREFIX = "/media/"
PICTURE_TAGS = ("img", "source")


def rewrite_media(html: str, address_of: Callable[[str], str | None]) -> str:
    """`html` with each /media/ URL of an <img> or <source> replaced by `address_of(content path)`, kept when
    that answers None (a file the content folder does not have)."""
    finder = _PictureTags(address_of)
    finder.feed(html)
    finder.close()
    offsets = _line_offsets(html)
    pieces, done = [], 0
    for (line, column), original, replacement in finder.replacements:
        start = offsets[line - 1] + column
        if html[start:start + len(original)] != original:
            continue  # the parser's position disagrees with the text: leave the tag as it was
        pieces += [html[done:start], replacement]
        done = start + len(original)
    return "".join(pieces) + html[done:]


def _line_offsets(text: str) -> list[int]:
    offsets, position = [0], 0
    for line in text.splitlines(keepends=True):
        position += len(line)
        offsets.append(position)
    return offsets


class _PictureTags(HTMLParser):
    def __init__(self, address_of: Callable[[str], str | None]) -> None:
        super().__init__(convert_charrefs=True)
        self.address_of = address_of
        self.replacements: list[tuple[tuple[int, int], str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._rewrite(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._rewrite(tag, attrs, closed=True)

    def _rewrite(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        original = self.get_starttag_text()
        if tag not in PICTURE_TAGS or original is None:
            return
        changed = [(name, self._mapped(name, value)) for name, value in attrs]
        if changed == attrs:
            return
        written = "".join(f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in changed)
        self.replacements.append((self.getpos(), original, f"<{tag}{written}{' /' if closed else ''}>"))

    def _mapped(self, name: str, value: str | None) -> str | None:
        if value is None:
            return None
        if name == "src":
            return self._address(value.strip()) or value
        if name == "srcset":
            return ", ".join(self._candidate(candidate) for candidate in value.split(","))
        return value

    def _candidate(self, candidate: str) -> str:
        """One `url 2x` of a srcset, its URL mapped."""
        url, _, descriptor = candidate.strip().partition(" ")
        mapped = self._address(url) or url
        return f"{mapped} {descriptor.strip()}".strip()

    def _address(self, url: str) -> str | None:
        if not url.startswith(MEDIA_PREFIX) or "?" in url or "#" in url:
            return None
        return self.address_of(url[1:])
