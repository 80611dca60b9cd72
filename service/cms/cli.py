"""`flask --app service content status|retry`: see the stored edits and commit the queued ones now."""

from __future__ import annotations

import click

from ..db import database, utcnow
from ..queue import requeue
from . import bp
from .app_state import NoContentManager, required_cms_state
from .models import COMMITTED, CONFLICT, EDIT_STATES, ContentEdit
from .saving import retry_due
from .store import list_edits


@bp.cli.command("status")
@click.option("--status", "state", type=click.Choice(EDIT_STATES), help="Only edits in this state.")
def status_command(state: str | None) -> None:
    """Show the saves, newest first: id, created, author, state, attempts, files, and the commit or the reason."""
    with database().session() as session:
        edits = list_edits(session, state)
        rows = [(edit, [file.path for file in edit.files]) for edit in edits]
    if not rows:
        click.echo("No edits." if state is None else f"No {state} edits.")
        return
    for edit, paths in rows:
        created = edit.created.strftime("%Y-%m-%d %H:%M:%SZ")
        detail = edit.commit_id or edit.conflict_path or edit.last_error or ""
        click.echo(f"#{edit.id}  {created}  {edit.author_name} <{edit.author_email}>  {edit.status}  "
                   f"tries {edit.attempts}  {', '.join(paths)}  {detail}")


@bp.cli.command("retry")
@click.option("--all", "everything", is_flag=True, help="Every queued or failed edit, due or not.")
@click.argument("ids", nargs=-1, type=int)
def retry_command(everything: bool, ids: tuple[int, ...]) -> None:
    """Commit now: the queued edits that are due, or the given IDs, or --all queued and failed ones."""
    if everything and ids:
        raise click.UsageError("Give edit IDs or --all, not both.")
    try:
        state = required_cms_state()
    except NoContentManager as error:
        raise click.ClickException(str(error)) from error
    db = database()
    if everything or ids:
        with db.session() as session:
            forced = requeue(session, ContentEdit, None if everything else ids, now=utcnow())
        missing = sorted(set(ids) - set(forced))
        if missing:
            click.echo(f"Not waiting (no such edit, or committed or in conflict): {', '.join(map(str, missing))}",
                       err=True)
    outcomes = retry_due(db, state.backend, state.settings.retry, only_ids=ids or None)
    if not outcomes:
        click.echo("Nothing was due.")
    for outcome in outcomes:
        result = {COMMITTED: f"committed {outcome.commit_id}",
                  CONFLICT: f"conflict in {outcome.conflict.path if outcome.conflict else '?'}"}.get(
            outcome.status, f"{outcome.status} after attempt {outcome.attempts}: {outcome.error}")
        click.echo(f"#{outcome.edit_id}: {result}")
    if any(outcome.status not in {COMMITTED} for outcome in outcomes):
        raise click.exceptions.Exit(1)
