"""Contact message ids are never given again: on SQLite the outbox is built again with AUTOINCREMENT.

Revision ID: contact_0002
Revises: contact_0001

Without AUTOINCREMENT SQLite numbers a new row one above the highest id in use, so the id a sender was answered
with, or an admin's open outbox page, could name the next message once the newest was deleted. PostgreSQL's
sequences never go back: there nothing changes. The rebuild keeps every message (see sqlite_rebuild.py).
"""

from service.migrations.sqlite_rebuild import rebuild_tables

revision = "contact_0002"
down_revision = "contact_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rebuild_tables("contact_messages", autoincrement=True)


def downgrade() -> None:
    rebuild_tables("contact_messages", autoincrement=False)
