"""Comment ids are never given again: on SQLite the table is built again with AUTOINCREMENT.

Revision ID: comments_0003
Revises: comments_0002

Without AUTOINCREMENT SQLite numbers a new row one above the highest id in use, so deleting the newest comment
handed its id to the next one, with everything that named it (the author's edit token, an admin's open page).
PostgreSQL's sequences never go back: there nothing changes. The rebuild keeps the rows and the page-version
triggers of comments_0002 (see sqlite_rebuild.py). Ids freed before this upgrade above the highest one left may
still be given once: nothing recorded them.
"""

from service.migrations.sqlite_rebuild import rebuild_tables

revision = "comments_0003"
down_revision = "comments_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rebuild_tables("comments", autoincrement=True)


def downgrade() -> None:
    rebuild_tables("comments", autoincrement=False)
