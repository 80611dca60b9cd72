"""Alembic's entry point: runs the service's migrations on the connection that `upgrade_schema` hands over
(service/schema.py)."""

from alembic import context

from service.all_models import METADATA

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=METADATA, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
