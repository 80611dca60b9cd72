"""Each comment keeps the hash of the secret in its author's edit token.

Revision ID: comments_0004
Revises: comments_0003

A token naming only a comment's id opened whatever row held that id. Comments stored before this revision have no
secret (NULL): their tokens, which named only the id, open nothing any more.
"""

import sqlalchemy as sa
from alembic import op

revision = "comments_0004"
down_revision = "comments_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("comments", sa.Column("edit_secret_hash", sa.String(64), nullable=True))


def downgrade() -> None:
    op.drop_column("comments", "edit_secret_hash")  # SQLite drops a plain column in place (3.35 and later)
