"""What build.py's commands do, as functions that tests and other tools can call without a shell."""

from __future__ import annotations

import dataclasses
import errno
import json
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from herald_site import create_app
from herald_site.build.report import BuildError, BuildSummary, Progress, tally
from herald_site.confined import inside, lies_inside
from herald_site.content import (
    ContentError,
    ContentProblems,
    Problem,
    SiteIndex,
    check_site,
    load_config,
    load_site,
    slugify,
)
from herald_site.content.settings import CONFIG_FILE
from herald_site.content.walk import scan_content
from herald_site.speed.cache import BuildCache, open_cache
from herald_site.speed.signatures import (
    BuildInputs,
    inputs_digest,
    inputs_key,
    nothing_changed,
    page_signatures,
    previous_manifest,
    unchanged_inputs,
)

if TYPE_CHECKING:  # the freezer, Flask and Werkzeug load only when a command needs them
    from herald_site.build.built_site_server import WSGIApp
    from herald_site.build.service_comments import CommentFetch, PageComments

POSTS_FOLDER = "posts"
CACHE_FOLDER = ".herald-cache"
PROGRESS_STEPS = 500


def default_cache_dir(content_dir: Path) -> Path:
    """Beside the content folder, where it survives between builds (and ignores itself in git)."""
    return content_dir.resolve().parent / CACHE_FOLDER


class CommandError(Exception):
    """A command could not do its job; the message says what to change."""


def build_site(
    content_dir: Path,
    out_dir: Path,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    service_url: str | None = None,
    comments: CommentFetch | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    jobs: int = 1,
) -> tuple[BuildSummary, list[Problem]]:
    """Check and load the content, bake in the comments, then freeze it into `out_dir`.

    Loading runs every content check, so errors raise ContentProblems before anything is written. Comments
    come from `comments` or else over HTTP from the service; a service that does not answer adds a warning.
    With `cache_dir`, what earlier builds read, rendered and wrote is reused (see `herald_site.speed.signatures`):
    only pages that show changed content are rendered, and a build with nothing to change writes nothing.
    `jobs` processes render the Markdown. Returns the summary and the warnings.
    """
    started = time.perf_counter()
    if service_url is not None:
        service_url = _checked_service_url(service_url)
    _check_out_dir(out_dir, content_dir, cache_dir)
    with ExitStack() as stack:
        if cache_dir is None:  # the HTML still goes to disk, not memory: a throw-away cache for this build
            cache_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="herald-cache-")))
        cache = stack.enter_context(open_cache(cache_dir))
        out = out_dir.resolve()
        now = datetime.now(timezone.utc)
        files = scan_content(content_dir)
        inputs = inputs_digest(files, (drafts, base_url, service_url, strict))
        if comments is None and (same := unchanged_inputs(cache, out, inputs, now)) is not None:
            return _unchanged_summary(cache, out, started), list(same.warnings)
        index = load_site(
            content_dir, drafts=drafts, strict=strict, base_url=base_url, service_url=service_url, cache=cache,
            jobs=jobs, now=now, files=files,
        )
        warnings = list(index.warnings)
        baked = _baked_comments(index, comments, content_dir, warnings)
        signatures = page_signatures(
            index, content_dir=content_dir, settings=(drafts,),
            comments_of=lambda post: baked.get(post.url_path) if baked else None,
        )
        # Comments live in the service, not the files: a build that bakes them never skips on unchanged files.
        found = BuildInputs(inputs, index.next_publication, warnings) if not index.config.service_url else None
        previous = previous_manifest(cache, out)
        if previous is not None and nothing_changed(previous, out, signatures):
            cache.save_state(inputs_key(out), found)
            cache.commit()
            return _unchanged_summary(cache, out, started), warnings
        from herald_site.build.freeze import freeze_site

        app = create_app(content_dir, drafts=drafts, index=index)
        if baked is not None:
            from herald_site.build.service_comments import attach_comments

            attach_comments(app, baked)
        try:
            summary = freeze_site(app, out_dir, progress=progress, signatures=signatures, cache=cache, jobs=jobs)
        except BuildError as error:
            error.warnings = tuple(warnings)  # the content's warnings, reported beside the failure
            raise
        cache.save_state(inputs_key(out), found)
        cache.commit()
    return dataclasses.replace(summary, seconds=time.perf_counter() - started), warnings


def _unchanged_summary(cache: BuildCache, out: Path, started: float) -> BuildSummary:
    """The summary of a build that found the published folder already up to date."""
    previous = previous_manifest(cache, out)
    assert previous is not None
    files = len(previous.files)
    return BuildSummary(previous.pages, previous.feeds, files, time.perf_counter() - started, out, kept=files)


def _baked_comments(
    index: SiteIndex, comments: CommentFetch | None, content_dir: Path, warnings: list[Problem]
) -> dict[str, PageComments] | None:
    """Every post's comments from the service, or None (and a warning) when it does not answer."""
    if not index.config.service_url:
        return None
    from herald_site.build.service_comments import CommentsUnavailable, fetch_comments, http_fetch

    try:
        return fetch_comments(comments or http_fetch(index.config.service_url), [post.url_path for post in index.posts])
    except CommentsUnavailable as error:
        warnings.append(Problem(
            content_dir / CONFIG_FILE, None, f"comments are not baked into the pages: {error}. The pages "
            "still load them in the browser; build again once the service answers.", "warning", "service_url",
        ))
        return None


def _check_out_dir(out_dir: Path, content_dir: Path, cache_dir: Path | None) -> None:
    """Each build replaces the output folder whole, so it may neither be nor hold the content or the cache."""
    for folder, role in ((content_dir, "the content folder"), (cache_dir, "the build cache")):
        if folder is not None and lies_inside(out_dir, folder):
            raise CommandError(
                f"--out {out_dir} is or holds {role} {folder.resolve()}, which each build would delete; "
                "give the site an output folder of its own, such as build"
            )


def _checked_service_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CommandError(f"--service-url should be an absolute URL such as https://service.example.org, got {url!r}.")
    return url.rstrip("/")


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
    slug = slugify(title)
    if not slug:
        raise CommandError(f"The title {title!r} gives an empty file name; use letters or digits in it.")
    moment = (now or datetime.now(load_config(content_dir).timezone)).replace(microsecond=0)
    path = inside(content_dir, Path(POSTS_FOLDER, f"{moment:%Y-%m-%d}-{slug}.md"))
    path.parent.mkdir(parents=True, exist_ok=True)
    frontmatter = (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: {moment.isoformat(sep=' ')}\n"
        'summary: ""\ntags: []\ncategories: []\ndraft: true\n---\n\n'
        "Write the post here, in Markdown. Remove `draft: true` above to publish it.\n"
    )
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(frontmatter)
    except FileExistsError:
        raise CommandError(f"{path} already exists; choose another title or edit that file.") from None
    return path


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
    """Run the development server: drafts shown, content reloaded on every change (no restart needed)."""
    ensure_port_free(host, port)
    app = create_app(content_dir, drafts=True, watch=True)
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
