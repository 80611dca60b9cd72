"""The Markdown pipeline: one text in, its HTML and what the checks and indexer need out.

`render_markdown` is a pure function of the text and the settings below, and its result is plain data, so a
build can cache it under (source hash, MARKDOWN_SETTINGS_VERSION) and run it in worker processes. Editors
are trusted: their raw HTML passes through untouched.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from herald_site.model import Heading

if TYPE_CHECKING:
    import markdown

HIGHLIGHT_CLASS = "highlight"

EXTENSIONS = (
    "fenced_code",
    "codehilite",
    "tables",
    "footnotes",
    "toc",
    "smarty",
    "attr_list",
    "md_in_html",
    "sane_lists",
)
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    # Pygments writes CSS classes (styled by pygments_css()), never inline styles or JavaScript.
    "codehilite": {"css_class": HIGHLIGHT_CLASS, "guess_lang": False, "use_pygments": True},
    # align="..." instead of style="text-align: ...", so the site's CSP needs no inline styles.
    "tables": {"use_align_attribute": True},
    "toc": {"permalink": True, "permalink_class": "headerlink", "permalink_title": "Link to this section"},
}

# Changes whenever rendering could give other HTML for the same text: part of every render-cache key.
MARKDOWN_SETTINGS_VERSION = hashlib.sha256(
    repr((EXTENSIONS, sorted(EXTENSION_CONFIGS.items()), version("Markdown"), version("Pygments"))).encode()
).hexdigest()[:16]

SUMMARY_LIMIT = 280


@dataclass(frozen=True)
class Rendered:
    """What rendering one document yields; plain data that pickles and caches."""

    html: str
    toc: tuple[Heading, ...]
    links: tuple[str, ...]  # every <a href>, in document order
    images: tuple[str, ...]  # every <img src>, in document order
    word_count: int
    first_paragraph: str  # plain text of the first top-level paragraph, trimmed to SUMMARY_LIMIT


@functools.cache
def _converter() -> markdown.Markdown:
    """One Markdown instance per process: building one costs far more than resetting it."""
    import markdown  # loaded when something needs rendering, not by a build that finds it all cached

    from herald_site.inline_skipping import SkipUnmatchableInline

    extensions = [*EXTENSIONS, SkipUnmatchableInline()]  # last: it takes over the inline passes they set up
    return markdown.Markdown(extensions=extensions, extension_configs=EXTENSION_CONFIGS)


def render_markdown(text: str) -> Rendered:
    """Render Markdown to HTML and collect its headings, links, images, length and first paragraph."""
    converter = _converter()
    converter.reset()
    body_html = converter.convert(text)
    scan = _HtmlScan()
    scan.feed(body_html)
    scan.close()
    return Rendered(
        html=body_html,
        toc=tuple(_flatten_toc(converter.toc_tokens)),  # type: ignore[attr-defined]
        links=tuple(scan.links),
        images=tuple(scan.images),
        word_count=len(re.findall(r"\w+", " ".join(scan.text))),
        first_paragraph=trim_summary(" ".join("".join(scan.first_paragraph).split())),
    )


def trim_summary(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """Cut text at a word boundary so it fits in `limit` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def _flatten_toc(tokens: list[dict[str, Any]]) -> list[Heading]:
    headings = []
    for token in tokens:
        headings.append(Heading(token["level"], token["id"], html.unescape(token["name"])))
        headings.extend(_flatten_toc(token["children"]))
    return headings


class _HtmlScan(HTMLParser):
    """Collects links, images, visible text and the first top-level paragraph of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self.first_paragraph: list[str] = []
        self._depth = 0
        self._paragraph_state = "before"  # before -> inside -> done
        self._skip_depth: int | None = None  # inside an anchor whose text is not prose

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
            if _NOT_PROSE.intersection((values.get("class") or "").split()):
                self._skip_depth = self._depth
        if tag == "img" and values.get("src"):
            self.images.append(values["src"] or "")
        if tag == "p" and self._depth == 0 and self._paragraph_state == "before":
            self._paragraph_state = "inside"
        if tag not in _VOID_TAGS:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        self._depth -= 1
        if self._skip_depth == self._depth:
            self._skip_depth = None
        if tag == "p" and self._depth == 0 and self._paragraph_state == "inside":
            self._paragraph_state = "done"

    def handle_data(self, data: str) -> None:
        if self._skip_depth is not None:
            return
        self.text.append(data)
        if self._paragraph_state == "inside":
            self.first_paragraph.append(data)


# Heading permalinks ("¶") and footnote markers ("1") would otherwise end up in summaries and word counts.
_NOT_PROSE = frozenset({"headerlink", "footnote-ref"})
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


@functools.cache
def pygments_css(style: str = "friendly") -> str:
    """The stylesheet for highlighted code blocks, for the theme to serve (made once: every page links it)."""
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style=style).get_style_defs(f".{HIGHLIGHT_CLASS}")
