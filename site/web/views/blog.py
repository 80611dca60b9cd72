"""The blog: the home page (mission, calls to action, figures, featured and latest posts), a page per post,
tags, categories and the yearly archive; each listing in the language of its URL (herald_site.web.page_languages)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from herald_site import urls
from herald_site.content import Post, Taxon
from herald_site.content.calls_to_action import closing_call_to_action
from herald_site.content.index import featured_posts
from herald_site.web.cover_images import cover_of
from herald_site.web.page_languages import current_listing
from herald_site.web.pagination import paginate
from herald_site.web.served_index import current_index
from herald_site.web.url_catalog import serves

bp = Blueprint("blog", __name__)
bp.add_app_template_global(cover_of)
bp.add_app_template_global(closing_call_to_action)

# A table of contents helps only once a post has a few sections.
TOC_MIN_HEADINGS = 3


@serves(bp, urls.HOME)
def home(page: int) -> str:
    """The latest posts in the page's language; the first page opens with the mission, the calls to action, the
    figures and the featured posts, which its latest posts then leave out rather than show twice."""
    posts = current_listing().posts
    pagination = paginate(posts, page, current_index().config.posts_per_page)
    featured = featured_posts(posts) if page == 1 else []
    shown = {post.url_path for post in featured}
    latest = [post for post in pagination.items if post.url_path not in shown]
    return render_template("blog/home.html", pagination=pagination, featured=featured, latest=latest)


@serves(bp, urls.TAG_INDEX)
def tags() -> str:
    taxa = sorted(current_listing().tags.values(), key=lambda taxon: taxon.name.casefold())
    return render_template("blog/tags.html", tags=taxa)


@serves(bp, urls.TAG)
def tag(slug: str, page: int) -> str:
    return _taxon_page("tag", current_listing().tags, slug, page)


@serves(bp, urls.CATEGORY)
def category(slug: str, page: int) -> str:
    return _taxon_page("category", current_listing().categories, slug, page)


def _taxon_page(kind: str, taxa: dict[str, Taxon], slug: str, page: int) -> str:
    taxon = taxa.get(slug) or abort(404, f"No {kind} {slug!r} has visible posts.")
    per_page = current_index().config.posts_per_page
    return render_template(
        "blog/taxon.html", kind=kind, taxon=taxon, pagination=paginate(taxon.posts, page, per_page)
    )


@serves(bp, urls.ARCHIVE)
def archive() -> str:
    return render_template("blog/archive.html", years=current_listing().years)


@serves(bp, urls.ARCHIVE_YEAR)
def archive_year(year: int) -> str:
    posts = current_listing().years.get(year) or abort(404, f"No posts were published in {year}.")
    return render_template("blog/archive_year.html", year=year, posts=posts)


def render_post(post: Post) -> str:
    """A post's own page; called by the permalinks blueprint, which owns every content URL."""
    index = current_index()
    return render_template(
        "blog/post.html",
        post=post,
        toc=post.toc if len(post.toc) >= TOC_MIN_HEADINGS else (),
        previous_post=index.previous_post(post),
        next_post=index.next_post(post),
    )
