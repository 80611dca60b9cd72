"""Frozen-Flask, told which URLs to freeze: the URL shapes' (`herald_site.urls`), a worker's share of them, and the pages they link to.

Only Frozen-Flask's public interface is used: one URL generator (`register_generator`) that gives whatever
URLs are queued, `all_urls` to turn `url_for` calls into the paths it freezes, `freeze_yield` to write them,
and `urlpath_to_filepath` to hold every file inside the output folder. The theme's files are a URL shape like
any other (the site's own first, then Herald's: `herald_site.web.theme_lookup`), not Flask's static folder,
which Frozen-Flask would list by itself.

Two of Frozen-Flask's own mechanisms are replaced, since a build shares the URLs out to worker processes:
- the links a page makes are logged through Flask's `url_default_functions` (as Frozen-Flask's own logger
  does), keeping only links to URLs not seen before, and handed back instead of frozen at once, so that the
  parent freezes each linked page once;
- its warning that an endpoint has no URL generator is replaced by `check_endpoints`, which compares the app's
  endpoints with the URL shapes once: a shape may have no URLs at all (no categories yet), and a share of the
  URLs covers only some endpoints.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from flask import Flask
from flask_frozen import Freezer, MissingURLGeneratorWarning, Page

from herald_site.confined import inside
from herald_site.errors import BuildError
from herald_site.speed.page_client import PageClient
from herald_site.speed.url_memo import UrlCall, call_key, remember_built_urls
from herald_site import urls
from herald_site.web.page_languages import page_language
from herald_site.web.served_index import current_index
from herald_site.web.url_catalog import catalog_urls

Call = tuple[str, dict[str, Any]]
"""A `url_for` call: an endpoint and its values."""

FREEZER_CONFIG = {
    "PROPAGATE_EXCEPTIONS": True,  # a failing view shows its own traceback, not just "500 on URL"
    "FREEZER_RELATIVE_URLS": False,
    "FREEZER_REDIRECT_POLICY": "error",
    "FREEZER_IGNORE_404_NOT_FOUND": False,
    "FREEZER_IGNORE_MIMETYPE_WARNINGS": False,
    "FREEZER_REMOVE_EXTRA_FILES": False,
}


class CatalogFreezer(Freezer):  # type: ignore[misc]
    """A Freezer that freezes the URLs queued for it, and logs the links their pages make to other URLs.

    `calls` are those of every URL shape, whose endpoints are `listed`. They count as seen: pages link the home page and
    the tags, which are frozen anyway.
    """

    def __init__(self, app: Flask, calls: list[Call], listed: set[str]) -> None:
        self.calls, self.listed = calls, listed
        self.queued: Iterable[str | Call] = ()
        self.linked: list[Call] = []  # links to URLs not seen before, made by the pages frozen since last taken
        self._seen: set[UrlCall] = {call_key(endpoint, values) for endpoint, values in calls}
        self._logging = False
        super().__init__(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)
        self.register_generator(self._queued_urls)
        # After the app's own hooks, which give a link the language of the page making it: the parent builds the
        # URL again outside that page, from the values logged.
        app.url_default_functions.setdefault(None, []).append(self._log_link)

    def _queued_urls(self) -> Iterator[str | Call]:
        yield from self.queued

    def _log_link(self, endpoint: str, values: dict[str, Any]) -> None:
        if not self._logging:
            return
        try:
            key: UrlCall | None = call_key(endpoint, values)
        except TypeError:  # a value that cannot be hashed: logged every time, the URL is frozen once anyway
            key = None
        if key is not None:
            if key in self._seen:
                return
            self._seen.add(key)
        self.linked.append((endpoint, dict(values)))

    def urlpath_to_filepath(self, path: str) -> str:
        """The file a URL is written to, relative to the folder being frozen into, which it may not leave."""
        relative: str = super().urlpath_to_filepath(path)
        inside(self.root, relative)
        return relative

    def urls_of(self, calls: Iterable[str | Call]) -> list[str]:
        """The paths `calls` freeze to, once each (`url_for`, without query or fragment), in order."""
        self.queued = calls
        return list(dict.fromkeys(self.all_urls()))

    def catalog_urls(self) -> list[str]:
        """Every URL the site builds, the shapes', checking no endpoint is forgotten."""
        check_endpoints(self.app, self.listed)
        return self.urls_of(self.calls)

    def freeze_urls(self, urls: list[str]) -> Iterator[Page]:
        """Write `urls`, logging in `linked` the links their pages make to URLs not seen before."""
        self.queued, self._logging = urls, True
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", MissingURLGeneratorWarning)  # see check_endpoints
                yield from self.freeze_yield()
        finally:
            self._logging = False

    def take_linked(self) -> list[str]:
        """The URLs the logged links lead to; the log starts again empty."""
        calls, self.linked = self.linked, []
        return self.urls_of(calls)


def make_freezer(app: Flask) -> CatalogFreezer:
    """A CatalogFreezer of the site's URLs, fetching pages with the light PageClient, whose `url_for`
    remembers the URLs it built."""
    app.config.update(FREEZER_CONFIG)
    with app.app_context():
        calls = list(catalog_urls(current_index()))
    freezer = CatalogFreezer(app, calls, {shape.endpoint for shape in urls.SHAPES})
    remember_built_urls(app, page_language)  # a link to a listing stays in its page's language
    app.test_client_class = PageClient  # Frozen-Flask fetches every page through app.test_client()
    return freezer


def check_endpoints(app: Flask, listed: set[str]) -> None:
    """Raise a BuildError naming every endpoint a visitor can GET that no URL shape declares: its pages would
    never be written."""
    served = {rule.endpoint for rule in app.url_map.iter_rules() if rule.methods and "GET" in rule.methods}
    forgotten = sorted(served - listed)
    if forgotten:
        raise BuildError(
            f"Nothing frozen for endpoints {', '.join(forgotten)}: declare their URL shapes in herald_site.urls "
            "and register the views with `serves`, or the build never writes their pages."
        )
