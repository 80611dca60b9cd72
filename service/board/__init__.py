"""The board concern: see views.py for the routes."""

from flask import Blueprint

bp = Blueprint("board", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
