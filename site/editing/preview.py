"""A document's page as the build would write it with an editor's text, for the dashboard's live preview: the
site loaded with the text in place (an overlay of the content folder, through the build cache), drafts and
posts dated in the future shown, and the page rendered by Herald's own app and templates (`herald_site.web`).

The page links the site's own files by root-relative paths: its stylesheets and scripts under /static/
(theme.css, pygments.css, site-theme.css when site.yml's `theme:` sets colours), its icons, and media under
/media/. A dashboard showing it in an iframe gives `base_url`, the site's origin, which the page gets as
`<base href>` so those load from there; `Preview.assets` lists them. A document that does not load gives the
page of its problems instead, never an exception.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from herald_site.build.freeze import keep_compiled_templates
from herald_site.content import Problem, read_site, tally
from herald_site.content.model import Page, Post, SiteIndex
from herald_site.editing.checking import placed
from herald_site.editing.overlay import content_path, editing_cache, overlaid
from herald_site.speed.cached_loading import cached_loader
from herald_site.web.app import create_app
from herald_site.web.theme_lookup import HERALD_TEMPLATES

_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
_LINKED = re.compile(r"""\b(?:href|src)=["'](/(?!/)[^"'?#]*)""")


@dataclass(frozen=True)
class Preview:
    """The page (or the page of problems), the problems the site has with the text in place (content paths),
    the document's site path (None when it does not load) and the root-relative files the page links."""

    html: str
    problems: list[Problem]
    url: str | None
    assets: tuple[str, ...] = ()


def render_preview(
    content_dir: Path, path: str, text: str, *, base_url: str | None = None, cache_dir: Path | None = None
) -> str:
    """The HTML the build would write for the document at `path` (a content path) with `text` as its file."""
    return preview_page(content_dir, path, text, base_url=base_url, cache_dir=cache_dir).html


def preview_page(
    content_dir: Path, path: str, text: str, *, base_url: str | None = None, cache_dir: Path | None = None
) -> Preview:
    """The document's page with `text` in place, and what else a dashboard shows beside it (see `Preview`)."""
    relative = content_path(path)
    with editing_cache(content_dir, cache_dir) as cache, overlaid(content_dir, {path: text.encode()}, cache) as folder:
        index, found = read_site(folder, drafts=True, now=None, base_url=None, loader=cached_loader(cache, 1))
        problems = [placed(problem, folder) for problem in found]
        document = _document_at(index, folder / relative)
        if index is None or document is None:
            return Preview(_problems_page(problems or _not_a_document(relative)), problems, None)
        app = create_app(folder, drafts=True, index=index)
        keep_compiled_templates(app, cache)  # compiled once, as a rebuild has them, not on every preview
        response = app.test_client().get(document.url_path)
        page = response.get_data(as_text=True)
    assets = tuple(dict.fromkeys(link for link in _LINKED.findall(page) if _is_asset(link)))
    return Preview(_with_base(page, base_url) if base_url else page, problems, document.url_path, assets)


def _is_asset(link: str) -> bool:
    """Whether a root-relative link is a file the page loads (a stylesheet, a script, an image, an icon) rather
    than another page or a feed."""
    name = link.rsplit("/", 1)[-1]
    return "." in name and not name.endswith((".html", ".xml"))


def _document_at(index: SiteIndex | None, file: Path) -> Post | Page | None:
    if index is None:
        return None
    return next((document for document in index.documents if Path(document.source_file) == file), None)


def _not_a_document(relative: Path) -> list[Problem]:
    message = "only a post (under posts/) or a page (under pages/) has a page to preview"
    return [Problem(relative, None, message)]


def _problems_page(problems: list[Problem]) -> str:
    """Herald's own page of content problems, as `serve` shows it, needing nothing of the site."""
    environment = Environment(loader=FileSystemLoader(HERALD_TEMPLATES), autoescape=select_autoescape())
    return environment.get_template("errors/problems.html").render(problems=problems, tally=tally(problems))


def _with_base(page: str, base_url: str) -> str:
    """The page with `<base href>` first in its head, so its root-relative links load from `base_url`."""
    tag = f'<base href="{html.escape(base_url.rstrip("/") + "/", quote=True)}">'
    return _HEAD.sub(lambda match: match.group(0) + tag, page, count=1)
