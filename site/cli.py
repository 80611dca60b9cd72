"""What build.py's commands do besides building (see `herald_site.build.pipeline`), as functions that tests
and other tools can call without a shell."""

from __future__ import annotations

import dataclasses
import errno
import json
import socket
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from herald_site.build.report import Progress
from herald_site.confined import inside
from herald_site.content import ContentError, ContentProblems, Problem, check_site, load_config, slugify, tally
from herald_site.content.settings import CONFIG_FILE
from herald_site.editing import DocumentEntry, list_documents
from herald_site.errors import BuildError, CommandError
from herald_site.speed.workers import default_jobs

if TYPE_CHECKING:  # Werkzeug's server loads only when a command serves
    from herald_site.build.built_site_server import WSGIApp

POSTS_FOLDER = "posts"
PROGRESS_STEPS = 500


def service_settings_for_site(content_dir: Path) -> dict[str, str]:
    """What the service must know of site.yml: its title (for its own pages) and the contact routing,
    so the service and the contact form agree.

    The general address (`HERALD_CONTACT_TO`) is the topic keyed `general`, else the first topic.
    """
    config = load_config(content_dir)
    settings = {"HERALD_SITE_TITLE": config.title}
    topics = config.contact_topics
    if topics:
        general = next((topic for topic in topics if topic.key == "general"), topics[0])
        settings["HERALD_CONTACT_TOPICS"] = ",".join(f"{topic.key}={topic.address}" for topic in topics)
        settings["HERALD_CONTACT_TO"] = general.address
    return settings


def check_content(content_dir: Path, *, drafts: bool = False, strict: bool = False) -> list[Problem]:
    """Every problem in the content (warnings become errors under `strict`), without building."""
    return check_site(content_dir, drafts=drafts, strict=strict)


def new_post(content_dir: Path, title: str, now: datetime | None = None) -> Path:
    """Write posts/YYYY-MM-DD-slug.md with its frontmatter filled in, as a draft; never overwrites a file.

    The post starts as a draft so that a half-written text cannot go live with the next build; `serve`
    shows drafts, and removing `draft: true` publishes it.
    """
    slug = _slug_of(title)
    moment = (now or datetime.now(load_config(content_dir).timezone)).replace(microsecond=0)
    frontmatter = (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: {moment.isoformat(sep=' ')}\n"
        'summary: ""\ntags: []\ncategories: []\ndraft: true\n---\n\n'
        "Write the post here, in Markdown. Remove `draft: true` above to publish it.\n"
    )
    return _write_new(content_dir, Path(POSTS_FOLDER, f"{moment:%Y-%m-%d}-{slug}.md"), frontmatter)


def ensure_port_free(host: str, port: int) -> None:
    """Raise a CommandError naming --port when another program listens at host:port, before a command builds
    anything or shows a token it could not serve."""
    from werkzeug.serving import get_sockaddr, select_address_family  # the address Werkzeug's server binds

    family = select_address_family(host, port)
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind(get_sockaddr(host, port, family))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise CommandError(
                    f"Port {port} on {host} is busy: another program (an earlier serve or demo?) listens there. "
                    f"Stop it, or choose another port with --port, e.g. --port {port + 1}."
                ) from error
            message = f"Cannot listen on {host} port {port} ({error.strerror}); check --host and --port."
            raise CommandError(message) from error


def serve_site(content_dir: Path, host: str, port: int) -> None:
    """Run the development server: drafts shown, content reloaded on every change (no restart needed), and the
    open pages reloaded by themselves (`herald_site.build.live_serving`); a save that breaks the content is
    reported here and on the pages, which keep the last version that loaded."""
    from herald_site.build.live_serving import live_site

    ensure_port_free(host, port)
    with live_site(content_dir, report=lambda line: click.echo(line, err=True)) as app:
        app.run(host=host, port=port, use_reloader=False, threaded=True)


def serve_build(out_dir: Path, host: str, port: int, *, service: WSGIApp) -> None:
    """Serve a finished build and the service on one address, as a CDN with the `/api/` proxy rule would,
    until interrupted.

    Started without `run_simple`, whose red warning against deploying a development server is meant for people
    deploying apps: the demo is only looked at.
    """
    from werkzeug.serving import make_server

    from herald_site.build.built_site_server import site_with_service, static_site

    make_server(host, port, site_with_service(static_site(out_dir), service), threaded=True).serve_forever()


@contextmanager
def exit_on_failure() -> Iterator[None]:
    """Turn the project's errors into their messages on stderr and exit status 1, never a traceback."""
    try:
        yield
    except ContentProblems as problems:
        for problem in problems.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{tally(problems.problems)}; nothing was written.", err=True)
        sys.exit(1)
    except BuildError as error:
        for warning in error.warnings:
            click.echo(str(warning), err=True)
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except (ContentError, CommandError) as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)


@contextmanager
def progress_bar(label: str) -> Iterator[Progress]:
    """A Progress callback drawing a click progress bar on stderr, sized by the first report.

    The bar moves in steps of a fraction of a percent: a rebuild reports tens of thousands of kept files in a
    moment, and moving it for each would cost more than keeping them.
    """
    with ExitStack() as stack:
        bar: Any = None  # click's ProgressBar class is private
        shown = step = 0

        def report(done: int, expected: int, url: str) -> None:
            nonlocal bar, shown, step
            if bar is None:
                bar = stack.enter_context(
                    click.progressbar(length=expected, label=label, file=sys.stderr, item_show_func=str)
                )
                step = max(1, expected // PROGRESS_STEPS)
            if done - shown >= step or done >= expected:
                bar.update(done - shown, url)
                shown = done

        yield report


PAGES_FOLDER = "pages"
LIST_STATES = ("published", "scheduled", "draft")


def new_page(content_dir: Path, title: str) -> Path:
    """Write pages/slug.md with its frontmatter filled in, as a draft (see `new_post`); never overwrites a file."""
    frontmatter = (
        f'---\ntitle: {json.dumps(title, ensure_ascii=False)}\nsummary: ""\ndraft: true\n---\n\n'
        "Write the page here, in Markdown. Remove `draft: true` above to publish it.\n"
    )
    return _write_new(content_dir, Path(PAGES_FOLDER, f"{_slug_of(title)}.md"), frontmatter)


def _slug_of(title: str) -> str:
    slug = slugify(title)
    if not slug:
        raise CommandError(f"The title {title!r} gives an empty file name; use letters or digits in it.")
    return slug


def _write_new(content_dir: Path, relative: Path, text: str) -> Path:
    """Write a new content file; an existing one is an error, never overwritten."""
    path = inside(content_dir, relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise CommandError(f"{path} already exists; choose another title or edit that file.") from None
    return path


def listed_documents(content_dir: Path, state: str | None = None, now: datetime | None = None) -> list[DocumentEntry]:
    """The posts and pages `build.py list` shows: every one, or those in `state`."""
    if not (content_dir / CONFIG_FILE).is_file():
        raise CommandError(f"{content_dir / CONFIG_FILE} not found; is {content_dir} a Herald content folder?")
    entries = list_documents(content_dir, now=now, jobs=default_jobs())  # a cold cache renders every file
    return [entry for entry in entries if state is None or entry.state == state]


def documents_table(entries: Sequence[DocumentEntry]) -> str:
    """A table for people: state, date, URL and title, then the file, one document a line."""
    rows = [("STATE", "DATE", "URL", "TITLE", "FILE")]
    rows += [(entry.state + (f" ({entry.problems} problems)" if entry.problems else ""),
              f"{entry.date:%Y-%m-%d %H:%M}" if entry.date else "-", entry.url or "-", entry.title, entry.path)
             for entry in entries]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    return "\n".join("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths)), row[-1]]).rstrip()
                     for row in rows)


def documents_json(entries: Sequence[DocumentEntry]) -> str:
    """The list for scripts: one object per document, dates in ISO 8601."""
    return json.dumps([{**dataclasses.asdict(entry), "date": entry.date.isoformat() if entry.date else None}
                       for entry in entries], ensure_ascii=False, indent=2)
