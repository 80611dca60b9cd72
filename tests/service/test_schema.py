"""The schema Alembic builds is exactly the one the models declare, on every backend."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from service.all_models import METADATA


def test_migrations_create_exactly_the_declared_schema(app):
    engine = app.extensions["herald_db"].engine
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, METADATA)
    assert differences == []


def test_every_declared_table_exists_after_start(app):
    existing = set(inspect(app.extensions["herald_db"].engine).get_table_names())
    assert set(METADATA.tables) <= existing
    assert "alembic_version" in existing


def test_starting_twice_migrates_once(make_app):
    first = make_app()
    second = make_app()
    engine = second.extensions["herald_db"].engine
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    assert first is not second
    assert len(heads) == len(set(heads)) >= 1
