"""The admin concern: moderation, the outbox and erasure, all behind the admin token (see service/auth.py)."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
