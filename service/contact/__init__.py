"""The contact concern: visitors' messages go to an outbox and are mailed from there (see views.py, worker.py).

Its CLI group is `flask --app service outbox ...` (see cli.py).
"""

from flask import Blueprint

bp = Blueprint("contact", __name__, cli_group="outbox")

from . import cli, views  # noqa: E402,F401  (registers the routes and commands on bp)
from .worker import init_app  # noqa: E402

bp.record_once(lambda state: init_app(state.app))
