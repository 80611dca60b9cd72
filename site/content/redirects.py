"""Redirects: old addresses that send the reader on, as the jekyll-redirect-from plugin and Netlify have them.

A post or page lists its old addresses in `redirect_from` (one, or a list), or sends its own URL elsewhere with
`redirect_to` (that URL is then an old address like the others, and the document is in no list, feed or sitemap,
as Jekyll's redirect pages are not); site.yml's `redirects` lists more (`- {from: /old/, to: /new/}`); a URL
pattern ending in .html adds the address it names (herald_site.document_urls). Each old address gets a page that works on any host (the
views of `herald_site.urls.REDIRECT` and `REDIRECT_FILE`) and a 301 line in Netlify's `_redirects`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from herald_site.content.checks import LinkChecker, internal_target, shown_path
from herald_site.content.documents import LoadedDocument
from herald_site.content.frontmatter import yaml_line
from herald_site.content.model import Page, Post, Problem, SiteConfig
from herald_site.url_languages import language_folder
from herald_site.urls import enclosing_files, output_file, reserved_owner


def site_redirects(config: SiteConfig, documents: Iterable[Post | Page]) -> dict[str, str]:
    """Every old address of the site with where it leads: the documents' (to their URLs, or straight to where a
    document that only redirects leads, its own URL among them), then site.yml's."""
    found: dict[str, str] = {}
    for document in documents:
        target = document.redirect_to or document.url_path
        for source in (document.url_path, *document.redirect_from) if document.redirect_to else document.redirect_from:
            found.setdefault(source, target)
    for source, target in config.redirects:
        found.setdefault(source, target)
    return found


def redirect_problems(
    documents: Sequence[LoadedDocument], config: SiteConfig, checker: LinkChecker, config_path: Path
) -> list[Problem]:
    """An old address that is a page's own URL, one of Herald's, or inside a page's file; two redirects from one
    address; a redirect to a page the site does not have."""
    redirecting = [item for item in documents if item.document.redirect_from or item.document.redirect_to]
    if not redirecting and not config.redirects:  # most sites: nothing to check, not even the pages' files
        return []
    content_dir = config_path.parent
    pages = {output_file(item.document.url_path): item for item in documents}
    claimed: dict[str, str] = {}  # the file of each old address -> where it is written, for messages
    folders = [language_folder(language.code) for language in config.languages if not language.default]
    problems = []

    def check(source: str, target: str, where: str, problem: Callable[[str], Problem]) -> None:
        file = output_file(source)
        owner = pages.get(file) or next((pages[path] for path in enclosing_files(source) if path in pages), None)
        # Herald's own pages, at the root or in a language's folder (/fr/tags/...).
        reason = reserved_owner(source) or next(
            (reserved_owner(source[len(folder) - 1 :]) for folder in folders if source.startswith(folder)), None)
        if owner is not None:
            message = f"{source} is the address of {shown_path(Path(owner.path), content_dir)}, so it cannot redirect"
        elif reason is not None:
            message = f"{source} cannot redirect: {reason}"
        elif file in claimed:
            message = f"{source} redirects twice: in {claimed[file]} and in {where}; keep one"
        elif (internal := internal_target(target, "/")) is not None and not checker.exists(internal):
            message = f"{source} redirects to {target}, but the site has no page {internal}"
        else:
            claimed[file] = where
            return
        problems.append(problem(message))

    for item in redirecting:
        path = Path(item.path)
        shown = shown_path(path, content_dir)
        for source in item.document.redirect_from:
            check(source, item.document.url_path, shown, lambda message, item=item, path=path: Problem(
                path, item.line_of("redirect_from"), f"`redirect_from`: {message}", "error", "redirect_from"))
        target = item.document.redirect_to
        if target and (internal := internal_target(target, "/")) is not None and not checker.exists(internal):
            problems.append(Problem(path, item.line_of("redirect_to"), f"`redirect_to` leads to {target}, but the "
                                    f"site has no page {internal}", "error", "redirect_to"))
    for number, (source, target) in enumerate(config.redirects):
        check(source, target, config_path.name, lambda message, number=number: Problem(
            config_path, _settings_line(config_path, number), f"`redirects`: {message}", "error", "redirects"))
    return problems


def _settings_line(config_path: Path, number: int) -> int | None:
    """The line of site.yml's redirect `number`, read again: only a problem asks for it."""
    return yaml_line(config_path.read_text(encoding="utf-8-sig"), ("redirects", number))
