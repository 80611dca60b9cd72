"""The blog: the home page's latest posts, a page per post, tags, categories and the yearly archive."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from flask import Blueprint, abort, render_template

from herald_site.content import Post, SiteIndex, Taxon
from herald_site.web.pagination import page_numbers, paginate
from herald_site.web.served_index import current_index
from herald_site.web.url_catalog import UrlValues, single_url

bp = Blueprint("blog", __name__)

# A table of contents helps only once a post has a few sections.
TOC_MIN_HEADINGS = 3


@bp.route("/", defaults={"page": 1})
@bp.route("/page/<int(min=2):page>/")
def home(page: int) -> str:
    index = current_index()
    return render_template(
        "blog/home.html", pagination=paginate(index.posts, page, index.config.posts_per_page)
    )


@bp.route("/tags/")
def tags() -> str:
    taxa = sorted(current_index().tags.values(), key=lambda taxon: taxon.name.casefold())
    return render_template("blog/tags.html", tags=taxa)


@bp.route("/tags/<slug>/", defaults={"page": 1})
@bp.route("/tags/<slug>/page/<int(min=2):page>/")
def tag(slug: str, page: int) -> str:
    return _taxon_page("tag", current_index().tags, slug, page)


@bp.route("/categories/<slug>/", defaults={"page": 1})
@bp.route("/categories/<slug>/page/<int(min=2):page>/")
def category(slug: str, page: int) -> str:
    return _taxon_page("category", current_index().categories, slug, page)


def _taxon_page(kind: str, taxa: dict[str, Taxon], slug: str, page: int) -> str:
    taxon = taxa.get(slug) or abort(404, f"No {kind} {slug!r} has visible posts.")
    per_page = current_index().config.posts_per_page
    return render_template(
        "blog/taxon.html", kind=kind, taxon=taxon, pagination=paginate(taxon.posts, page, per_page)
    )


@bp.route("/archive/")
def archive() -> str:
    return render_template("blog/archive.html", years=current_index().years)


@bp.route("/archive/<int:year>/")
def archive_year(year: int) -> str:
    posts = current_index().years.get(year) or abort(404, f"No posts were published in {year}.")
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


def _paginated(posts: Sequence[Post], per_page: int, **values: Any) -> Iterator[dict[str, Any]]:
    for page in page_numbers(len(posts), per_page):
        yield {**values, **page}


def _home_urls(index: SiteIndex) -> Iterator[dict[str, Any]]:
    return _paginated(index.posts, index.config.posts_per_page)


def _taxon_urls(taxa: dict[str, Taxon], per_page: int) -> Iterator[dict[str, Any]]:
    for slug, taxon in taxa.items():
        yield from _paginated(taxon.posts, per_page, slug=slug)


def _tag_urls(index: SiteIndex) -> Iterator[dict[str, Any]]:
    return _taxon_urls(index.tags, index.config.posts_per_page)


def _category_urls(index: SiteIndex) -> Iterator[dict[str, Any]]:
    return _taxon_urls(index.categories, index.config.posts_per_page)


def _year_urls(index: SiteIndex) -> Iterator[dict[str, Any]]:
    return ({"year": year} for year in index.years)


URLS: dict[str, UrlValues] = {
    "home": _home_urls,
    "tags": single_url,
    "tag": _tag_urls,
    "category": _category_urls,
    "archive": single_url,
    "archive_year": _year_urls,
}
