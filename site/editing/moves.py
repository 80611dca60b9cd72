"""The old address a published document keeps when an edit moves it: a renamed file, another slug, permalink
or date gives it a new URL, and links people shared or search engines keep still lead to the old one. The
new text names the old URL in `redirect_from`, which the build turns into a `_redirects` line and an HTML
redirect page (`herald_site.content.redirects`)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from herald_site.content.documents import document_of
from herald_site.content.frontmatter import parse_document, read_document
from herald_site.content.redirect_values import old_addresses
from herald_site.content.model import ContentError, ContentProblems, DocumentKind, Page, Post, SiteConfig
from herald_site.content.settings import FALLBACK_CONFIG, read_settings
from herald_site.content.walk import DOCUMENT_FOLDERS
from herald_site.editing.fields import join_document, split_document
from herald_site.editing.overlay import content_path

REDIRECT_KEY = "redirect_from"


def rename_redirects(
    content_dir: Path, old_path: str, new_text: str, *, new_path: str | None = None, now: datetime | None = None
) -> str:
    """`new_text` (the document's text, at `new_path`, by default `old_path`) with the URL the document at
    `old_path` has now added to its `redirect_from` when it is published (not a draft, not dated after `now`)
    and its URL changes, and its new URL taken out of it (a document moved back cannot redirect from where it
    is); otherwise, or when either text has errors the checks report, `new_text` as it is."""
    config = _settings(content_dir)
    old = _document(content_dir, old_path, None, config)
    new = _document(content_dir, new_path or old_path, new_text, config)
    if old is None or new is None:
        return new_text
    moved = _published(old, now) and old.url_path != new.url_path and old.url_path not in new.redirect_from
    if not moved and new.url_path not in new.redirect_from:
        return new_text
    values, body = split_document(new_text)
    written = values.get(REDIRECT_KEY)
    earlier = [written] if isinstance(written, str) else list(written) if isinstance(written, list) else []
    kept = [item for item in earlier if new.url_path not in old_addresses(item)[0]]
    values[REDIRECT_KEY] = [*kept, old.url_path] if moved else kept
    if not values[REDIRECT_KEY]:
        del values[REDIRECT_KEY]
    return join_document(values, body)


def _settings(content_dir: Path) -> SiteConfig:
    try:
        return read_settings(content_dir).config
    except ContentError:
        return FALLBACK_CONFIG


def _document(content_dir: Path, path: str, text: str | None, config: SiteConfig) -> Post | Page | None:
    """The document of the file at `path` (content-relative), its text `text` or else the file's; None when it
    is not a post or page, or does not read."""
    relative = content_path(path)
    kind: DocumentKind | None = DOCUMENT_FOLDERS.get(relative.parts[0]) if len(relative.parts) > 1 else None
    if kind is None:
        return None
    file = content_dir / relative
    try:
        source = read_document(file, kind) if text is None else parse_document(text, file, kind)
        return document_of(source, config)
    except (OSError, ContentError, ContentProblems):
        return None


def _published(document: Post | Page, now: datetime | None) -> bool:
    """Whether readers can have seen it: neither a draft nor, for a post, dated in the future."""
    if isinstance(document, Page):
        return not document.draft
    return not document.draft and document.date <= (now or datetime.now(timezone.utc))
