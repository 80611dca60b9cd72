"""The list of every URL the site serves, computed from the content index.

The freezer builds exactly these URLs and the sitemap lists the HTML ones among them, so a page cannot be
built without being listed, nor listed without being built. Each blueprint declares, per endpoint, a function
that yields the `url_for` values of all its URLs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from flask import Blueprint, current_app

from herald_site.content import SiteIndex

EXTENSION_KEY = "herald_urls"

UrlValues = Callable[[SiteIndex], Iterable[dict[str, Any]]]


def single_url(index: SiteIndex) -> Iterable[dict[str, Any]]:
    """For an endpoint without arguments: its one URL."""
    return ({},)


class UrlCatalog:
    """Endpoints mapped to the functions that list their URL values."""

    def __init__(self) -> None:
        self._values_by_endpoint: dict[str, UrlValues] = {}

    def add(self, endpoint: str, values: UrlValues = single_url) -> None:
        self._values_by_endpoint[endpoint] = values

    def add_blueprint(self, blueprint: Blueprint, values_by_view: Mapping[str, UrlValues]) -> None:
        for view, values in values_by_view.items():
            self.add(f"{blueprint.name}.{view}", values)

    def endpoints(self) -> Iterator[tuple[str, UrlValues]]:
        yield from self._values_by_endpoint.items()

    def urls(self, index: SiteIndex) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every (endpoint, values) pair, ready for `url_for`."""
        for endpoint, values in self._values_by_endpoint.items():
            for value in values(index):
                yield endpoint, value


def current_catalog() -> UrlCatalog:
    catalog: UrlCatalog = current_app.extensions[EXTENSION_KEY]
    return catalog
