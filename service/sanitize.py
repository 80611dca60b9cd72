"""Visitor text to safe HTML: Markdown rendered, then cleaned with an allowlist (nh3).

Visitors are never trusted: the result keeps text formatting and links only. No scripts, styles, event
handlers, frames, forms, images or media; links only to http, https and mailto, marked nofollow ugc noopener.
Raw HTML typed by a visitor is not parsed as HTML at all: it shows as the text they typed.
"""

from __future__ import annotations

import threading

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr", "sub", "sup",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"


_per_thread = threading.local()


def _new_markdown() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=["fenced_code", "sane_lists", "nl2br"], output_format="html")
    # Without these two, Python-Markdown passes raw HTML through; with them it is escaped as text.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def _markdown() -> markdown.Markdown:
    """This thread's converter, reset: building one costs more than converting a comment, so threads keep theirs."""
    converter = getattr(_per_thread, "markdown", None)
    if converter is None:
        converter = _per_thread.markdown = _new_markdown()
    return converter.reset()


def render_visitor_text(text: str) -> str:
    """The sanitized HTML for a visitor's Markdown text."""
    converted = _markdown().convert(text)
    return nh3.clean(
        converted,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
