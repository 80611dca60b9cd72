"""The contact outbox: messages stored before they are mailed, with their delivery state.

Revision ID: contact_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "contact_0001"
down_revision = "root"
branch_labels = ("contact",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("subject", sa.String(200), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("topic", sa.String(100), nullable=True),
        sa.Column("recipient", sa.String(254), nullable=True),
        sa.Column("message_id", sa.String(255), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_contact_messages_due", "contact_messages", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_contact_messages_due", table_name="contact_messages")
    op.drop_table("contact_messages")
