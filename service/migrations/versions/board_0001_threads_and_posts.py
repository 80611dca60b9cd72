"""The board: threads and their posts.

Revision ID: board_0001
Revises: root
"""

import sqlalchemy as sa
from alembic import op

revision = "board_0001"
down_revision = "root"
branch_labels = ("board",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "board_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_activity", sa.DateTime(timezone=True), nullable=False),
        sa.Column("post_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_board_threads_last_activity"), "board_threads", ["last_activity"])
    op.create_table(
        "board_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["thread_id"], ["board_threads.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_board_posts_thread_id"), "board_posts", ["thread_id"])
    op.create_index(op.f("ix_board_posts_status"), "board_posts", ["status"])


def downgrade() -> None:
    op.drop_table("board_posts")
    op.drop_table("board_threads")
