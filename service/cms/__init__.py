"""The content manager: saves from the dashboard stored as edits and committed to the site's repository.

Storage is here: changes.py (what a save is), backends/ (local clone, GitHub, GitLab), models.py and saving.py
(store first, then commit; conflicts and retries), worker.py and cli.py (`flask --app service content ...`).
"""

from flask import Blueprint

bp = Blueprint("cms", __name__, cli_group="content")

from . import cli  # noqa: E402,F401  (registers the commands on bp)
from .worker import init_app  # noqa: E402

bp.record_once(lambda state: init_app(state.app))
