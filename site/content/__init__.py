"""Herald's content: read content/ into posts, pages and the site index, and report what is wrong with it.

The public face of the content model; no Flask in here. Loading runs in four steps with plain data between
them so each can be cached or parallelised on its own: walk the folder (`walk`), read a file (`frontmatter`),
render its Markdown (`herald_site.markdown`), interpret it (`documents`), then index the results (`index`)
and check them (`checks`). The middle steps run per file through a `DocumentLoader`: by default
`documents.load_documents`, in this process; a build passes its own, which skips every file unchanged since
the last build and shares the others out to worker processes (`herald_site.speed.cached_loading`). Nothing
here imports that code: the content knows no cache. The URL shapes are documented in `herald_site.urls`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from herald_site.content.checks import LinkChecker, link_problems, settings_link_problems, url_claim_problems
from herald_site.content.documents import DocumentLoader, LoadedDocument, load_documents
from herald_site.content.index import build_index
from herald_site.content.languages import misplaced_language_folders, untranslated_languages
from herald_site.content.model import (
    ContactTopic,
    ContentError,
    ContentProblems,
    Heading,
    Listing,
    NavLink,
    Page,
    Post,
    Problem,
    SiteConfig,
    SiteIndex,
    Taxon,
)
from herald_site.content.redirects import redirect_problems
from herald_site.content.settings import (
    ADDRESS_KEYS,
    CONFIG_FILE,
    FALLBACK_CONFIG,
    MEDIA_FOLDER,
    SettingsRead,
    load_config,
    read_settings,
)
from herald_site.content.site_language import Language
from herald_site.content.static_folders import static_files, static_problems
from herald_site.content.theme_folder import THEME_STATIC, THEME_TEMPLATES, theme_problems
from herald_site.content.translations import translation_problems
from herald_site.content.video_checks import video_problems
from herald_site.content.walk import ContentFiles, scan_content
from herald_site.slugs import slugify

__all__ = [
    "ContactTopic",
    "ContentError",
    "ContentProblems",
    "Heading",
    "Language",
    "Listing",
    "NavLink",
    "Page",
    "Post",
    "Problem",
    "SiteConfig",
    "SiteIndex",
    "Taxon",
    "check_site",
    "load_config",
    "read_site",
    "load_site",
    "slugify",
    "tally",
]

def load_site(
    content_dir: Path,
    *,
    drafts: bool = False,
    strict: bool = False,
    now: datetime | None = None,
    base_url: str | None = None,
    service_url: str | None = None,
    files: ContentFiles | None = None,
    loader: DocumentLoader = load_documents,
) -> SiteIndex:
    """Read, render and index all content; raises ContentProblems listing every problem when one is an error
    (under strict every warning is one), so that a failed build reports its warnings too.

    `now` decides which posts are in the future (default: the current time); `base_url` replaces site.yml's `url`
    and `service_url` its `service_url`.
    `files` is the content folder's listing when the caller has made it already; `loader` loads its documents.
    """
    index, problems = read_site(content_dir, drafts=drafts, now=now, base_url=base_url, files=files, loader=loader)
    problems = _under_strict(problems, strict)
    if index is None or any(problem.is_error for problem in problems):
        raise ContentProblems(problems)
    index.warnings = problems
    if service_url is not None:
        index.config = index.config.with_overrides(service_url=service_url)
    return index


def check_site(
    content_dir: Path, *, drafts: bool = False, strict: bool = False, loader: DocumentLoader = load_documents
) -> list[Problem]:
    """Every error and warning in the content, site.yml's first, then in file order; under strict every warning is
    an error. `loader` loads the documents (a faster one reuses the build cache)."""
    _, problems = read_site(content_dir, drafts=drafts, now=None, base_url=None, loader=loader)
    return _under_strict(problems, strict)


def tally(problems: Sequence[Problem]) -> str:
    """How many errors and warnings: "1 error, 2 warnings"."""
    errors = sum(problem.is_error for problem in problems)
    return f"{_counted(errors, 'error')}, {_counted(len(problems) - errors, 'warning')}"


def _counted(number: int, noun: str) -> str:
    """A number with its noun, singular or plural: 1 error, 2 errors."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _under_strict(problems: list[Problem], strict: bool) -> list[Problem]:
    return [problem.as_error() for problem in problems] if strict else problems


def read_site(
    content_dir: Path, *, drafts: bool, now: datetime | None, base_url: str | None, files: ContentFiles | None = None,
    loader: DocumentLoader = load_documents,
) -> tuple[SiteIndex | None, list[Problem]]:
    """The index and every problem found, errors or not (a preview shows a page beside the problems of others);
    the index is None when a setting of site.yml cannot be read. Links are checked only when the settings that
    decide the site's addresses were read."""
    files = files or scan_content(content_dir)
    problems: list[Problem] = list(files.links_out)
    try:
        settings = read_settings(content_dir)
    except ContentError as error:  # no site.yml to read, or not YAML: every setting stands at its default
        settings = SettingsRead(FALLBACK_CONFIG, (error,), ADDRESS_KEYS)
    # a site.yml linking out of the folder is listed by the walk already
    problems += [error.to_problem() for error in settings.errors if error.to_problem() not in problems]
    config = settings.config if not settings.errors else None
    effective = settings.config
    if base_url:
        effective = effective.with_overrides(url=base_url.rstrip("/"))
    found, failed = loader(files, effective)
    loaded = _in_file_order(files, found, failed, problems)
    moment = now or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=effective.timezone)
    index = build_index(
        effective,
        [item.document for item in loaded if isinstance(item.document, Post)],
        [item.document for item in loaded if isinstance(item.document, Page)],
        now=moment,
        drafts=drafts,
        media=files.files_under(MEDIA_FOLDER),
        theme_templates=files.files_under(THEME_TEMPLATES),
        theme_static=files.files_under(THEME_STATIC),
        static_files=(static := static_files(files, effective.static_folders)),
    )
    problems += url_claim_problems(loaded, content_dir)
    problems += translation_problems(loaded, effective, content_dir)
    problems += misplaced_language_folders(files, effective)
    problems += untranslated_languages(config, content_dir / CONFIG_FILE) if config is not None else []
    built = [item for item in loaded if index.find_by_url(item.document.url_path) is item.document]
    index.videos = {item.document.url_path: item.videos for item in built if item.videos}
    problems += video_problems(built, index.media, content_dir)
    if settings.addresses_known:  # else every link to an address a setting would make is "missing"
        checker = LinkChecker(index)
        problems += link_problems(built, checker, content_dir)
        problems += settings_link_problems(effective, checker, content_dir / CONFIG_FILE)
        problems += redirect_problems(loaded, effective, checker, content_dir / CONFIG_FILE)
    problems += theme_problems(files)
    problems += static_problems(static, {item.document.url_path: item.path for item in loaded} if static else {},
                                content_dir)
    problems += effective.theme.warnings if effective.theme else ()
    settings_path = content_dir / CONFIG_FILE  # first, since the pages follow from it
    problems.sort(key=lambda problem: (problem.path != settings_path, str(problem.path), problem.line or 0))
    return (index if config is not None else None), problems


def _in_file_order(
    files: ContentFiles, found: dict[str, LoadedDocument], failed: dict[str, list[Problem]], problems: list[Problem]
) -> list[LoadedDocument]:
    """The loaded documents in the order of their files, adding the problems of the others to `problems`."""
    for _, path in files.documents:
        problems.extend(failed.get(path, ()))
    return [found[path] for _, path in files.documents if path in found]
