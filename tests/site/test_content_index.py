"""The site index (order, neighbours, tags, categories, years) and the URL helpers it relies on."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from herald_site.content import load_site, slugify
from herald_site import urls
from herald_site.urls import reserved_owner, site_paths
from herald_site.written_paths import normalize_url_path

NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def three_posts(content):
    content.post("2023-12-30-old.md", "title: Old\ntags: [Air, Schools]\ncategories: News")
    content.post("2024-02-01-middle.md", "title: Middle\ntags: [air]\ncategories: [News, Data]")
    content.post("2024-03-01-new.md", "title: New\ntags: 'Wood smoke'")
    return load_site(content.root, now=NOW)


def test_posts_are_newest_first_with_neighbours(three_posts):
    old, middle, new = reversed(three_posts.posts)
    assert [post.title for post in three_posts.posts] == ["New", "Middle", "Old"]
    assert (three_posts.previous_post(middle), three_posts.next_post(middle)) == (old, new)
    assert three_posts.previous_post(old) is None
    assert three_posts.next_post(new) is None
    assert three_posts.find_by_url("/2024/02/01/middle/") is middle
    assert three_posts.find_by_url("/nothing/") is None


def test_tags_that_slugify_alike_are_one_tag_sorted_by_name(three_posts):
    tags = three_posts.tags
    assert list(tags) == ["air", "schools", "wood-smoke"]
    assert tags["air"].name == "air"  # the newest post's spelling
    assert [post.title for post in tags["air"].posts] == ["Middle", "Old"]
    assert tags["wood-smoke"].name == "Wood smoke"


def test_categories(three_posts):
    assert list(three_posts.categories) == ["data", "news"]
    assert [post.title for post in three_posts.categories["news"].posts] == ["Middle", "Old"]


def test_years_are_newest_first(three_posts):
    assert {year: [p.title for p in posts] for year, posts in three_posts.years.items()} == {
        2024: ["New", "Middle"],
        2023: ["Old"],
    }
    assert list(three_posts.years) == [2024, 2023]


def test_drafts_and_future_posts_are_left_out_unless_asked_for(content):
    content.post("2024-01-01-live.md", "title: Live\ntags: [a]")
    content.post("2024-01-02-draft.md", "title: Draft\ndraft: true\ntags: [b]")
    content.post("2031-01-01-future.md", "title: Future\ntags: [c]")
    published = load_site(content.root, now=NOW)
    assert [p.title for p in published.posts] == ["Live"]
    assert list(published.tags) == ["a"]
    assert list(published.years) == [2024]
    everything = load_site(content.root, now=NOW, drafts=True)
    assert [p.title for p in everything.posts] == ["Future", "Draft", "Live"]
    assert list(everything.tags) == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Clean Air: Now!", "clean-air-now"), ("  Über Straße ", "uber-strae"), ("PM2.5 & NO2", "pm2-5-no2"), ("!!!", "")],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("raw", "path"), [("a", "/a/"), ("/a/b", "/a/b/"), ("//a//b//", "/a/b/"), ("/", "/"), (" /x/ ", "/x/")]
)
def test_normalize_url_path(raw, path):
    assert normalize_url_path(raw) == path


def test_a_listing_has_a_first_page_and_pages_from_two_on():
    assert [urls.HOME.path(**page) for page in urls.pages(0, 10)] == ["/"]
    tag_pages = [urls.TAG.path(**page) for page in urls.pages(21, 10, slug="air")]
    assert tag_pages == ["/tags/air/", "/tags/air/page/2/", "/tags/air/page/3/"]


def test_the_shapes_give_every_listing_feed_and_file(content):
    content.post("2024-01-01-a.md", "title: A\ntags: [Air]\ncategories: News")
    content.site_yml("title: T\nurl: https://t.example\nposts_per_page: 1\n")
    content.post("2024-01-02-b.md", "title: B\ncategories: News")
    content.media("chart.png")
    content.raw("theme/static/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert set(site_paths(load_site(content.root, now=NOW))) == {
        "/", "/page/2/", "/tags/", "/archive/", "/feed.xml", "/atom.xml", "/sitemap.xml", "/robots.txt",
        "/404.html", "/tags/air/", "/tags/air/feed.xml", "/categories/news/", "/categories/news/page/2/",
        "/archive/2024/", "/favicon.ico", "/apple-touch-icon.png", "/icon-192.png", "/icon-512.png",
        "/site.webmanifest", "/share/mastodon/", "/_herald/shell.html", "/static/pygments.css", "/media/chart.png", "/2024/01/01/a/", "/2024/01/02/b/",
        "/static/logo.svg", *(f"/static/{name}" for name in urls.herald_static_files()),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("url", "reserved"),
    [("/about/", False), ("/tags/x/", True), ("/robots.txt/", True), ("/", True), ("/index.html/", True),
     ("/feed.xml/x/", True), ("/404.html/a/b/", True), ("/icon-192.png/", True), ("/icons/", False),
     ("/feeds.xml/", False), ("/archive/", True), ("/_herald/shell.html/", True),
     ("/_herald/", True)],
)
def test_reserved_owner(url, reserved):
    assert (reserved_owner(url) is not None) is reserved
