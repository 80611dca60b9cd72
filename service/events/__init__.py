"""The events concern: page views and button presses from the site, actions from the hooks, and analytics."""

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from . import salts
from .recorder import subscribe_to_hooks

bp = Blueprint("events", __name__)


@bp.record_once
def _set_up(state: BlueprintSetupState) -> None:
    """Each app that registers the blueprint has its own visitor salts and records its own hooks' events."""
    salts.init_app(state.app)
    subscribe_to_hooks(state.app)


from . import views  # noqa: E402,F401  (registers the routes on bp)
