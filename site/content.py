"""Herald's content: read content/ into posts, pages and the site index, and report what is wrong with it.

The public face of the content model; no Flask in here. Loading runs in three steps with plain data between
them so each can be cached or parallelised on its own: read a file (`reader`), render its Markdown
(`markdown`), then index the results (`indexer`). The URL shapes are documented in `herald_site.urls`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from herald_site.model import (
    ContactTopic,
    ContentError,
    ContentProblems,
    Heading,
    NavLink,
    Page,
    Post,
    Problem,
    SiteConfig,
    SiteIndex,
    Taxon,
)
from herald_site.urls import slugify

__all__ = [
    "ContactTopic",
    "ContentError",
    "ContentProblems",
    "Heading",
    "NavLink",
    "Page",
    "Post",
    "Problem",
    "SiteConfig",
    "SiteIndex",
    "Taxon",
    "check_site",
    "load_config",
    "load_site",
    "slugify",
]


def load_config(content_dir: Path) -> SiteConfig:
    """The settings in content_dir/site.yml; raises ContentError naming the line of a bad setting."""
    raise NotImplementedError


def load_site(
    content_dir: Path,
    *,
    drafts: bool = False,
    strict: bool = False,
    now: datetime | None = None,
    base_url: str | None = None,
) -> SiteIndex:
    """Read, render and index all content; raises ContentProblems listing every error (and warning under strict)."""
    raise NotImplementedError


def check_site(content_dir: Path, *, drafts: bool = False, strict: bool = False) -> list[Problem]:
    """Every error and warning in the content, without raising for content problems."""
    raise NotImplementedError
