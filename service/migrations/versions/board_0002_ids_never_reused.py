"""Board thread and post ids are never given again: on SQLite both tables are built again with AUTOINCREMENT.

Revision ID: board_0002
Revises: board_0001

Without AUTOINCREMENT SQLite numbers a new row one above the highest id in use, so a link to the newest thread,
or an admin's form for the newest post, named the next one once it was deleted. PostgreSQL's sequences never go
back: there nothing changes. The rebuild keeps every thread with its posts (see sqlite_rebuild.py).
"""

from service.migrations.sqlite_rebuild import rebuild_tables

revision = "board_0002"
down_revision = "board_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rebuild_tables("board_threads", "board_posts", autoincrement=True)


def downgrade() -> None:
    rebuild_tables("board_threads", "board_posts", autoincrement=False)
