"""The content manager's edits: each save stored whole before it is committed, with its queue state.

Revision ID: cms_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "cms_0001"
down_revision = "root"
branch_labels = ("cms",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "content_edits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("author_email", sa.String(254), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("commit_id", sa.String(64), nullable=True),
        sa.Column("conflict_path", sa.String(1000), nullable=True),
        sa.Column("conflict_diff", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished", sa.DateTime(timezone=True), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_content_edits_due", "content_edits", ["status", "next_attempt_at"])
    op.create_table(
        "content_edit_files",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("edit_id", sa.Integer(), sa.ForeignKey("content_edits.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(1000), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("expected_blob", sa.String(64), nullable=True),
    )
    op.create_index("ix_content_edit_files_edit_id", "content_edit_files", ["edit_id"])


def downgrade() -> None:
    op.drop_index("ix_content_edit_files_edit_id", table_name="content_edit_files")
    op.drop_table("content_edit_files")
    op.drop_index("ix_content_edits_due", table_name="content_edits")
    op.drop_table("content_edits")
