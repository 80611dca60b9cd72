"""The site's views through Flask's test client: what each page shows and which URLs exist."""

from __future__ import annotations

import os
import re
from pathlib import Path

import lxml.html
import pytest
from flask import Flask
from flask.testing import FlaskClient

from herald_site import create_app
from herald_site.content import ContentProblems
from tests.site.conftest import SAMPLE_NOW, ContentFolder


def post(content: ContentFolder, number: int, **fields: str) -> Path:
    frontmatter = {"title": f"Post {number}", "date": f"2024-01-{number:02d} 12:00", **fields}
    lines = "\n".join(f"{key}: {value}" for key, value in frontmatter.items())
    return content.post(f"post-{number}.md", lines, fields.get("_body", f"Text of post {number}.\n"))


def client_for(content: ContentFolder, **options: object) -> FlaskClient:
    app: Flask = create_app(content.root, now=SAMPLE_NOW, **options)  # type: ignore[arg-type]
    return app.test_client()


def text(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


@pytest.fixture
def five_posts(content: ContentFolder) -> ContentFolder:
    content.site_yml("title: Test Site\nurl: https://test.example.org\nposts_per_page: 2\n")
    for number in range(1, 6):
        post(content, number)
    return content


def test_home_lists_the_latest_posts_in_pages(five_posts: ContentFolder) -> None:
    client = client_for(five_posts)
    first, second, third = (text(client, url) for url in ("/", "/page/2/", "/page/3/"))
    assert first.index("Post 5") < first.index("Post 4") and "Post 3" not in first
    assert "Post 3" in second and "Post 2" in second and "Post 5" not in second
    assert "Post 1" in third
    assert 'href="/page/2/"' in first and 'href="/"' in second and 'href="/page/3/"' in second
    text(client, "/page/4/", status=404)


def test_page_one_has_a_single_url(five_posts: ContentFolder) -> None:
    client = client_for(five_posts)
    assert client.get("/page/1/").status_code == 404
    assert 'href="/page/1/"' not in text(client, "/page/2/")


def test_post_page_shows_its_details_and_links(content: ContentFolder) -> None:
    content.post(
        "2024-03-02-clean-air.md",
        """
        title: Clean air
        date: 2024-03-02 09:00
        author: Ada
        summary: Why it matters.
        tags: [Air Quality, Schools]
        categories: [News]
        """,
        "Body text.\n",
    )
    page = text(client_for(content), "/2024/03/02/clean-air/")
    assert "<h1>Clean air</h1>" in page
    assert '<time datetime="2024-03-02T09:00:00+00:00">2 March 2024</time>' in page
    assert "Ada" in page and "Why it matters." in page and "1 min read" in page
    assert 'href="/tags/air-quality/"' in page and 'href="/tags/schools/"' in page
    assert 'href="/categories/news/"' in page
    assert 'class="toc"' not in page


def test_table_of_contents_from_three_headings(content: ContentFolder) -> None:
    body = "## One\n\nText.\n\n## Two\n\nText.\n\n### Three\n\nText.\n"
    content.post("2024-01-01-long.md", "title: Long\ndate: 2024-01-01", body)
    content.post("2024-01-02-short.md", "title: Short\ndate: 2024-01-02", "## One\n\n## Two\n")
    client = client_for(content)
    long_page = text(client, "/2024/01/01/long/")
    assert 'class="toc"' in long_page
    assert all(f'href="#{anchor}"' in long_page for anchor in ("one", "two", "three"))
    assert 'class="toc"' not in text(client, "/2024/01/02/short/")


def test_previous_and_next_posts(five_posts: ContentFolder) -> None:
    page = text(client_for(five_posts), "/2024/01/03/post-3/")
    assert re.search(r'rel="prev" href="/2024/01/02/post-2/"', page)
    assert re.search(r'rel="next" href="/2024/01/04/post-4/"', page)
    newest = text(client_for(five_posts), "/2024/01/05/post-5/")
    assert 'rel="next"' not in newest.split('class="post-nav"')[1]


def test_tag_and_category_pages_paginate(content: ContentFolder) -> None:
    content.site_yml("title: T\nurl: https://test.example.org\nposts_per_page: 2\n")
    for number in range(1, 4):
        post(content, number, tags="[Air]", categories="[Reports]")
    post(content, 4, tags="[Other]")
    client = client_for(content)
    assert "Post 3" in text(client, "/tags/air/") and "Post 1" in text(client, "/tags/air/page/2/")
    assert "Post 4" not in text(client, "/tags/air/")
    assert "Post 1" in text(client, "/categories/reports/page/2/")
    text(client, "/tags/air/page/3/", status=404)
    text(client, "/tags/nothing/", status=404)
    tags = text(client, "/tags/")
    assert 'href="/tags/air/"' in tags and 'href="/tags/other/"' in tags


def test_archive_by_year(content: ContentFolder) -> None:
    post(content, 1)
    content.post("old.md", "title: Old one\ndate: 2019-06-01")
    client = client_for(content)
    archive = text(client, "/archive/")
    assert 'href="/archive/2024/"' in archive and 'href="/archive/2019/"' in archive
    assert "Old one" in text(client, "/archive/2019/") and "Post 1" not in text(client, "/archive/2019/")
    text(client, "/archive/2020/", status=404)


def test_page_template_from_frontmatter(content: ContentFolder) -> None:
    content.page("contact.md", "title: Contact us\ntemplate: contact")
    content.page("about.md", "title: About\ntemplate: no-such-template")
    client = client_for(content)
    contact = text(client, "/contact/")
    assert "<h1>Contact us</h1>" in contact and 'id="contact"' in contact
    about = text(client, "/about/")
    assert "<h1>About</h1>" in about and 'id="contact"' not in about


def test_unknown_paths_get_the_404_page(content: ContentFolder) -> None:
    client = client_for(content)
    missing = text(client, "/no/such/page/", status=404)
    assert "Page not found" in missing
    assert "Page not found" in text(client, "/404.html")


def test_every_page_announces_the_feeds(five_posts: ContentFolder) -> None:
    client = client_for(five_posts)
    for url in ("/", "/2024/01/01/post-1/", "/archive/", "/tags/", "/404.html"):
        page = text(client, url)
        assert '<link rel="alternate" type="application/rss+xml"' in page and 'href="/feed.xml"' in page
        assert '<link rel="alternate" type="application/atom+xml"' in page and 'href="/atom.xml"' in page


def test_tag_pages_announce_their_feed(content: ContentFolder) -> None:
    post(content, 1, tags="[Air]")
    page = text(client_for(content), "/tags/air/")
    assert re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]*href="/tags/air/feed.xml"', page)


def test_robots_names_the_sitemap_and_hides_previews(content: ContentFolder) -> None:
    robots = text(client_for(content), "/robots.txt")
    assert "Sitemap: http://localhost/sitemap.xml" in robots
    assert "Disallow: /" not in robots
    assert "Disallow: /" in text(client_for(content, drafts=True), "/robots.txt")


def test_media_and_code_stylesheet(content: ContentFolder) -> None:
    content.media("photos/street.png", b"\x89PNG fake")
    client = client_for(content)
    with client.get("/media/photos/street.png") as response:
        assert response.status_code == 200 and response.data == b"\x89PNG fake"
        assert response.mimetype == "image/png"
    css = client.get("/static/pygments.css")
    assert css.mimetype == "text/css" and b".highlight" in css.data
    with client.get("/static/theme.css") as theme:
        assert theme.status_code == 200 and b"prefers-color-scheme" in theme.data
    assert client.get("/media/missing.png").status_code == 404


def test_only_a_page_showing_highlighted_code_links_the_code_stylesheet(content: ContentFolder) -> None:
    content.post("2024-01-01-code.md", "title: Code", "```python\nprint('air')\n```\n")
    content.post("2024-01-02-prose.md", "title: Prose")
    content.page("howto.md", "title: How to", "```sh\nmake air\n```\n")
    client = client_for(content)

    def code_links(path: str) -> list[str]:
        page = lxml.html.fromstring(text(client, path))
        return [href for href in page.xpath('//link[@rel="stylesheet"]/@href') if "pygments.css" in href]

    assert len(code_links("/2024/01/01/code/")) == len(code_links("/howto/")) == 1
    assert code_links("/2024/01/02/prose/") == code_links("/") == code_links("/tags/") == []


def test_drafts_and_future_posts_only_on_request(content: ContentFolder) -> None:
    post(content, 1)
    content.post("draft.md", "title: Unfinished\ndate: 2024-02-01\ndraft: true")
    content.post("future.md", "title: Tomorrow\ndate: 2099-01-01")
    published = client_for(content)
    assert "Unfinished" not in text(published, "/") and "Tomorrow" not in text(published, "/")
    text(published, "/2099/01/01/future/", status=404)
    preview = client_for(content, drafts=True)
    assert "Unfinished" in text(preview, "/") and "Tomorrow" in text(preview, "/")


def test_broken_content_stops_the_app(content: ContentFolder) -> None:
    content.post("broken.md", "date: 2024-01-01")
    with pytest.raises(ContentProblems) as raised:
        create_app(content.root)
    assert any("broken.md" in str(problem) for problem in raised.value.problems)


def test_overrides_of_site_settings(content: ContentFolder) -> None:
    post(content, 1)
    client = client_for(content, base_url="https://other.example.net", service_url="https://api.example.net")
    app = client.application
    with app.app_context():
        from herald_site.web.served_index import current_index

        config = current_index().config
    assert config.url == "https://other.example.net" and config.service_url == "https://api.example.net"


def bump(path: Path) -> None:
    """Make sure a rewrite changes the modification time, even on coarse file-system clocks."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_watch_mode_picks_up_edits_without_restart(content: ContentFolder) -> None:
    first = post(content, 1)
    client = client_for(content, watch=True)
    assert "Post 1" in text(client, "/")
    post(content, 2)
    assert "Post 2" in text(client, "/")

    first.write_text("---\ndate: 2024-01-01\n---\nNo title.\n", encoding="utf-8")
    bump(first)
    problems = text(client, "/", status=500)
    assert "post-1.md" in problems and "title" in problems

    post(content, 1)
    bump(first)
    assert "Post 1" in text(client, "/")
