"""Comments imported from another system remember their id there, so an import run twice adds nothing, and
their author's email as a keyed hash only, so erasing an address finds them too.

Revision ID: comments_0005
Revises: comments_0004
"""

import sqlalchemy as sa
from alembic import op

revision = "comments_0005"
down_revision = "comments_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comment_imports",
        sa.Column("source", sa.String(200), primary_key=True),
        sa.Column("source_id", sa.BigInteger(), primary_key=True),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("email_hash", sa.String(64), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("comment_imports")
