"""Rate limits on every posting endpoint and on failed admin authentication, with Flask-Limiter.

Views are marked with `@rate_limited("HERALD_LIMIT_COMMENTS")`; `init_app` gives each app its own Limiter
(so tests never share counters) and applies the limit named by that setting to POST, PATCH and DELETE.
Views that check an admin secret are marked with `@limit_failed_authentication()`: their refusals (401)
count against one budget per client (HERALD_LIMIT_SIGN_IN), shared by all of them, the dashboard's sign-in
and the admin API alike. A client over it is answered 429 before anything is checked, even the right secret:
a guesser learns nothing more until the window passes.
Storage is memory by default and Redis through RATELIMIT_STORAGE_URI; if Redis stops answering, limits fall
back to memory, the service's log says so, and requests go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, current_app
from flask_limiter import Limiter

from .client_addresses import client_key

F = TypeVar("F", bound=Callable[..., object])
LIMITED_METHODS = ["POST", "PATCH", "DELETE"]
FAILED_AUTHENTICATION_SETTING = "HERALD_LIMIT_SIGN_IN"
FAILED_AUTHENTICATION_SCOPE = "failed-admin-authentication"  # one counter per client for every marked view


def rate_limited(setting: str) -> Callable[[F], F]:
    """Mark a view to be limited by the limit string in the app setting `setting`."""

    def mark(view: F) -> F:
        view.herald_rate_limit = setting  # type: ignore[attr-defined]
        return view

    return mark


def limit_failed_authentication(*methods: str) -> Callable[[F], F]:
    """Mark a view that checks an admin secret on `methods` (all methods when none are named)."""

    def mark(view: F) -> F:
        view.herald_secret_methods = methods  # type: ignore[attr-defined]
        return view

    return mark


def init_app(app: Flask) -> Limiter:
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    limiter = Limiter(key_func=client_key, app=app)
    app.extensions["herald_limiter"] = limiter
    # With limits off, views stay unwrapped: Flask-Limiter's wrapper would still look limits up on every request.
    if app.config["RATELIMIT_ENABLED"]:
        _limit_marked_views(app, limiter)
        _log_limiter_warnings(app, limiter)
    return limiter


def _limit_marked_views(app: Flask, limiter: Limiter) -> None:
    for endpoint, view in list(app.view_functions.items()):
        setting = getattr(view, "herald_rate_limit", None)
        if setting:
            view = limiter.limit(_limit_from(setting), methods=LIMITED_METHODS)(view)
        secret_methods = getattr(view, "herald_secret_methods", None)
        if secret_methods is not None:
            view = limiter.shared_limit(_limit_from(FAILED_AUTHENTICATION_SETTING), FAILED_AUTHENTICATION_SCOPE,
                                        methods=list(secret_methods) or None, deduct_when=_refused)(view)
        app.view_functions[endpoint] = view


def _refused(response: Response) -> bool:
    """Whether the answer turned the caller's credentials down: that, and only that, spends the budget."""
    return response.status_code == 401


def _log_limiter_warnings(app: Flask, limiter: Limiter) -> None:
    """Send Flask-Limiter's warnings (storage unreachable, falling back to memory) where the app logs.

    Its logger has only a NullHandler, so under the server, where nothing configures the root logger, they
    would vanish; an operator must see that limits stopped being shared.
    """
    for handler in app.logger.handlers:
        if handler not in limiter.logger.handlers:
            limiter.logger.addHandler(handler)


def _limit_from(setting: str) -> Callable[[], str]:
    return lambda: current_app.config[setting]
