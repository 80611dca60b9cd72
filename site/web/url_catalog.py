"""The URL shapes (`herald_site.urls`) put to work in the app: views registered at their shapes' rules, and every
URL the site serves, computed from the content index.

The freezer builds exactly these URLs and the sitemap lists the HTML pages among them, so a page cannot be built
without being listed, nor listed without being built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from flask import Blueprint, Flask
from werkzeug.routing import BaseConverter, PathConverter

from herald_site.content import SiteIndex
from herald_site import urls
from herald_site.urls import UrlShape, UrlValues

View = TypeVar("View", bound=Callable[..., object])


class HtmlFile(PathConverter):
    """A path ending in ".html" (`urls.HTML_FILE`), tried after a language's folder, so that /fr/404.html is the
    French 404 page and /fr/old.html, which no language rule has, an old address; and before the documents'
    paths, which would otherwise ask for a slash after /old.html."""

    regex = urls.HTML_FILE_PATTERN
    weight = (BaseConverter.weight + PathConverter.weight) // 2


def add_converters(app: Flask) -> None:
    """The converters Herald's rules use beyond Werkzeug's, before any rule is added."""
    app.url_map.converters[urls.HTML_FILE] = HtmlFile


def serves(bp: Blueprint, shape: UrlShape) -> Callable[[View], View]:
    """Register the decorated view at every rule of `shape`, under the view name its endpoint gives."""
    blueprint, _, view_name = shape.endpoint.partition(".")
    if blueprint != bp.name:
        raise ValueError(f"{shape.endpoint} is served by the blueprint {blueprint!r}, not {bp.name!r}")

    def register(view: View) -> View:
        for rule, defaults in shape.rules:
            bp.add_url_rule(rule, view_name, view, defaults=defaults)
        return view

    return register


def catalog_urls(index: SiteIndex, *, pages_only: bool = False) -> Iterator[tuple[str, UrlValues]]:
    """Every (endpoint, values) pair the site serves, ready for `url_for`, in the order of the shapes; with
    `pages_only`, those of HTML pages."""
    for shape in urls.SHAPES:
        if (shape.is_page and shape.listed) or not pages_only:
            for values in shape.values(index):
                yield shape.endpoint, values
