"""The URL shapes (`herald_site.urls`) put to work in the app: views registered at their shapes' rules, and every
URL the site serves, computed from the content index.

The freezer builds exactly these URLs and the sitemap lists the HTML pages among them, so a page cannot be built
without being listed, nor listed without being built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from flask import Blueprint

from herald_site.content import SiteIndex
from herald_site import urls
from herald_site.urls import UrlShape, UrlValues

View = TypeVar("View", bound=Callable[..., object])


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
