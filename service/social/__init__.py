"""The social concern: each new post syndicated to Mastodon and Bluesky (POSSE), replies brought home.

Its CLI group is `flask --app service social ...` (cli.py); the copies and replies a post page shows are at
`GET /api/social` (views.py); the dashboard's page is service/admin/social.py.
"""

from flask import Blueprint

bp = Blueprint("social", __name__, cli_group="social")

from . import cli, views  # noqa: E402,F401  (registers the routes and commands on bp)
from .worker import init_app  # noqa: E402

bp.record_once(lambda state: init_app(state.app))
