"""The board concern: views.py has the JSON routes, pages.py the plain HTML pages for visitors without scripts."""

from flask import Blueprint

bp = Blueprint("board", __name__)

from . import pages, views  # noqa: E402,F401  (register the routes on bp)
