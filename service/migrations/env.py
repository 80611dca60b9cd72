"""Alembic's entry point: runs the service's migrations on the connection that `upgrade_schema` hands over
(service/schema.py)."""

from alembic import context

from service.db import Base
from service.models import import_all_models

import_all_models()
connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
