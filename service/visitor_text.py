"""Visitor text to safe HTML: Markdown rendered, then cleaned with an allowlist (nh3).

Visitors are never trusted: the result keeps text formatting and links only. No scripts, styles, event
handlers, frames, forms, images or media; links only to http, https and mailto, marked nofollow ugc noopener.
Raw HTML typed by a visitor is not parsed as HTML at all: it shows as the text they typed.

The Markdown parser is markdown-it-py's CommonMark, which works in time linear in the text even on the
patterns that make backtracking parsers quadratic (thousands of `[]()`, open brackets, emphasis runs), so no
body the service accepts holds a worker for long. The static build cleans the comments it bakes again with
`herald_site.visitor_html.clean_html`, the same allowlist, so a misbehaving service cannot put markup into the published pages.
"""

from __future__ import annotations

import threading

from markdown_it import MarkdownIt

from herald_site.visitor_html import clean_html

# CommonMark without raw HTML (typed tags come out escaped, as text) and with every line break kept as <br>,
# as visitors expect of a comment box. Linkify stays off: only links written as links become links.
MARKDOWN_OPTIONS = {"html": False, "breaks": True, "linkify": False}

_per_thread = threading.local()


class VisitorMarkdown(MarkdownIt):
    """CommonMark that makes every written link a link and leaves to `clean_html` which URLs it keeps.

    markdown-it's own check would leave `[x](javascript:...)` as literal text; one allowlist decides instead,
    so such a link shows as its text without an address, as every other refused URL does.
    """

    def validateLink(self, url: str) -> bool:  # noqa: N802  (markdown-it's name)
        return True


def _markdown() -> MarkdownIt:
    """This thread's parser: markdown-it-py fills its rule caches on first use, which is not safe across threads."""
    parser = getattr(_per_thread, "markdown", None)
    if parser is None:
        parser = _per_thread.markdown = VisitorMarkdown("commonmark", MARKDOWN_OPTIONS)
    return parser


def render_visitor_text(text: str) -> str:
    """The sanitized HTML for a visitor's Markdown text (each render starts afresh: no reference carries over)."""
    return clean_html(_markdown().render(text)).rstrip("\n")
