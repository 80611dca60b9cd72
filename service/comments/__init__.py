"""The comments concern: see views.py for the routes."""

from flask import Blueprint

from . import page_cache

bp = Blueprint("comments", __name__)
bp.record_once(lambda state: page_cache.init_app(state.app))

from . import views  # noqa: E402,F401  (registers the routes on bp)
