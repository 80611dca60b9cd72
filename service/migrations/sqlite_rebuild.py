"""Building SQLite tables again, for the migrations that change what SQLite cannot alter in place (AUTOINCREMENT).

Alembic's batch mode builds a new table, copies the rows, drops the old table and renames the new one. With the
service's foreign keys on (and they cannot be switched off inside the migration's transaction), dropping a table
whose rows are referenced would fail (a copy referencing the old table) or delete them (ON DELETE CASCADE). So
the rows are kept aside in temporary tables first, the emptied tables are built again, and the rows put back.
Dropping a table drops its triggers too: they are read before and made again after.
"""

from __future__ import annotations

from alembic import op

_TRIGGERS = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"


def rebuild_tables(*tables: str, autoincrement: bool) -> None:
    """On SQLite, build `tables` again with or without AUTOINCREMENT, keeping rows, indexes, constraints and
    triggers; elsewhere nothing. List a table before the tables that reference it."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    triggers = [sql for table in tables for sql in bind.exec_driver_sql(_TRIGGERS, (table,)).scalars()]
    for table in reversed(tables):  # referencing tables first: emptying a table then cascades into nothing
        op.execute(f"CREATE TEMPORARY TABLE {table}_kept AS SELECT * FROM {table}")
        op.execute(f"DELETE FROM {table}")
    for table in tables:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}):
            pass  # nothing changes but the table's options: batch mode builds it again from what it reflects
        op.execute(f"INSERT INTO {table} SELECT * FROM {table}_kept")
        op.execute(f"DROP TABLE {table}_kept")
    for trigger in triggers:
        bind.exec_driver_sql(trigger)
