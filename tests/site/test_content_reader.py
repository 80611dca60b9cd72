"""The reader and the frontmatter forms it accepts, Jekyll's included."""

from __future__ import annotations

import hashlib
from pathlib import Path
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from herald_site.content import frontmatter
from herald_site.content import Post, load_site
from herald_site.content.frontmatter import parse_yaml_mapping

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


def only_post(content) -> Post:
    index = load_site(content.root, now=NOW)
    assert len(index.posts) == 1
    return index.posts[0]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-05-03", datetime(2024, 5, 3, tzinfo=LONDON)),
        ("2024-05-03 10:30:00", datetime(2024, 5, 3, 10, 30, tzinfo=LONDON)),
        ("'2024-05-03 10:30'", datetime(2024, 5, 3, 10, 30, tzinfo=LONDON)),
        ("2024-05-03T10:30:00+02:00", datetime(2024, 5, 3, 8, 30, tzinfo=timezone.utc)),
        ("2024-05-03 10:30:00 +0100", datetime(2024, 5, 3, 9, 30, tzinfo=timezone.utc)),
    ],
    ids=["date", "naive-yaml-timestamp", "naive-text", "aware-iso", "jekyll-offset"],
)
def test_dates_in_every_form_become_aware_and_naive_ones_use_the_site_time_zone(content, written, expected):
    content.post("a.md", f"title: A\ndate: {written}")
    post = only_post(content)
    assert post.date.tzinfo is not None
    assert post.date == expected


def test_the_default_url_uses_the_date_in_the_site_time_zone(content):
    # 23:30 in New York on 3 May is 04:30 on 4 May in London.
    content.post("late.md", "title: Late\ndate: 2024-05-03T23:30:00-04:00")
    assert only_post(content).url_path == "/2024/05/04/late/"


def test_a_jekyll_file_name_gives_the_date_and_the_slug(content):
    content.post("2024-05-03-clean-air.md", "title: Clean air\nlayout: post")
    post = only_post(content)
    assert post.slug == "clean-air"
    assert post.date == datetime(2024, 5, 3, tzinfo=LONDON)
    assert post.url_path == "/2024/05/03/clean-air/"


def test_a_frontmatter_date_wins_over_the_file_name(content):
    content.post("2024-05-03-clean-air.md", "title: Clean air\ndate: 2024-06-01 09:00:00")
    post = only_post(content)
    assert post.date == datetime(2024, 6, 1, 9, tzinfo=LONDON)
    assert post.url_path == "/2024/06/01/clean-air/"


def test_slugs_come_from_file_names_made_url_safe(content):
    content.post("Air Quality & You.md", "title: T\ndate: 2024-01-02")
    assert only_post(content).slug == "air-quality-you"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("categories: ['Campaign', 'News']", ("Campaign", "News")),
        ("categories: [Campaign]", ("Campaign",)),
        ("categories: Campaign", ("Campaign",)),
        ("categories: 'Campaign, News'", ("Campaign", "News")),
        ("category: Campaign", ("Campaign",)),
    ],
)
def test_categories_as_a_list_or_a_string(content, written, expected):
    content.post("a.md", f"title: A\ndate: 2024-01-02\n{written}")
    assert only_post(content).categories == expected


@pytest.mark.parametrize(
    "written", ["tags: [air, schools]", "tags: 'air, schools'", "tags: air,schools,air", "tags:\n  - air\n  - schools"]
)
def test_tags_as_a_list_or_a_comma_string_without_repeats(content, written):
    content.post("a.md", f"title: A\ndate: 2024-01-02\n{written}")
    assert only_post(content).tags == ("air", "schools")


@pytest.mark.parametrize("key", ["permalink", "path"])
@pytest.mark.parametrize("written", ["/join/", "/join", "join/", "join"])
def test_custom_urls_get_one_leading_and_one_trailing_slash(content, key, written):
    content.post("a.md", f"title: A\ndate: 2024-01-02\n{key}: {written}")
    assert only_post(content).url_path == "/join/"


def test_a_nested_permalink_keeps_its_folders(content):
    content.post("a.md", "title: A\ndate: 2024-01-02\npermalink: campaigns/2024/join")
    assert only_post(content).url_path == "/campaigns/2024/join/"


def test_unknown_keys_are_ignored_but_kept_for_templates(content):
    content.post("a.md", "title: A\ndate: 2024-01-02\nlayout: post\ncomments: true")
    assert only_post(content).extra == {"layout": "post", "comments": True}


def test_every_field_of_a_full_post(content):
    path = content.post(
        "full.md",
        """\
        title: "Full: post"
        date: 2024-05-03
        updated: 2024-05-10 12:00:00
        summary: A short summary.
        author: Ada
        image: photos/banner.png
        draft: false
        """,
        "# Heading\n\nBody text.\n",
    )
    content.media("photos/banner.png")
    post = only_post(content)
    assert (post.title, post.summary, post.author) == ("Full: post", "A short summary.", "Ada")
    assert post.updated == datetime(2024, 5, 10, 12, tzinfo=LONDON)
    assert post.image == "/media/photos/banner.png"
    assert post.draft is False and post.is_published
    assert post.body == "# Heading\n\nBody text.\n"
    assert '<h1 id="heading">' in post.html
    assert post.source == path
    assert post.source_hash == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("image", ["/media/a.png", "https://cdn.example.org/a.png"])
def test_image_paths_and_absolute_urls_are_kept(content, image):
    content.media("a.png")
    content.post("a.md", f"title: A\ndate: 2024-01-02\nimage: {image}")
    assert only_post(content).image == image


def test_author_defaults_to_the_site_author(content):
    content.post("a.md", "title: A\ndate: 2024-01-02")
    assert only_post(content).author == "Site Author"


def test_description_stands_in_for_summary(content):
    content.post("a.md", "title: A\ndate: 2024-01-02\ndescription: Described.")
    assert only_post(content).summary == "Described."


def test_without_a_summary_the_first_paragraph_is_used_as_plain_text(content):
    body = "## Intro\n\nFirst *para*, with a [link](https://x.org).\n\nSecond.\n"
    content.post("a.md", "title: A\ndate: 2024-01-02", body)
    assert only_post(content).summary == "First para, with a link."


def test_a_long_first_paragraph_is_trimmed_at_a_word(content):
    content.post("a.md", "title: A\ndate: 2024-01-02", "word " * 200)
    summary = only_post(content).summary
    assert len(summary) <= 280
    assert summary.endswith("word…")


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (150, 1), (200, 1), (201, 2), (950, 5)])
def test_reading_time_is_words_over_200_rounded_up_and_at_least_one(content, words, minutes):
    content.post("a.md", "title: A\ndate: 2024-01-02", "air " * words)
    assert only_post(content).reading_minutes == minutes


def test_the_table_of_contents_lists_every_heading(content):
    content.post("a.md", "title: A\ndate: 2024-01-02", "## One\n\n### Two's\n\n## Three\n")
    toc = only_post(content).toc
    assert [(h.level, h.id, h.title) for h in toc] == [(2, "one", "One"), (3, "twos", "Two’s"), (2, "three", "Three")]


def test_jekylls_published_false_makes_a_draft(content):
    content.post("a.md", "title: A\ndate: 2024-01-02\npublished: false")
    index = load_site(content.root, now=NOW, drafts=True)
    assert index.posts[0].draft is True


def test_a_byte_order_mark_and_windows_line_ends_are_accepted(content):
    content.raw("posts/a.md", "")
    (content.root / "posts/a.md").write_bytes("\ufeff---\r\ntitle: A\r\ndate: 2024-01-02\r\n---\r\nText.\r\n".encode())
    assert only_post(content).title == "A"


def test_pages_take_their_url_from_the_file_name_and_keep_extra_keys(content):
    content.page("about.md", "title: About us\ntemplate: contact\nintro: Hello", "We are *here*.\n")
    content.page("join.md", "title: Join\npermalink: /get-involved")
    index = load_site(content.root, now=NOW)
    about, join = index.pages
    assert (about.slug, about.url_path, about.template) == ("about", "/about/", "contact")
    assert about.extra == {"intro": "Hello"}
    assert about.summary == "We are here."
    assert "<em>here</em>" in about.html
    assert join.url_path == "/get-involved/"
    assert join.template is None
    assert index.find_by_url("/get-involved/") is join


def test_visibility_is_decided_against_now(content):
    content.post("a.md", "title: A\ndate: 2024-01-02T12:00:00+00:00")
    moment = datetime(2024, 1, 2, 12, tzinfo=timezone.utc)
    assert [p.title for p in load_site(content.root, now=moment).posts] == ["A"]
    assert load_site(content.root, now=moment - timedelta(seconds=1)).posts == []


def test_reading_keeps_values_lines_and_body_without_rendering(tmp_path):
    from herald_site.content.frontmatter import read_document

    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n\ntags: [x]\n---\n# Body\n\n[link](/x/)\n", encoding="utf-8")
    source = read_document(path, "post")
    assert source.metadata == {"title": "A", "tags": ["x"]}
    assert source.key_lines == {"title": 2, "tags": 4}
    assert (source.body, source.body_line) == ("# Body\n\n[link](/x/)\n", 6)
    assert source.body_line_of("[link]") == 8
    assert source.body_line_of("absent") is None
    assert source.line_of("date") == 1


FRONTMATTER_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates() | st.datetimes(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(min_size=1, max_size=8), children,
                                                                       max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12), FRONTMATTER_VALUES, min_size=1, max_size=6))
def test_libyaml_reads_frontmatter_as_pyyamls_python_parser_does(mapping):
    """Frontmatter is parsed by libyaml for speed; what it finds must be what PyYAML's own parser finds."""
    text = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False)
    fast = frontmatter._load(frontmatter._FastLoader, text)
    python = frontmatter._load(frontmatter._Loader, text)
    assert fast[0] == python[0]
    assert [key.start_mark.line for key, _ in fast[1].value] == [key.start_mark.line for key, _ in python[1].value]
    assert parse_yaml_mapping(text, Path("a.md"))[0] == {str(key): value for key, value in python[0].items()}
