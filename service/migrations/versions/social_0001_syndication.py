"""Syndication: the accounts posted to, each post's copy per account (a stored queue), replies fetched back.

Revision ID: social_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "social_0001"
down_revision = "root"
branch_labels = ("social",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "social_accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("network", sa.String(20), nullable=False),
        sa.Column("name", sa.String(253), nullable=False),
        sa.Column("connected_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("network", "name", name="uq_social_accounts_network_name"),
    )
    op.create_table(
        "social_copies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("social_accounts.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("page", sa.String(2000), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("image", sa.String(2000), nullable=True),
        sa.Column("published", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("remote_id", sa.String(2000), nullable=True),
        sa.Column("remote_url", sa.String(2000), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("account_id", "page", name="uq_social_copies_account_page"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_social_copies_due", "social_copies", ["status", "next_attempt_at"])
    op.create_index("ix_social_copies_page", "social_copies", ["page"])
    op.create_table(
        "social_replies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("copy_id", sa.Integer(), sa.ForeignKey("social_copies.id", ondelete="CASCADE"), nullable=False),
        sa.Column("remote_id", sa.String(2000), nullable=False),
        sa.Column("handle", sa.String(300), nullable=False),
        sa.Column("author", sa.String(300), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("copy_id", "remote_id", name="uq_social_replies_copy_remote"),
    )


def downgrade() -> None:
    op.drop_table("social_replies")
    op.drop_index("ix_social_copies_page", table_name="social_copies")
    op.drop_index("ix_social_copies_due", table_name="social_copies")
    op.drop_table("social_copies")
    op.drop_table("social_accounts")
