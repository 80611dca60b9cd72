"""Posts waiting for review (service/cms/reviews.py): kept in the database, not in git, until published.

Revision ID: cms_reviews_0001
Revises: root
"""

import sqlalchemy as sa
from alembic import op

revision = "cms_reviews_0001"
down_revision = "root"
branch_labels = ("cms_reviews",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "content_reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("path", sa.String(1000), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("expected_blob", sa.String(64), nullable=True),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("author_email", sa.String(254), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("submitted", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewer_name", sa.String(200), nullable=True),
        sa.Column("reviewed", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_content_reviews_path"), "content_reviews", ["path"])


def downgrade() -> None:
    op.drop_index(op.f("ix_content_reviews_path"), table_name="content_reviews")
    op.drop_table("content_reviews")
