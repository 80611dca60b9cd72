"""`flask --app service import wordpress EXPORT.xml`: bring another system's comments into the service.

The site's own import is `build.py import wordpress`; this one files the comments under the same pages.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy.exc import OperationalError

from herald_site.errors import CommandError
from herald_site.importers.wxr import read_export

from .comments.wordpress_import import import_wordpress_comments
from .db import database

IMPORT_BUSY = ("another import of comments is still running on this database (it held its lock for longer than "
               "the database waits); nothing was added: run this one again when it has finished, it adds only the "
               "comments not imported yet")

import_group = AppGroup("import", help="Bring comments from another system into the service.")


@import_group.command("wordpress")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def wordpress_command(export: Path) -> None:
    """Import the comments of the WordPress export EXPORT (WXR), threaded under each post's page.

    Approved comments are published, held ones wait for moderation; spam, trash and pingbacks stay out, and no
    email or IP address is kept. Running it again adds only comments not imported before.
    """
    try:
        site = read_export(export)
    except CommandError as error:
        raise click.ClickException(str(error)) from error
    try:
        with database().session() as session:
            report = import_wordpress_comments(session, site)
    except OperationalError as error:
        if not _waited_too_long(error):
            raise
        raise click.ClickException(IMPORT_BUSY) from error
    click.echo(str(report))


def _waited_too_long(error: OperationalError) -> bool:
    """Whether the database gave up waiting for the lock another import held: SQLite's busy timeout, or
    PostgreSQL's `lock_timeout` when the server sets one (55P03, lock_not_available)."""
    return "database is locked" in str(error.orig) or getattr(error.orig, "sqlstate", None) == "55P03"
