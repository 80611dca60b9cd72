"""Building the site: check and load the content, bake in the comments, freeze the pages, publish the folder.

Each phase keeps to its folder (`herald_site.content` reads, `herald_site.web` renders, `herald_site.build`
writes); this module runs them in order and is where the speed-ups (`herald_site.speed`) are plugged in: the
build cache, the worker processes and the signatures that let a rebuild render only what changed.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from herald_site.build.report import BuildSummary, Progress
from herald_site.build.static_copies import static_copies
from herald_site.build.video_poster_fetch import POSTERS_FOLDER, fetch_posters, fetching_allowed, folder_stamps
from herald_site.confined import lies_inside
from herald_site.content import Post, Problem, SiteIndex, load_site
from herald_site.content.settings import CONFIG_FILE
from herald_site.content.walk import scan_content
from herald_site.errors import BuildError, CommandError
from herald_site.speed.cache import BuildCache, open_cache
from herald_site.speed.cached_loading import cached_loader
from herald_site.speed.signatures import (
    BuildInputs,
    inputs_digest,
    inputs_key,
    nothing_changed,
    page_signatures,
    previous_manifest,
    unchanged_inputs,
)
from herald_site.urls import VIDEO_POSTER

if TYPE_CHECKING:  # the freezer, Flask and Werkzeug load only when a build has something to write
    from herald_site.build.service_comments import CommentFetch, PageComments

CACHE_FOLDER = ".herald-cache"


def default_cache_dir(content_dir: Path) -> Path:
    """Beside the content folder, where it survives between builds (and ignores itself in git)."""
    return content_dir.resolve().parent / CACHE_FOLDER


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
        posters_folder = cache_dir / POSTERS_FOLDER
        inputs = inputs_digest(files, (drafts, base_url, service_url, strict, folder_stamps(posters_folder)))
        if comments is None and (same := unchanged_inputs(cache, out, inputs, now)) is not None:
            return _unchanged_summary(cache, out, started), list(same.warnings)
        index = load_site(
            content_dir, drafts=drafts, strict=strict, base_url=base_url, service_url=service_url, now=now,
            files=files, loader=cached_loader(cache, jobs),
        )
        warnings = list(index.warnings)
        baked = _baked_comments(index, comments, content_dir, warnings)
        posters = fetch_posters((video for videos in index.videos.values() for video in videos), posters_folder)
        signatures = page_signatures(
            index, content_dir=content_dir, settings=(drafts,),
            comments_of=lambda post: baked.get(post.url_path) if baked else None, fetched_posters=posters,
        )
        # Comments live in the service, not the files: a build that bakes them never skips on unchanged files; nor
        # does one after a build that drew a poster for want of a network, so that the next tries to fetch it.
        retry_posters = fetching_allowed() and len(posters) < len(list(VIDEO_POSTER.values(index)))
        found = (BuildInputs(inputs, index.next_publication, warnings)
                 if not index.config.service_url and not retry_posters else None)
        previous = previous_manifest(cache, out)
        if previous is not None and nothing_changed(previous, out, signatures):
            cache.save_state(inputs_key(out), found)
            cache.commit()
            return _unchanged_summary(cache, out, started), warnings
        from herald_site.build.freeze import freeze_site
        from herald_site.web.app import create_app
        from herald_site.web.views.videos import POSTERS_CONFIG_KEY

        app = create_app(content_dir, drafts=drafts, index=index)
        app.config[POSTERS_CONFIG_KEY] = posters_folder
        if baked is not None:
            from herald_site.build.service_comments import attach_comments

            attach_comments(app, baked)
        try:
            summary = freeze_site(app, out_dir, progress=progress, signatures=signatures, cache=cache, jobs=jobs,
                                  copies=static_copies(index, content_dir))
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

    posts = [document.url_path for document in index.documents if isinstance(document, Post)]  # in every language
    try:
        return fetch_comments(comments or http_fetch(index.config.service_url), posts)
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
