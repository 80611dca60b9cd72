"""site.yml's `social:` accounts and what pages show other sites from them: the footer's rel="me" links, Open
Graph and Twitter Card tags, fediverse:creator, JSON-LD, and the share links under posts; read from the HTML with
lxml and from the JSON-LD with json."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html

from herald_site import create_app
from herald_site.content import ContentError, ContentProblems, check_site, load_config, load_site
from tests.site.conftest import MINIMAL_SITE_YML

NOW = datetime(2027, 1, 1, tzinfo=timezone.utc)
ACCOUNTS = """\
social:
  - {network: mastodon, handle: "@air@social.example.org"}
  - {network: bluesky, handle: air.bsky.social}
  - {network: youtube, handle: "@airtube"}
  - {network: linkedin, url: "https://www.linkedin.com/company/air/", label: Our LinkedIn}
  - {network: email, handle: hello@test.example.org}
image: card.png
"""
TRICKY_TITLE = 'Breaking </script><script>alert("x")</script> & \'quotes\''


def _page(app, path: str) -> html.HtmlElement:
    answer = app.test_client().get(path, base_url="https://test.example.org")  # as the build freezes it
    assert answer.status_code == 200, path
    return html.fromstring(answer.data)


def _meta(tree: html.HtmlElement, name: str) -> list[str]:
    return tree.xpath(f'//head/meta[@property="{name}" or @name="{name}"]/@content')


def _json_ld(tree: html.HtmlElement) -> dict:
    (script,) = tree.xpath('//head/script[@type="application/ld+json"]')
    return {item["@type"]: item for item in json.loads(script.text)["@graph"]}


@pytest.fixture
def site(content):
    content.site_yml(MINIMAL_SITE_YML + ACCOUNTS)
    content.media("card.png")
    content.media("own.jpg")
    content.post("2026-05-01-tricky.md", f"""
        title: {json.dumps(TRICKY_TITLE)}
        date: 2026-05-01 09:00
        updated: 2026-05-03 10:00
        tags: [air, schools]
        summary: The summary.
    """)
    content.post("2026-05-02-own.md", """
        title: Own card
        date: 2026-05-02
        author: Ada Lovelace
        share: {text: "Read this one", image: own.jpg}
        fediverse_creator: "@ada@writers.example.org"
    """)
    return create_app(content.root, now=NOW)


@pytest.mark.parametrize(("network", "handle", "url"), [
    ("mastodon", "@air@Social.Example.org", "https://social.example.org/@air"),
    ("mastodon", "air@social.example.org", "https://social.example.org/@air"),
    ("bluesky", "air.bsky.social", "https://bsky.app/profile/air.bsky.social"),
    ("bluesky", "@cleanair.org", "https://bsky.app/profile/cleanair.org"),
    ("youtube", "airtube", "https://www.youtube.com/@airtube"),
    ("instagram", "air.now", "https://www.instagram.com/air.now/"),
    ("facebook", "airnow", "https://www.facebook.com/airnow"),
    ("linkedin", "air-now", "https://www.linkedin.com/company/air-now/"),
    ("x", "@air_now", "https://x.com/air_now"),
    ("threads", "air", "https://www.threads.net/@air"),
    ("email", "hello@air.example.org", "mailto:hello@air.example.org"),
])
def test_a_handle_makes_its_profile_url(content, network, handle, url):
    content.site_yml(MINIMAL_SITE_YML + f"social:\n  - {{network: {network}, handle: {json.dumps(handle)}}}\n")
    (account,) = load_config(content.root).social
    assert (account.network, account.url) == (network, url)


def test_the_older_mapping_of_network_to_url_or_handle_still_reads(content):
    content.site_yml(MINIMAL_SITE_YML + "social:\n  mastodon: https://m.example.org/@air\n  bluesky: air.bsky.social\n")
    accounts = load_config(content.root).social
    assert [(a.network, a.url, a.handle) for a in accounts] == [
        ("mastodon", "https://m.example.org/@air", "@air@m.example.org"),
        ("bluesky", "https://bsky.app/profile/air.bsky.social", "air.bsky.social"),
    ]


@pytest.mark.parametrize(("entries", "line", "field", "needle"), [
    ('  - {network: mastodon, handle: "@air"}', 6, "social.handle", "names its server too"),
    ('  - {network: mastodon, handle: "@air@not a host"}', 6, "social.handle", "should be a host name"),
    ("  - {network: bluesky, handle: cleanair}", 6, "social.handle", "a Bluesky handle is a domain name"),
    ("  - {network: myspace, handle: air}", 6, "social.network", "unknown network 'myspace'"),
    ("  - {network: youtube}", 6, "social.handle", "needs either `handle` or `url` (one of them)"),
    ("  - {network: youtube, url: www.youtube.com/@air}", 6, "social.url", "should be an absolute URL"),
    ("  - {network: email, handle: not-an-address}", 6, "social.handle", "an email account is an address"),
    ("  - {network: bluesky, handle: a.bsky.social}\n  - network: mastodon\n    handle: air", 8, "social.handle",
     "names its server too"),
    ("  - [mastodon]", 6, "social", "entry 1 of `social` should look like"),
    ("  myspace: https://myspace.com/air", 6, "social.network", "unknown network"),
])
def test_a_bad_account_is_an_error_at_its_line(content, entries, line, field, needle):
    path = content.site_yml(MINIMAL_SITE_YML + "social:\n" + entries + "\n")
    with pytest.raises(ContentError) as caught:
        load_config(content.root)
    assert (caught.value.path, caught.value.line, caught.value.field) == (path, line, field)
    assert needle in caught.value.message and str(caught.value).startswith(f"{path}:{line}: ")


def test_the_default_image_must_be_a_picture_link_previews_show(content):
    content.media("card.svg", b"<svg/>")
    path = content.site_yml(MINIMAL_SITE_YML + "image: card.svg\n")
    with pytest.raises(ContentError, match=r"`image` should be a PNG, JPEG or WebP file") as caught:
        load_config(content.root)
    assert (caught.value.path, caught.value.line) == (path, 5)


@pytest.mark.parametrize(("frontmatter", "line", "field"), [
    ("share: {text: 3}", 4, "share.text"),
    ("share: {image: card.svg}", 4, "share.image"),
    ("share: {title: Hello}", 4, "share"),
    ("share: [text]", 4, "share"),
    ("fediverse_creator: ada", 4, "fediverse_creator"),
])
def test_a_bad_share_setting_is_an_error_at_its_line(content, frontmatter, line, field):
    content.post("2026-05-01-p.md", f"title: P\ndate: 2026-05-01\n{frontmatter}\n")
    with pytest.raises(ContentProblems) as caught:
        load_site(content.root, now=NOW)
    (problem,) = caught.value.problems
    assert (problem.path.name, problem.line, problem.field) == ("2026-05-01-p.md", line, field)


def test_every_page_links_the_accounts_with_rel_me(site):
    for path in ("/", "/2026/05/01/tricky/", "/tags/", "/archive/", "/share/mastodon/"):
        links = _page(site, path).xpath('//footer//ul[@class="social"]/li/a')
        assert [(a.get("href"), a.get("rel"), a.text_content()) for a in links] == [
            ("https://social.example.org/@air", "me", "Mastodon"),
            ("https://bsky.app/profile/air.bsky.social", "me", "Bluesky"),
            ("https://www.youtube.com/@airtube", "me", "YouTube"),
            ("https://www.linkedin.com/company/air/", "me", "Our LinkedIn"),
        ], path
        # The address is written as the contact page writes it: no harvester finds it in the HTML.
        (email,) = _page(site, path).xpath('//footer//ul[@class="social"]/li[not(a)]')
        assert email.text_content().split() == ["Email", "hello", "[at]", "test.example.org"]
        assert email.xpath("span/@data-email-user") == ["hello"] and b"@test.example.org" not in html.tostring(email)


def test_a_page_that_is_no_post_is_a_website_with_the_sites_image(site):
    tree = _page(site, "/tags/")
    assert _meta(tree, "og:type") == ["website"]
    assert _meta(tree, "og:url") == ["https://test.example.org/tags/"]
    assert _meta(tree, "og:image") == ["https://test.example.org/media/card.png"]
    assert _meta(tree, "twitter:card") == ["summary_large_image"]
    assert _meta(tree, "og:site_name") == ["Test Site"]
    assert _meta(tree, "og:locale") == ["en_US"]
    assert _meta(tree, "fediverse:creator") == ["@air@social.example.org"]
    assert _meta(tree, "article:published_time") == []
    organization = _json_ld(tree)["Organization"]
    assert organization["sameAs"] == [
        "https://social.example.org/@air", "https://bsky.app/profile/air.bsky.social",
        "https://www.youtube.com/@airtube", "https://www.linkedin.com/company/air/",
    ]
    assert (organization["name"], organization["url"]) == ("Test Site", "https://test.example.org/")
    assert "email" not in organization


def test_a_post_is_an_article_and_a_blog_posting_whatever_its_title_holds(site):
    tree = _page(site, "/2026/05/01/tricky/")
    url = "https://test.example.org/2026/05/01/tricky/"
    assert _meta(tree, "og:title") == [TRICKY_TITLE]
    assert _meta(tree, "twitter:card") == ["summary_large_image"]  # X reads the rest from Open Graph's tags
    assert _meta(tree, "og:description") == ["The summary."]
    assert _meta(tree, "og:url") == [url] == tree.xpath('//link[@rel="canonical"]/@href')
    assert _meta(tree, "og:type") == ["article"]
    assert _meta(tree, "article:published_time") == ["2026-05-01T09:00:00+01:00"]
    assert _meta(tree, "article:modified_time") == ["2026-05-03T10:00:00+01:00"]
    assert _meta(tree, "article:tag") == ["air", "schools"]
    # The title did not end the JSON-LD's script: the page has exactly its own scripts, and the data reads back.
    assert len(tree.xpath("//script")) == 1
    raw = tree.xpath('//script[@type="application/ld+json"]')[0].text
    assert "</" not in raw and "<script" not in raw
    posting = _json_ld(tree)["BlogPosting"]
    assert posting["headline"] == TRICKY_TITLE
    assert (posting["datePublished"], posting["dateModified"]) == ("2026-05-01T09:00:00+01:00",
                                                                   "2026-05-03T10:00:00+01:00")
    assert posting["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert posting["image"] == ["https://test.example.org/media/card.png"]
    assert posting["inLanguage"] == "en" and posting["keywords"] == ["air", "schools"]
    organization_id = _json_ld(tree)["Organization"]["@id"]
    assert posting["publisher"] == {"@id": organization_id}
    assert posting["author"]["@id"] == organization_id and posting["author"]["name"] == "Test Site"


def test_a_post_gives_its_own_share_text_image_and_creator(site):
    tree = _page(site, "/2026/05/02/own/")
    assert _meta(tree, "og:description") == ["Read this one"]
    assert _meta(tree, "og:image") == ["https://test.example.org/media/own.jpg"]
    assert _meta(tree, "fediverse:creator") == ["@ada@writers.example.org"]
    assert _json_ld(tree)["BlogPosting"]["author"] == {"@type": "Person", "name": "Ada Lovelace"}


def test_without_any_image_the_card_is_a_summary(content):
    content.post("2026-05-01-p.md", "title: P\ndate: 2026-05-01\nimage: drawing.svg\n")
    content.media("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>')
    tree = _page(create_app(content.root, now=NOW), "/2026/05/01/p/")
    assert _meta(tree, "og:image") == [] and _meta(tree, "twitter:card") == ["summary"]
    assert _meta(tree, "fediverse:creator") == [] and "image" not in _json_ld(tree)["BlogPosting"]
    assert "sameAs" not in _json_ld(tree)["Organization"]


def test_share_links_carry_the_title_and_address_escaped(site):
    tree = _page(site, "/2026/05/01/tricky/")
    url = "https://test.example.org/2026/05/01/tricky/"
    message = f"{TRICKY_TITLE} {url}"
    links = {a.text_content(): a.get("href") for a in tree.xpath('//footer[@class="share"]/a')}
    expected = {
        "Mastodon": ("", "", "/share/mastodon/", {"text": [message]}),
        "Bluesky": ("https", "bsky.app", "/intent/compose", {"text": [message]}),
        "LinkedIn": ("https", "www.linkedin.com", "/sharing/share-offsite/", {"url": [url]}),
        "Facebook": ("https", "www.facebook.com", "/sharer/sharer.php", {"u": [url]}),
        "WhatsApp": ("https", "wa.me", "/", {"text": [message]}),
        "Telegram": ("https", "t.me", "/share/url", {"url": [url], "text": [TRICKY_TITLE]}),
        "Email": ("mailto", "", "", {"subject": [TRICKY_TITLE], "body": [message]}),
    }
    assert set(links) == set(expected)
    for name, (scheme, host, path, query) in expected.items():
        parts = urlsplit(links[name])
        assert (parts.scheme, parts.netloc, parts.path) == (scheme, host, path), name
        assert parse_qs(parts.query, strict_parsing=True) == query, name
        # Each value is %-escaped whole: no space, slash, quote, angle bracket or second `?` is left as it is.
        assert not any(mark in parts.query for mark in ' /"<>?\''), (name, parts.query)
    assert all(not a.get("target") for a in tree.xpath('//footer[@class="share"]/a'))


def test_a_posts_share_text_goes_into_its_share_links(site):
    links = _page(site, "/2026/05/02/own/").xpath('//footer[@class="share"]/a[text()="Bluesky"]/@href')
    assert parse_qs(urlsplit(links[0]).query) == {"text": ["Read this one https://test.example.org/2026/05/02/own/"]}


def test_the_mastodon_share_page_asks_for_a_server_out_of_search(site):
    tree = _page(site, "/share/mastodon/")
    form = tree.get_element_by_id("share-mastodon")
    assert form.get("method") == "get" and form.get("action") == "/share/mastodon/"
    assert [field.get("name") for field in form.xpath(".//input | .//textarea")] == ["text", "server", "remember"]
    assert tree.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    assert tree.xpath("//script/@src")[0].startswith("/static/share-mastodon.js")


def test_the_sample_names_its_translations_locales(built_sample):
    tree = html.fromstring(built_sample.file_for("/fr/2026/05/20/school-streets-results/").read_bytes())
    assert _meta(tree, "og:locale") == ["fr_FR"] and _meta(tree, "og:locale:alternate") == ["en_US"]
    assert _json_ld(tree)["BlogPosting"]["inLanguage"] == "fr"
    arabic = html.fromstring(built_sample.file_for("/ar/").read_bytes())
    assert _meta(arabic, "og:locale") == ["ar_EG"]
    assert _meta(arabic, "og:locale:alternate") == ["en_US", "fr_FR"]


def test_a_missing_share_image_is_a_warning_at_its_line(content):
    content.post("2026-05-01-p.md", "title: P\ndate: 2026-05-01\nshare:\n  image: gone.png\n")
    (problem,) = check_site(content.root)
    assert (problem.path.name, problem.line, problem.field, problem.severity) == (
        "2026-05-01-p.md", 4, "share.image", "warning")
    assert problem.message.startswith("`share.image` /media/gone.png not found")


def test_a_raster_cover_is_the_link_previews_picture(content):
    content.site_yml(MINIMAL_SITE_YML + "image: card.png\n")
    content.media("card.png")
    content.media("cover.jpg")
    content.post("2026-05-01-p.md", "title: P\ndate: 2026-05-01\nimage: cover.jpg\n")
    tree = _page(create_app(content.root, now=NOW), "/2026/05/01/p/")
    assert _meta(tree, "og:image") == ["https://test.example.org/media/cover.jpg"]
    assert _json_ld(tree)["BlogPosting"]["image"] == ["https://test.example.org/media/cover.jpg"]
