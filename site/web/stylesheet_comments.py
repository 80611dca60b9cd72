"""Stylesheets as visitors get them: without their comments.

Herald's theme.css explains itself at length for whoever edits it; those notes are a tenth of a post page's
weight, so the pages are served and frozen without them (a site's own stylesheets too). Strings are kept whole,
so a `content: "/* */"` stays, and so are comments opening with `/*!`, the mark minifiers keep a licence by.
"""

from __future__ import annotations

import re

_COMMENT_OR_STRING = re.compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|/\*!.*?\*/)|/\*.*?\*/""", re.DOTALL)
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def without_comments(css: str) -> str:
    """`css` without its comments, and without the blank lines they leave behind."""
    kept = _COMMENT_OR_STRING.sub(lambda match: match.group(1) or "", css)
    return _BLANK_LINES.sub("\n", kept).strip() + "\n"
