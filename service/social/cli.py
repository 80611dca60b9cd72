"""`flask --app service social sync`: read the site's feed, post what is new, fetch replies, now."""

from __future__ import annotations

import click

from . import bp
from .worker import run_sync, social_settings


@bp.cli.command("sync")
def sync_command() -> None:
    """Post every new post to the configured accounts and bring their replies home."""
    if not social_settings().accounts:
        raise click.ClickException("No account is configured: set HERALD_MASTODON_URL and HERALD_MASTODON_TOKEN, "
                                   "or HERALD_BLUESKY_HANDLE and HERALD_BLUESKY_APP_PASSWORD.")
    report = run_sync()
    click.echo(f"{report.queued} new cop{'y' if report.queued == 1 else 'ies'} queued; "
               f"{report.replies} repl{'y' if report.replies == 1 else 'ies'} fetched.")
    for copy_id, status, error in report.outcomes:
        click.echo(f"copy #{copy_id}: {status}" + (f" ({error})" if error else ""))
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)
    if report.problems or any(error for _, _, error in report.outcomes):
        raise click.exceptions.Exit(1)
