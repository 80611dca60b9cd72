"""The events concern: page views and button presses from the site, actions other concerns signal, and analytics."""

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from . import salts
from .recorder import subscribe_to_signals

bp = Blueprint("events", __name__)


@bp.record_once
def _set_up(state: BlueprintSetupState) -> None:
    """Each app that registers the blueprint has its own visitor salts and records the events of its own signals."""
    salts.init_app(state.app)
    subscribe_to_signals(state.app)


from . import views  # noqa: E402,F401  (registers the routes on bp)
