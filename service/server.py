"""The production server: `python -m service` runs the service under Granian, one thread per process.

Why Granian: its HTTP side (parsing, keep-alive, writing answers) is Rust, so a request's Python time is the
app's own. Under gunicorn's threaded workers the server's Python machinery cost as much as the app's own work
for a cached page of comments, and new comments waited longer.

One process per core (WEB_CONCURRENCY or --workers overrides), as Granian advises: its Rust side accepts and
parses while Python works, so more processes than cores serve no more requests, with a longer tail. Each
process runs one request thread, whatever the database. On PostgreSQL, with more threads per process (or more
processes), some cached page reads stalled for seconds inside psycopg while PostgreSQL logged no slow
statement, most likely a thread back from the database waiting for the GIL. On SQLite, which takes one writer
at a time, more threads only queue for its lock. For a distant database, add processes. The measurements
behind each choice are in bench/README.md, "Figures quoted from the code".
"""

from __future__ import annotations

import os

import click
import granian
from granian.constants import Interfaces

from .config import ConfigError, resolve_settings

APP_FACTORY = "service:create_app"
STOP_SECONDS = 30  # a stopping worker finishes its requests for this long, then is killed


def default_workers() -> int:
    """WEB_CONCURRENCY (the usual variable of hosting platforms), else one per core."""
    return int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on (0.0.0.0: all)")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", type=click.IntRange(1), help="processes [default: WEB_CONCURRENCY, else 1 per core]")
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1),
              help="request threads per process")
@click.option("--access-log/--no-access-log", default=False, show_default=True,
              help="log every request, with the client's IP address (personal data: keep the log short-lived)")
def serve(host: str, port: int, workers: int | None, threads: int, access_log: bool) -> None:
    """Serve the service in production (SIGHUP replaces the workers, SIGTERM stops them gracefully)."""
    try:
        resolve_settings(None)  # a bad setting stops the start here, with its message, not in crashing workers
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    granian.Granian(
        APP_FACTORY, factory=True, interface=Interfaces.WSGI, address=host, port=port,
        workers=workers or default_workers(), blocking_threads=threads,
        log_access=access_log, respawn_failed_workers=True, workers_kill_timeout=STOP_SECONDS,
    ).serve()
