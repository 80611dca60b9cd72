"""A dashboard session names the person it belongs to (none: the admin token's), so roles apply to it.

Revision ID: admin_0002
Revises: admin_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "admin_0002"
down_revision = "admin_0001"
branch_labels = None
depends_on = "people_0001"


def upgrade() -> None:
    with op.batch_alter_table("admin_sessions") as table:
        table.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        table.create_foreign_key("fk_admin_sessions_person_id_people", "people", ["person_id"], ["id"],
                                 ondelete="CASCADE")


def downgrade() -> None:
    with op.batch_alter_table("admin_sessions") as table:
        table.drop_constraint("fk_admin_sessions_person_id_people", type_="foreignkey")
        table.drop_column("person_id")
