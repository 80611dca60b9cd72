"""The dashboard's sessions, so signing out ends one on the server.

Revision ID: admin_0001
Revises: root
"""

import sqlalchemy as sa
from alembic import op

revision = "admin_0001"
down_revision = "root"
branch_labels = ("admin",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admin_sessions",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )
    op.create_index(op.f("ix_admin_sessions_expires"), "admin_sessions", ["expires"])


def downgrade() -> None:
    op.drop_table("admin_sessions")
