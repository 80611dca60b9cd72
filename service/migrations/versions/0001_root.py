"""The root revision every concern's branch grows from.

Revision ID: root
"""

revision = "root"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing: each concern creates its own tables in its own branch."""


def downgrade() -> None:
    """Nothing to undo."""
