"""Each contact message keeps the language its visitor wrote from, so the team can answer in it.

Revision ID: contact_0003
Revises: contact_0002

Messages taken before this revision have none (NULL): their mail names no language, as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "contact_0003"
down_revision = "contact_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contact_messages", sa.Column("language", sa.String(35), nullable=True))


def downgrade() -> None:
    op.drop_column("contact_messages", "language")  # SQLite drops a plain column in place (3.35 and later)
