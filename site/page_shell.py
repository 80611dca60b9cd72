"""The shell: the site's look around an empty page, which the service dresses its own pages in.

The site writes it at `herald_site.urls.SHELL` with every link absolute (the service may answer on another
origin), and the service wraps each page it renders in it (service/site_shell.py), so the board, its error
pages and the dashboard show the site's navigation, footer, stylesheet and title pattern, and follow the site's
changes with its next build. This module is the contract between the two: the site writes the slots with
`slot`, the service cuts the shell at them with `split_shell`.

A slot is a pair of HTML comments around what the shell shows in its place on its own:
`<!--herald:NAME-->...<!--/herald:NAME-->`. Jinja escapes every value the site writes into the shell (`<`
becomes `&lt;`), so no title, nav entry or description can make one. Only the standard library is imported
here: the service imports this module without loading the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

# In the order they appear: the page's name (inside <title>), the end of <head>, and the inside of <main>.
SLOTS = ("title", "head", "main")
TIMEZONE_META = "herald-timezone"  # a <meta> naming the site's time zone, in which its dates read


class ShellError(ValueError):
    """A file offered as the shell is not one; the message says what is missing."""


@dataclass(frozen=True)
class ShellParts:
    """A shell cut at its slots: the text before the first slot, between each two, after the last."""

    pieces: tuple[str, ...]
    timezone: str | None


def slot(name: str, placeholder: str = "") -> str:
    """The slot `name`, showing `placeholder` in the shell itself."""
    return f"<!--herald:{name}-->{placeholder}<!--/herald:{name}-->"


def split_shell(html: str) -> ShellParts:
    """`html` cut at its slots, which must each appear once and in the order of SLOTS."""
    pieces, position = [], 0
    for name in SLOTS:
        opening, closing = f"<!--herald:{name}-->", f"<!--/herald:{name}-->"
        if html.count(opening) != 1 or html.count(closing) != 1:
            raise ShellError(f"the shell needs the slot {opening}...{closing} exactly once")
        start, end = html.find(opening), html.find(closing)
        if start < position or end < start:
            raise ShellError(f"the shell's slots must come in the order {', '.join(SLOTS)}")
        pieces.append(html[position:start])
        position = end + len(closing)
    pieces.append(html[position:])
    return ShellParts(tuple(pieces), _timezone_of(html))


def _timezone_of(html: str) -> str | None:
    finder = _MetaFinder(TIMEZONE_META)
    finder.feed(html)
    finder.close()
    return finder.content


class _MetaFinder(HTMLParser):
    """The content of the first <meta name=...> of a given name."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.content: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and self.content is None and values.get("name") == self.name:
            self.content = values.get("content")
