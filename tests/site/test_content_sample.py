"""The sample site in content/ loads cleanly and shows every feature the content model has."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from herald_site.content import check_site, load_site

NOW = datetime(2027, 1, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def sample(sample_content):
    return load_site(sample_content, now=NOW)


def post_titled(index, words: str):
    return next(post for post in index.posts if words in post.title)


def test_the_sample_has_no_problem_even_in_strict_mode(sample_content):
    assert check_site(sample_content, strict=True) == []
    assert check_site(sample_content, drafts=True, strict=True) == []


def test_the_published_posts_and_their_urls(sample):
    assert [post.url_path for post in sample.posts] == [
        "/2026/10/28/wood-stoves-and-winter/",
        "/join-the-count/",
        "/2026/06/18/sensor-timelapse/",
        "/2026/06/11/sensor-map/",
        "/2026/06/10/school-street-film/",
        "/2026/05/20/school-streets-results/",
        "/2026/04/02/reading-the-sensors/",
        "/2026/03/14/why-we-started/",
    ]
    assert sample.warnings == []


def test_the_draft_and_the_future_post_appear_only_with_drafts(sample_content):
    everything = load_site(sample_content, now=NOW, drafts=True)
    published = load_site(sample_content, now=NOW)
    extra = {post.title for post in everything.posts} - {post.title for post in published.posts}
    assert extra == {"Our open letter to the council (draft)", "Car-free day on the ring road"}


def test_the_pages_and_their_templates(sample):
    assert [(page.url_path, page.template) for page in sample.pages] == [
        ("/about/", None),
        ("/ar/about/", None),
        ("/board/", "board"),
        ("/contact/", "contact"),
        ("/fr/about/", None),
        ("/fr/board/", "board"),
        ("/fr/contact/", "contact"),
        ("/fr/write-to-the-council/", None),
        ("/write-to-the-council/", None),
    ]


def test_the_settings(sample):
    config = sample.config
    assert (config.title, config.url, config.timezone.key, config.service_url) == (
        "Clean Air Now",
        "https://cleanair.example.org",
        "Europe/London",
        None,
    )
    assert [link.url for link in config.nav] == ["/", "/about/", "/board/", "/contact/"]
    assert [topic.key for topic in config.contact_topics] == ["general", "press", "volunteering"]
    assert [account.network for account in config.social] == ["mastodon", "bluesky", "youtube", "instagram", "email"]


def test_the_sample_asks_its_visitors_to_act(sample):
    home = sample.config.home
    assert home.mission_heading and home.mission_text
    assert [action.label for action in home.calls_to_action] == ["Donate", "Host a sensor", "Write to the council"]
    assert [figure.value for figure in home.figures] == ["12", "−37%", "3"]
    assert sample.config.post_call_to_action is not None
    assert [post.slug for post in sample.posts if post.featured] == ["school-streets-results", "why-we-started"]
    assert post_titled(sample, "Reading the sensors").call_to_action is False
    assert post_titled(sample, "Wood stoves").call_to_action.url == "/contact/"
    assert post_titled(sample, "School streets").image_alt.startswith("A drawing of a street")


def test_jekyll_posts_keep_their_categories_and_raw_html(sample):
    post = post_titled(sample, "Why we started")
    assert post.categories == ("Campaign", "News")
    assert post.extra == {"layout": "post"}
    assert '<aside class="callout">' in post.html


def test_the_sample_shows_code_tables_images_footnotes_and_a_toc(sample):
    assert '<div class="highlight">' in post_titled(sample, "Reading the sensors").html
    assert len(post_titled(sample, "Reading the sensors").toc) >= 3
    assert "<table>" in post_titled(sample, "School streets").html
    assert '<img alt="Map of the twelve volunteer air sensors" height="360" src="/media/sensor-map.svg"' in (
        post_titled(sample, "A map").html
    )
    assert post_titled(sample, "A map").image == "/media/sensor-hosts.svg"
    assert 'class="footnote"' in post_titled(sample, "Wood stoves").html


def test_tags_span_several_posts(sample):
    assert len(sample.tags["sensors"].posts) == 4
    assert set(sample.categories) >= {"data", "how-to", "news"}
    assert list(sample.years) == [2026]
