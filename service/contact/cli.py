"""`flask --app service outbox list|retry`: see the contact outbox and deliver it by hand."""

from __future__ import annotations

import click

from ..db import database, utcnow
from . import bp
from .delivery import OutboxError, deliver_due
from ..queue import STATUSES
from .store import list_messages, requeue
from .worker import contact_settings


@bp.cli.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only messages in this state.")
def list_command(status: str | None) -> None:
    """Show the outbox, newest first: id, created, to, status, attempts, last error."""
    with database().session() as session:
        messages = list_messages(session, status)
    if not messages:
        click.echo("The outbox is empty." if status is None else f"No {status} messages.")
        return
    click.echo(f"{'id':>5}  {'created':<20} {'to':<30} {'status':<8} {'tries':>5}  last error")
    for message in messages:
        created = message.created.strftime("%Y-%m-%d %H:%M:%SZ")
        to = message.recipient or "(general address)"
        click.echo(f"{message.id:>5}  {created:<20} {to:<30} {message.status:<8} {message.attempts:>5}  "
                   f"{message.last_error or ''}")


@bp.cli.command("retry")
@click.option("--all", "everything", is_flag=True, help="Every queued or failed message, due or not.")
@click.argument("ids", nargs=-1, type=int)
def retry_command(everything: bool, ids: tuple[int, ...]) -> None:
    """Deliver now: messages that are due, or the given IDs, or --all waiting and failed ones."""
    if everything and ids:
        raise click.UsageError("Give message IDs or --all, not both.")
    db = database()
    if everything or ids:
        with db.session() as session:
            forced = requeue(session, None if everything else ids, now=utcnow())
        missing = sorted(set(ids) - set(forced))
        if missing:
            click.echo(f"Not waiting (no such message, or already sent): {', '.join(map(str, missing))}", err=True)
    try:
        outcomes = deliver_due(db, contact_settings(), only_ids=ids or None)
    except OutboxError as error:
        raise click.ClickException(str(error)) from error
    if not outcomes:
        click.echo("Nothing was due.")
    for outcome in outcomes:
        result = "sent" if outcome.error is None else f"{outcome.status} after attempt {outcome.attempts}: {outcome.error}"
        click.echo(f"#{outcome.id} to {outcome.recipient}: {result}")
    if any(outcome.error for outcome in outcomes):
        raise click.exceptions.Exit(1)
