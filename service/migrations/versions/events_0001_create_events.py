"""Create the events table and the indexes the analytics queries group by.

Revision ID: events_0001
Revises: root
"""

import sqlalchemy as sa
from alembic import op

revision = "events_0001"
down_revision = "root"
branch_labels = ("events",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("path", sa.String(500), nullable=True),
        sa.Column("label", sa.String(200), nullable=True),
        sa.Column("referrer_host", sa.String(255), nullable=True),
        sa.Column("browser", sa.String(20), nullable=True),
        sa.Column("visitor", sa.String(64), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
    )
    op.create_index("ix_events_type_day_path", "events", ["type", "day", "path"])
    op.create_index("ix_events_type_day_label", "events", ["type", "day", "label"])


def downgrade() -> None:
    op.drop_index("ix_events_type_day_label", table_name="events")
    op.drop_index("ix_events_type_day_path", table_name="events")
    op.drop_table("events")
