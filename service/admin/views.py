"""Loads every admin module so their routes land on the admin blueprint."""

from . import board, comments, contact, dashboard, erase  # noqa: F401
