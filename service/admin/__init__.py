"""The admin concern: moderation, the outbox, syndication and erasure, all behind the admin token (service/http/admin_token.py)
or the dashboard's sign-in (signin.py).

The JSON routes are in board.py, comments.py, contact.py and erase.py, the dashboard's pages in dashboard.py,
social.py, people.py (the team) and audit.py (the audit log); signing in with a one-time link in links.py. Who
may open which page is signin.py's `role_required` (the roles are service/people/roles.py's).
"""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import audit, board, comments, contact, dashboard, erase, links, people, social  # noqa: E402,F401  (register the routes on bp)
