"""The last step of loading: order the visible posts and group them, in each language, by tag, category and year."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from urllib.parse import unquote

from herald_site.content.model import Listing, Page, Post, SiteConfig, SiteIndex, Stamp, Taxon
from herald_site.content.redirects import site_redirects
from herald_site.slugs import slugify
from herald_site.urls import MEDIA_PREFIX


def build_index(
    config: SiteConfig,
    posts: Iterable[Post],
    pages: Iterable[Page],
    *,
    now: datetime,
    drafts: bool,
    media: dict[str, Stamp] | None = None,
    theme_templates: dict[str, Stamp] | None = None,
    theme_static: dict[str, Stamp] | None = None,
    static_files: dict[str, Stamp] | None = None,
) -> SiteIndex:
    """The site index of the posts visible at `now` (all of them with `drafts`), newest first, in each language,
    of the pages but drafts (all of them with `drafts`), of the `media` files (by their path under content/media/) and of the theme's files (under
    content/theme/templates/ and content/theme/static/)."""
    posts = list(posts)
    future = [post.date for post in posts if not post.draft and post.date > now]
    visible = sorted(
        (post for post in posts if post.is_visible(now, drafts)),
        key=lambda post: (post.date, post.url_path),
        reverse=True,
    )
    by_language: dict[str, list[Post]] = {config.language: []}  # the default language first
    by_language.update((language.code, []) for language in config.languages if not language.default)
    for post in visible:
        if post.redirect_to is None:  # one that only redirects is an old address: in no list, feed or sitemap
            by_language[post.language].append(post)
    ordered_pages = sorted((page for page in pages if drafts or not page.draft), key=lambda page: page.url_path)
    return SiteIndex(
        config=config,
        pages=[page for page in ordered_pages if page.redirect_to is None],
        listings={code: build_listing(code, language_posts, config) for code, language_posts in by_language.items()},
        media=media or {},
        static_files=static_files or {},
        theme_templates=theme_templates or {},
        theme_static=theme_static or {},
        next_publication=None if drafts else min(future, default=None),
        redirects=site_redirects(config, [*visible, *ordered_pages]),
    )


def build_listing(code: str, posts: list[Post], config: SiteConfig) -> Listing:
    """One language's lists of its `posts` (visible, newest first)."""
    years: dict[int, list[Post]] = {}
    for post in posts:
        years.setdefault(post.date.astimezone(config.timezone).year, []).append(post)
    return Listing(
        language=code,
        posts=posts,
        tags=group_by(posts, lambda post: post.tags),
        categories=group_by(posts, lambda post: post.categories),
        years=years,
    )


def group_by(posts: list[Post], names_of: Callable[[Post], tuple[str, ...]]) -> dict[str, Taxon]:
    """Taxa keyed by slug, sorted by name; names that slugify alike ("Air", "air") share one taxon."""
    names: dict[str, str] = {}
    members: dict[str, list[Post]] = {}
    for post in posts:
        for name in names_of(post):
            slug = slugify(name)
            if slug:
                names.setdefault(slug, name)
                members.setdefault(slug, []).append(post)
    ordered = sorted(names, key=lambda slug: names[slug].casefold())
    return {slug: Taxon(names[slug], slug, tuple(members[slug])) for slug in ordered}


FEATURED_MOST = 3  # the home page's featured cards: beyond three, none stands out
NOT_FOUND_LATEST = 5  # the latest posts the page for unknown addresses offers


def featured_posts(posts: Iterable[Post]) -> list[Post]:
    """The newest visible posts marked `featured: true` (of `posts`, newest first), which the home page shows
    before the latest ones."""
    featured = []
    for post in posts:
        if post.featured:
            featured.append(post)
            if len(featured) == FEATURED_MOST:
                break
    return featured


def media_file(index: SiteIndex, url: str) -> tuple[str, Stamp] | None:
    """The file under content/media/ at the site path `url` (/media/NAME), by its name there with its stamp; None
    for another path or a file the media listing lacks."""
    if not url.startswith(MEDIA_PREFIX):
        return None
    name = unquote(url.removeprefix(MEDIA_PREFIX))
    stamp = index.media.get(name)
    return None if stamp is None else (name, stamp)
