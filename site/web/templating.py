"""What every template can use: links to posts and pages and to the theme's files (the site settings and page
titles in the page's language: `herald_site.web.page_settings`; its dates and words: `herald_site.web.page_words`)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from urllib.parse import urljoin

from flask import Flask, request, url_for
from jinja2 import pass_context
from jinja2.runtime import Context

from herald_site.content import Page, Post, slugify
from herald_site.content.model import Stamp
from herald_site.markdown import HIGHLIGHT_CLASS, pygments_css
from herald_site.reader_dates import machine_datetime
from herald_site.web.served_index import current_index
from herald_site.web.theme_lookup import static_source, theme_templates
from herald_site.web.theme_stylesheet import theme_stylesheet


def permalink(item: Post | Page, external: bool = False) -> str:
    """The URL of a post or page, through `url_for` so the freezer sees the link."""
    return url_for("permalinks.show", url_path=item.url_path.strip("/"), _external=external)


def content_version(data: bytes) -> str:
    """A short digest of a file's bytes; as `?v=` on its URL it lets the CDN cache the file for a year."""
    return hashlib.sha256(data).hexdigest()[:12]


@functools.cache
def _file_version(path: Path, stamp: Stamp | None) -> str:
    """Herald's files ship with the code, so a file's digest holds for the life of the process; a site's file
    is known by its stamp too, so that its edits show under `serve`."""
    return content_version(path.read_bytes())


def theme_file(filename: str) -> str:
    """The URL of a theme file (the site's in content/theme/static, else Herald's), versioned by its content."""
    folder, stamp = static_source(filename)
    return url_for("assets.static_file", filename=filename, v=_file_version(folder / filename, stamp))


def site_theme_stylesheet() -> str:
    """The URL of the stylesheet of the site's colours and fonts, versioned by its content."""
    theme = current_index().config.theme
    assert theme is not None, "linked only when site.yml has a theme"
    return url_for("assets.site_theme_stylesheet", v=content_version(theme_stylesheet(theme).encode()))


def code_stylesheet() -> str:
    """The URL of the code-highlighting stylesheet, versioned by its content."""
    return url_for("assets.pygments_stylesheet", v=_code_style_version())


def shows_code(document: Post | Page) -> bool:
    """Whether the document has a highlighted code block: only then does its page link the code stylesheet, which
    would otherwise be most of a post's weight for nothing (visitors' comments are never highlighted)."""
    return f'class="{HIGHLIGHT_CLASS}"' in document.html


@functools.cache
def _code_style_version() -> str:
    return content_version(pygments_css().encode())


# A template rendered with this set writes its links to the site absolute (the shell, shown on other origins).
ABSOLUTE_LINKS = "absolute_links"


@pass_context
def site_href(context: Context, url: str) -> str:
    """A link to the site (a path such as /about/, or a full URL) as the page writes it: as given, or absolute
    where the template was rendered with `absolute_links`."""
    return urljoin(request.url_root, url) if context.get(ABSOLUTE_LINKS) else url


def init_templating(app: Flask, content_dir: Path, *, watch: bool) -> None:
    """Templates from the site's theme first, then Herald's (`herald_site.web.theme_lookup`); with `watch`, read
    again at every page, so that a template added to the theme or edited shows on the next reload."""
    app.jinja_loader = theme_templates(content_dir)  # type: ignore[method-assign]
    if watch:
        app.jinja_options = {**app.jinja_options, "cache_size": 0}
    app.jinja_env.trim_blocks = True  # block tags leave no blank lines behind in the HTML
    app.jinja_env.lstrip_blocks = True
    app.add_template_global(permalink)
    app.add_template_global(theme_file)
    app.add_template_global(code_stylesheet)
    app.add_template_global(shows_code)
    app.add_template_global(site_theme_stylesheet)
    app.add_template_filter(site_href)
    app.add_template_filter(machine_datetime, "iso_datetime")
    app.add_template_filter(slugify)
