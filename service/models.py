"""Loads every concern's tables onto `Base.metadata`, for Alembic and for the schema test."""

import importlib

CONCERNS_WITH_TABLES = ("comments", "board", "contact", "events", "admin")


def import_all_models() -> None:
    for concern in CONCERNS_WITH_TABLES:
        importlib.import_module(f"service.{concern}.models")
