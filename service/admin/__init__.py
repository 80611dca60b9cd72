"""The admin concern: moderation, the outbox, syndication and erasure, all behind the admin token (service/http/admin_token.py)
or the dashboard's sign-in (signin.py).

The JSON routes are in board.py, comments.py, contact.py and erase.py, the dashboard's pages in dashboard.py.
"""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import board, comments, contact, dashboard, erase, social  # noqa: E402,F401  (register the routes on bp)
