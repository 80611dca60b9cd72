"""Herald's command line: `python build.py build | serve | demo | new post | new page | list | check | import wordpress |
import jekyll`.

Each command only parses options and prints; the work is done by functions in herald_site.cli and
herald_site.build.pipeline.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import click

from herald_site import cli
from herald_site.build import pipeline
from herald_site.build.report import BuildSummary
from herald_site.content import Problem, tally
from herald_site.errors import CommandError
from herald_site.urls import SHELL
from herald_site.speed.workers import default_jobs

content_option = click.option(
    "--content",
    type=click.Path(file_okay=False, path_type=Path),
    default="content",
    show_default=True,
    help="The content folder (site.yml, posts/, pages/, media/).",
)
strict_option = click.option("--strict", is_flag=True, help="Treat every warning as an error.")


@click.group()
def main() -> None:
    """Build, preview and check a Herald site."""


@main.command()
@content_option
@click.option("--out", type=click.Path(path_type=Path), default="build", show_default=True,
              help="Output folder; replaced only when the whole build succeeds.")
@click.option("--drafts", is_flag=True, help="Include drafts and posts dated in the future.")
@click.option("--base-url", help="The site's absolute URL, instead of `url` in site.yml.")
@click.option("--service-url", help="Where the companion service answers, instead of `service_url` in site.yml.")
@strict_option
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              help=f"Build cache folder, kept between builds [default: {pipeline.CACHE_FOLDER} beside the content].")
@click.option("--no-cache", is_flag=True, help="Render everything and keep nothing for the next build.")
@click.option("--jobs", type=click.IntRange(min=1), help="Processes rendering Markdown [default: one per CPU].")
def build(content: Path, out: Path, drafts: bool, base_url: str | None, service_url: str | None,
          strict: bool, cache_dir: Path | None, no_cache: bool, jobs: int | None) -> None:
    """Check the content, bake in the service's comments and write the static site.

    Only pages showing changed content are rendered again; the output equals a build from scratch.
    """
    if no_cache and cache_dir is not None:
        raise click.UsageError("--cache and --no-cache exclude each other.")
    with cli.exit_on_failure(), cli.progress_bar("Freezing") as progress:
        summary, warnings = pipeline.build_site(
            content, out, drafts=drafts, base_url=base_url, service_url=service_url, strict=strict,
            progress=progress, cache_dir=None if no_cache else cache_dir or pipeline.default_cache_dir(content),
            jobs=jobs or default_jobs(),
        )
    report(summary, warnings)


def report(summary: BuildSummary, warnings: list[Problem]) -> None:
    """The build's warnings on stderr, then its summary line."""
    for warning in warnings:
        click.echo(str(warning), err=True)
    click.echo(str(summary))


@main.command()
@content_option
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
def serve(content: Path, port: int, host: str) -> None:
    """Preview the site with drafts; content edits show on the next reload."""
    with cli.exit_on_failure():
        cli.serve_site(content, host, port)


@main.command()
@content_option
@click.option("--out", type=click.Path(path_type=Path), default="build", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
def demo(content: Path, out: Path, port: int, host: str) -> None:
    """Build the site and serve it with the service (SQLite, no set-up) on one address."""
    import secrets  # here, not at the top: a build need not load it

    from herald_site.build.service_comments import wsgi_fetch
    from service import create_app as create_service
    from service.config import ConfigError

    origin = f"http://{host}:{port}"
    # The dashboard needs an admin token; a demo without one in the environment gets a fresh one, shown below.
    admin_token = os.environ.get("HERALD_ADMIN_TOKEN") or secrets.token_urlsafe(32)
    with cli.exit_on_failure():
        cli.ensure_port_free(host, port)
        try:
            # The service's pages wear the shell this very build writes (herald_site.page_shell).
            service = create_service({"HERALD_SITE_ORIGIN": origin, "HERALD_ADMIN_TOKEN": admin_token,
                                      "HERALD_SITE_SHELL": str(out.resolve() / SHELL.lstrip("/")),
                                      **cli.service_settings_for_site(content)})
        except ConfigError as error:  # a setting from the environment, such as a short HERALD_ADMIN_TOKEN
            raise CommandError(str(error)) from error
        summary, warnings = pipeline.build_site(content, out, base_url=origin, service_url=origin,
                                           comments=wsgi_fetch(service))
    report(summary, warnings)
    click.echo(f"Site and service at {origin}/ (service database: {service.config['DATABASE_URL']})")
    click.echo(f"Admin dashboard at {origin}/admin/ (sign in with the token {admin_token})")
    click.echo("Press Ctrl+C to stop.")
    cli.serve_build(out, host, port, service=service)


@main.group()
def new() -> None:
    """Create content from a template."""


@new.command("post")
@click.argument("title")
@content_option
def new_post(title: str, content: Path) -> None:
    """Write a dated draft post titled TITLE."""
    with cli.exit_on_failure():
        path = cli.new_post(content, title)
    click.echo(f"Wrote {path} (a draft until you remove `draft: true`).")


@new.command("page")
@click.argument("title")
@content_option
def new_page(title: str, content: Path) -> None:
    """Write a draft page titled TITLE (pages/<slug>.md)."""
    with cli.exit_on_failure():
        path = cli.new_page(content, title)
    click.echo(f"Wrote {path} (a draft until you remove `draft: true`).")


@main.command("list")
@content_option
@click.option("--state", type=click.Choice(cli.LIST_STATES), help="Only the documents in this state.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts instead of a table.")
def list_command(content: Path, state: str | None, as_json: bool) -> None:
    """List the posts (newest first) and pages: state (published, scheduled, draft), date, URL, title, file."""
    with cli.exit_on_failure():
        entries = cli.listed_documents(content, state)
    click.echo(cli.documents_json(entries) if as_json else cli.documents_table(entries))


@main.command()
@content_option
@click.option("--drafts", is_flag=True, help="Check as a build with --drafts would see the content.")
@strict_option
def check(content: Path, drafts: bool, strict: bool) -> None:
    """List every content problem as file:line: message, without building."""
    with cli.exit_on_failure():
        problems = cli.check_content(content, drafts=drafts, strict=strict)
    for problem in problems:
        click.echo(str(problem))
    click.echo(f"{tally(problems)}.", err=True)
    if any(problem.is_error for problem in problems):
        raise SystemExit(1)


@main.group("import")
def import_group() -> None:
    """Bring a site made with another tool into a content folder."""


@import_group.command("wordpress")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@content_option
@click.option("--uploads", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The old site's wp-content/uploads folder, copied into media/.")
@click.option("--no-download", is_flag=True, help="Never fetch a file missing from --uploads from the old site.")
def import_wordpress_command(export: Path, content: Path, uploads: Path | None, no_download: bool) -> None:
    """Convert the WordPress export EXPORT (WXR, from Tools > Export) into the content folder.

    Old addresses are kept as permalinks; what cannot come over is listed, also in import-report.txt. Running it
    again writes the imported files again (edits to them are replaced) and keeps an existing site.yml.
    """
    from herald_site.importers.wordpress import import_wordpress  # here: markdownify need not load for a build

    with cli.exit_on_failure():
        summary = import_wordpress(export, content, uploads=uploads, download=not no_download)
    click.echo(str(summary), nl=False)


@import_group.command("jekyll")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@content_option
def import_jekyll_command(source: Path, content: Path) -> None:
    """Convert the Jekyll site in the folder SOURCE (the one holding _config.yml) into the content folder.

    Old addresses are kept (site.yml's permalink, pages' permalinks); Liquid Herald renders stays, what it cannot
    render and what else cannot come over is listed with its file and line, also in import-report.txt. Running it
    again writes the imported files again (edits to them are replaced) and keeps an existing site.yml.
    """
    from herald_site.importers.jekyll import import_jekyll  # here: python-liquid's parser need not load for a build

    with cli.exit_on_failure():
        summary = import_jekyll(source, content)
    click.echo(str(summary), nl=False)


if __name__ == "__main__":
    # A build keeps hundreds of thousands of small objects (a post, its source and rendering per file); the
    # collector's default of a pass every 700 allocations spends a tenth of a rebuild walking them again.
    # Cycles are still collected, a hundred times less often.
    gc.set_threshold(100_000, 50, 100)
    try:
        main()
    finally:  # nothing is left to collect: spare the exit a last pass over every object the build made
        gc.freeze()
