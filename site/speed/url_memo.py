"""`url_for` that remembers the URLs it built, for freezing: every page links the home page, the feeds, the
theme and its tags, so a build would otherwise ask Werkzeug for the same few hundred URLs tens of thousands of
times.

Every page is frozen with the same base URL, so an endpoint and its values give the same URL on every page in one
language (a link to a listing stays in its page's language: herald_site.web.page_languages); relative endpoints
(".name") depend on the view's blueprint and are left alone. The first call of each URL still goes
through Werkzeug and Flask's `url_defaults` hooks, so the freezer's log of linked URLs sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from flask import Flask

UrlCall = tuple[str, frozenset]
"""An endpoint and its `url_for` values, hashable: the key of a URL."""


def call_key(endpoint: str, values: dict) -> UrlCall:
    """The key of a `url_for` call; raises TypeError for a value that cannot be hashed."""
    return endpoint, frozenset(values.items())


def remember_built_urls(app: Flask, scope: Callable[[], Hashable]) -> None:
    """Make the app's `url_for` (Flask's `Flask.url_for`, which `flask.url_for` calls) and the templates' one
    answer a URL built before, on a page of the same `scope` (its language), from memory."""
    build = app.url_for
    built: dict[tuple[Hashable, UrlCall], str] = {}

    def url_for(endpoint: str, **values: object) -> str:
        if endpoint.startswith("."):
            return build(endpoint, **values)
        try:
            key = scope(), call_key(endpoint, values)
            return built[key]
        except KeyError:
            url = built[key] = build(endpoint, **values)
            return url
        except TypeError:  # a value that cannot be hashed
            return build(endpoint, **values)

    app.url_for = url_for  # type: ignore[method-assign]  # flask.url_for calls current_app.url_for
    app.jinja_env.globals["url_for"] = url_for  # templates call the one Flask gave them
