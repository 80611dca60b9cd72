"""Standalone pages (about, contact, board, ...): a page's `template` frontmatter picks pages/<template>.html."""

from __future__ import annotations

from flask import render_template

from herald_site.content import Page

DEFAULT_TEMPLATE = "pages/page.html"


def render_page(page: Page) -> str:
    """A page's own HTML; called by the permalinks blueprint, which owns every content URL."""
    candidates = [f"pages/{page.template}.html", DEFAULT_TEMPLATE] if page.template else [DEFAULT_TEMPLATE]
    return render_template(candidates, page=page)
