"""The comments table.

Revision ID: comments_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "comments_0001"
down_revision = "root"
branch_labels = ("comments",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("page", sa.String(500), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("comments.id", name="fk_comments_parent_id_comments"),
                  nullable=True),
        sa.Column("author", sa.String(100), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("website", sa.String(500), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('approved', 'pending', 'deleted')", name="ck_comments_status"),
    )
    op.create_index("ix_comments_page_status_id", "comments", ["page", "status", "id"])
    op.create_index("ix_comments_parent_id", "comments", ["parent_id"])


def downgrade() -> None:
    op.drop_table("comments")
