"""The address Jekyll gave each page and document of a collection, which the import keeps as its `permalink`.

Posts need none written: site.yml's `permalink:` carries the site's pattern over and Herald expands it as Jekyll
does (`herald_site.document_urls`), unless a post names its own; their addresses are worked out all the same, so
that old addresses (`redirect_from`) can be checked against them. Pages and collections follow Jekyll's rules
(its `Page#template` and `Collection#url_template`): a page at `/:path/:basename` and a document at
`/:collection/:path`, each ending as the site's permalink style ends (`/` or `.html`), or at its own permalink,
whose placeholders are expanded the same way. An address ending in `.html` becomes the folder Herald writes, the
`.html` one kept as a redirect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from herald_site.document_urls import OUTPUT_EXT, expand, post_values, spelled_out
from herald_site.importers.jekyll_source import POST_NAME, SourceDocument
from herald_site.slugs import slugify
from herald_site.written_paths import normalize_url_path

_EXTENSIONLESS_STYLES = ("date", "ordinal", "none", "weekdate")


@dataclass(frozen=True)
class KeptUrl:
    path: str  # the page's permalink on the imported site
    redirect_from: str | None  # the old `.html` address, now a redirect to `path`


class UrlProblem(ValueError):
    """Why a document's old address cannot be its address here (the document then takes Herald's own)."""


def with_style_ending(template: str, style: str) -> str:
    """Jekyll's `add_permalink_suffix`: a page's template ends as the site's permalink style does."""
    if style == "pretty":
        return template + "/"
    if style in _EXTENSIONLESS_STYLES:
        return template + ":output_ext"
    pattern = spelled_out(style)
    return template + ("/" if pattern.endswith("/") else ":output_ext" if pattern.endswith(":output_ext") else "")


def page_address(document: SourceDocument, frontmatter: dict[str, Any], style: str) -> KeptUrl:
    """Where Jekyll served the page."""
    folder = str(document.relative.parent).strip(".")
    values = {"path": folder, "basename": document.stem, "output_ext": OUTPUT_EXT}
    template = ("/:path/" if document.stem == "index" else with_style_ending("/:path/:basename", style))
    return _kept(frontmatter.get("permalink") or template, values)


def collection_address(document: SourceDocument, frontmatter: dict[str, Any], pattern: str | None, style: str,
                       moment: datetime | None) -> KeptUrl:
    """Where Jekyll served a document of an output collection."""
    inner = document.relative.relative_to(f"_{document.collection}")
    path = str(inner.parent / document.stem).removeprefix("./")
    name = str(frontmatter.get("slug") or document.stem)
    values = {"collection": str(document.collection), "path": path, "name": slugify(name), "slug": slugify(name),
              "title": slugify(name, cased=True), "output_ext": OUTPUT_EXT}
    if moment is not None:
        values = {**post_values(moment, name, categories(frontmatter)), **values}
    template = pattern or with_style_ending("/:collection/:path", style)
    return _kept(frontmatter.get("permalink") or template, values)


def post_address(document: SourceDocument, frontmatter: dict[str, Any], moment: datetime, pattern: str) -> KeptUrl:
    """Where Jekyll served a post: at its own permalink, else at the site's `pattern` (the address Herald gives it
    from site.yml's `permalink`)."""
    match = POST_NAME.match(document.stem)
    name = str(frontmatter.get("slug") or (match.group(4) if match else document.stem))
    return _kept(frontmatter.get("permalink") or spelled_out(pattern), post_values(moment, name,
                                                                                 categories(frontmatter)))


def categories(frontmatter: dict[str, Any]) -> list[str]:
    """A post's categories as Jekyll reads them: `categories` (a list, or words), else `category`."""
    value = frontmatter.get("categories", frontmatter.get("category")) or []
    return value.split() if isinstance(value, str) else [str(item) for item in value]


def _kept(pattern: object, values: dict[str, str]) -> KeptUrl:
    try:
        expanded = expand(str(pattern), values)
    except KeyError as error:
        raise UrlProblem(f"its permalink {pattern} has the placeholder :{error.args[0]}, which Jekyll gives no "
                         "value here") from None
    try:
        path = normalize_url_path(expanded.path)
    except ValueError as error:
        raise UrlProblem(f"its address {expanded.path} is not a path on this site: {error}") from None
    return KeptUrl(path, expanded.html_address)
