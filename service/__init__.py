"""Herald's companion service: comments, the message board, contact mail and events, as one Flask app.

Run it with `flask --app service run` while developing and `python -m service` (Granian, see service/server.py)
in production.

Each concern is a package with its blueprint (comments/, board/, contact/, events/, social/, admin/): routes, storage,
checks and its OpenAPI description. http/ is the HTTP layer they share. Beside them: the app's set-up
(config.py, instance.py, db.py, schema.py, all_models.py, server.py), what several concerns use (field_checks.py,
moderation.py, signals.py, erasure.py, visitor_text.py, keyed_hash.py, openapi_parts.py), the site's look that
every HTML page is dressed in (site_shell.py, page_look.py), the service's own routes (health.py, openapi.py),
and public_paths.py, the paths the site's host proxies here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import db, page_look, schema
from .admin import bp as admin_bp
from .board import bp as board_bp
from .cms import bp as cms_bp
from .cms.views import bp as content_bp
from .comments import bp as comments_bp
from .comments.shortcut import PageReadShortcut
from .config import resolve_settings
from .contact import bp as contact_bp
from .events import bp as events_bp
from .health import bp as health_bp
from .import_commands import import_group
from .http import browser_policy, error_answers, rate_limits, url_ids
from .instance import instance_secret
from .openapi import bp as openapi_bp
from .social import bp as social_bp

BLUEPRINTS = (health_bp, openapi_bp, comments_bp, board_bp, contact_bp, events_bp, social_bp, admin_bp,
              cms_bp, content_bp)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the service. Settings come from the defaults, then the environment, then `config`."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(resolve_settings(config))
    app.json.sort_keys = False  # type: ignore[attr-defined]
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = instance_secret(Path(app.instance_path))
    hops = app.config["HERALD_TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    error_answers.init_app(app)
    browser_policy.init_app(app)
    page_look.init_app(app)
    db.init_app(app)
    schema.init_app(app)
    url_ids.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    rate_limits.init_app(app)
    app.cli.add_command(import_group)
    app.wsgi_app = PageReadShortcut(app, app.wsgi_app)  # type: ignore[method-assign]
    return app

