"""What the checks, the indexer and the summaries need from a post's HTML: its links, images, words and first
paragraph.

HTML that Python-Markdown wrote from Markdown with no "<" in it holds nothing but its serializer's tags
(attributes in double quotes, text and values escaped), and a regular expression reads it several times
faster than html.parser; an editor's own HTML (scripts, comments, quotes of any kind) goes to html.parser.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Heading permalinks ("¶") and footnote markers ("1") would otherwise end up in summaries and word counts.
NOT_PROSE = frozenset({"headerlink", "footnote-ref"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


@dataclass
class HtmlFacts:
    """Collects links, images, visible text and the first top-level paragraph, tag by tag."""

    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    first_paragraph: list[str] = field(default_factory=list)
    _depth: int = 0
    _paragraph_state: str = "before"  # before -> inside -> done
    _skip_depth: int | None = None  # inside an anchor whose text is not prose

    def start(self, tag: str, values: dict[str, str | None]) -> None:
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
            if NOT_PROSE.intersection((values.get("class") or "").split()):
                self._skip_depth = self._depth
        if tag == "img" and values.get("src"):
            self.images.append(values["src"] or "")
        if tag == "p" and self._depth == 0 and self._paragraph_state == "before":
            self._paragraph_state = "inside"
        if tag not in VOID_TAGS:
            self._depth += 1

    def end(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        self._depth -= 1
        if self._skip_depth == self._depth:
            self._skip_depth = None
        if tag == "p" and self._depth == 0 and self._paragraph_state == "inside":
            self._paragraph_state = "done"

    def data(self, data: str) -> None:
        if self._skip_depth is not None:
            return
        self.text.append(data)
        if self._paragraph_state == "inside":
            self.first_paragraph.append(data)


def scan_html(body_html: str, *, markdown_only: bool) -> HtmlFacts:
    """The facts of `body_html`; `markdown_only` when its Markdown had no "<" (so no HTML of its own)."""
    return _scan_serialized(body_html) if markdown_only else _scan_any(body_html)


# A tag (closing or not, its attributes) or the text up to the next tag.
_TOKEN = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)([^>]*)>|([^<]+)")
_ATTRIBUTE = re.compile(r'([^\s=/"]+)(?:="([^"]*)")?')


def _scan_serialized(body_html: str) -> HtmlFacts:
    facts = HtmlFacts()
    for closing, tag, attributes, text in _TOKEN.findall(body_html):
        if text:
            facts.data(html.unescape(text))
        elif closing:
            facts.end(tag.lower())
        else:
            tag = tag.lower()
            values = {name.lower(): html.unescape(value) for name, value in _ATTRIBUTE.findall(attributes)}
            facts.start(tag, values)
            if attributes.endswith("/"):  # <br />: html.parser ends it at once
                facts.end(tag)
    return facts


class _Parser(HTMLParser):
    def __init__(self, facts: HtmlFacts) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = facts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.facts.start(tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        self.facts.end(tag)

    def handle_data(self, data: str) -> None:
        self.facts.data(data)


def _scan_any(body_html: str) -> HtmlFacts:
    parser = _Parser(HtmlFacts())
    parser.feed(body_html)
    parser.close()
    return parser.facts
