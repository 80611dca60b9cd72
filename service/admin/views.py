"""Loads every admin module so their routes land on the admin blueprint."""

from . import erase  # noqa: F401
