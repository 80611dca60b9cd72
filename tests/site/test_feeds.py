"""The RSS and Atom feeds: what feed readers get, parsed by feedparser as a reader would."""

from __future__ import annotations

import mimetypes
from datetime import datetime, timezone

import feedparser
import pytest

from herald_site import create_app
from herald_site.content import load_site, slugify
from herald_site.web.views.feeds.feed import absolute_links
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import SAMPLE_NOW, BuiltSite, ContentFolder


@pytest.fixture(scope="module")
def sample_posts():  # type: ignore[no-untyped-def]
    return load_site(SAMPLE_CONTENT, now=SAMPLE_NOW).posts


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_site_feeds_carry_every_visible_post(built_sample: BuiltSite, sample_posts, name: str) -> None:  # type: ignore[no-untyped-def]
    parsed = feedparser.parse((built_sample.root / name).read_bytes(), sanitize_html=False)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if name == "feed.xml" else "atom10")
    assert [entry.title for entry in parsed.entries] == [post.title for post in sample_posts]
    for entry, post in zip(parsed.entries, sample_posts, strict=True):
        published = datetime(*entry.published_parsed[:6], tzinfo=timezone.utc)
        assert published == post.date.astimezone(timezone.utc)
        assert entry.link == built_sample.base_url + post.url_path
        assert built_sample.file_for(entry.link).is_file()
        assert entry.content[0].value == absolute_links(post.html, entry.link)  # the whole post, not a summary


def test_feed_content_links_are_absolute(built_sample: BuiltSite) -> None:
    parsed = feedparser.parse((built_sample.root / "atom.xml").read_bytes())
    bodies = " ".join(entry.content[0].value for entry in parsed.entries)
    assert 'href="/' not in bodies and 'src="/' not in bodies
    assert f'src="{built_sample.base_url}/media/' in bodies


def test_feed_update_time_is_the_newest_change(built_sample: BuiltSite, sample_posts) -> None:  # type: ignore[no-untyped-def]
    parsed = feedparser.parse((built_sample.root / "atom.xml").read_bytes())
    newest = max(post.updated or post.date for post in sample_posts)
    assert datetime(*parsed.feed.updated_parsed[:6], tzinfo=timezone.utc) == newest.astimezone(timezone.utc)
    assert parsed.feed.links[0].href.startswith(built_sample.base_url)


def test_a_feed_per_tag(built_sample: BuiltSite, sample_posts) -> None:  # type: ignore[no-untyped-def]
    tag_feeds = sorted(built_sample.root.glob("tags/*/feed.xml"))
    assert tag_feeds
    for feed_file in tag_feeds:
        parsed = feedparser.parse(feed_file.read_bytes())
        assert not parsed.bozo
        tag_slug = feed_file.parent.name
        expected = [post.title for post in sample_posts if tag_slug in {slugify(tag) for tag in post.tags}]
        assert [entry.title for entry in parsed.entries] == expected


def test_feed_size_limits_entries(content: ContentFolder) -> None:
    content.site_yml("title: T\nurl: https://t.example.org\nfeed_size: 2\n")
    for day in (1, 2, 3):
        content.post(f"p{day}.md", f"title: Post {day}\ndate: 2024-01-0{day}")
    client = create_app(content.root, now=SAMPLE_NOW).test_client()
    for url in ("/feed.xml", "/atom.xml"):
        parsed = feedparser.parse(client.get(url).data)
        assert [entry.title for entry in parsed.entries] == ["Post 3", "Post 2"]


def test_empty_site_has_valid_feeds_with_a_fixed_date(content: ContentFolder) -> None:
    client = create_app(content.root).test_client()
    for url in ("/feed.xml", "/atom.xml"):
        parsed = feedparser.parse(client.get(url).data)
        assert not parsed.bozo and parsed.entries == []
        assert parsed.feed.updated_parsed[:3] == (1970, 1, 1)


def test_feeds_are_typed_as_their_file_names_say(content: ContentFolder) -> None:
    """Frozen-Flask compares the two; a CDN serving the file types it by name too."""
    content.post("p.md", "title: P\ndate: 2024-01-01\ntags: [air]")
    client = create_app(content.root).test_client()
    for url in ("/feed.xml", "/atom.xml", "/tags/air/feed.xml", "/sitemap.xml", "/robots.txt"):
        assert client.get(url).mimetype == mimetypes.guess_type(url)[0]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/about/">', '<a href="https://x.org/about/">'),
        ('<img src="/media/a.png" alt="">', '<img src="https://x.org/media/a.png" alt="">'),
        ('<a href="#fn:1">', '<a href="https://x.org/2024/p/#fn:1">'),
        ('<a href="other/">', '<a href="https://x.org/2024/p/other/">'),
        ("<a href='/q/'>", "<a href='https://x.org/q/'>"),
        ('<video poster="/media/v.jpg">', '<video poster="https://x.org/media/v.jpg">'),
        ('<a href="https://elsewhere.org/">', '<a href="https://elsewhere.org/">'),
        ('<a href="mailto:hi@x.org">', '<a href="mailto:hi@x.org">'),
        ("<p>href=/not-an-attribute/</p>", "<p>href=/not-an-attribute/</p>"),
    ],
)
def test_absolute_links(html: str, expected: str) -> None:
    assert absolute_links(html, "https://x.org/2024/p/") == expected
