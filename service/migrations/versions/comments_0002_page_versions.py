"""A version per page, raised by triggers on every insert, update and delete of a comment.

Revision ID: comments_0002
"""

import sqlalchemy as sa
from alembic import op

revision = "comments_0002"
down_revision = "comments_0001"
branch_labels = None
depends_on = None

# Raise the version of one page (NEW.page or OLD.page), creating its row on the page's first comment.
_BUMP = ("INSERT INTO comment_page_versions (page, version) VALUES ({row}.page, 1) "
         "ON CONFLICT (page) DO UPDATE SET version = comment_page_versions.version + 1")

SQLITE_TRIGGERS = {
    "comments_version_on_insert": f"AFTER INSERT ON comments BEGIN {_BUMP.format(row='NEW')}; END",
    "comments_version_on_delete": f"AFTER DELETE ON comments BEGIN {_BUMP.format(row='OLD')}; END",
    "comments_version_on_update": f"AFTER UPDATE ON comments BEGIN {_BUMP.format(row='NEW')}; END",
    "comments_version_on_move": (f"AFTER UPDATE OF page ON comments WHEN OLD.page IS NOT NEW.page "
                                 f"BEGIN {_BUMP.format(row='OLD')}; END"),
}

POSTGRESQL_FUNCTION = f"""
CREATE FUNCTION comments_bump_page_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        {_BUMP.format(row='NEW')};
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.page IS DISTINCT FROM NEW.page) THEN
        {_BUMP.format(row='OLD')};
    END IF;
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "comment_page_versions",
        sa.Column("page", sa.String(500), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.execute("INSERT INTO comment_page_versions (page, version) SELECT DISTINCT page, 1 FROM comments")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        op.execute("CREATE TRIGGER comments_version AFTER INSERT OR UPDATE OR DELETE ON comments "
                   "FOR EACH ROW EXECUTE FUNCTION comments_bump_page_version()")
        return
    for name, body in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER comments_version ON comments")
        op.execute("DROP FUNCTION comments_bump_page_version()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("comment_page_versions")
