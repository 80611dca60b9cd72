"""Checks across documents: one URL per document, internal links that resolve, images that exist."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from herald_site.content import ContentProblems, check_site, load_site
from herald_site.content.checks import internal_target

NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


def messages(content, **options) -> list[str]:
    return [str(problem) for problem in check_site(content.root, **options)]


def test_two_posts_claiming_one_url_name_both_files(content):
    content.post("2024-05-03-air.md", "title: One")
    second = content.post("other.md", "title: Two\ndate: 2024-05-03\npermalink: /2024/05/03/air/")
    assert messages(content) == [
        f"{second}:4: URL /2024/05/03/air/ is claimed by both posts/2024-05-03-air.md and posts/other.md; "
        "give one of them another file name or permalink"
    ]


def test_a_page_and_a_post_claiming_one_url(content):
    content.page("join.md", "title: Join")
    content.post("a.md", "title: A\ndate: 2024-01-02\npath: join")
    [problem] = check_site(content.root)
    assert "posts/a.md and pages/join.md" in problem.message or "pages/join.md and posts/a.md" in problem.message


def test_drafts_still_count_when_urls_are_claimed(content):
    content.post("a.md", "title: A\ndate: 2024-01-02\npermalink: /x/")
    content.post("b.md", "title: B\ndate: 2024-01-02\npermalink: /x/\ndraft: true")
    assert len(check_site(content.root)) == 1


@pytest.mark.parametrize("permalink", ["/", "/tags/", "/tags/air/", "/feed.xml", "/archive/", "/page/2/", "/media/"])
def test_a_document_may_not_take_a_url_herald_generates(content, permalink):
    content.page("a.md", f"title: A\npermalink: {permalink}")
    [problem] = check_site(content.root)
    assert problem.line == 3
    assert "choose another permalink" in problem.message


@pytest.mark.parametrize(
    "link",
    [
        "/about/",
        "/about",
        "/about/index.html",
        "../../../../about/",
        "/2024/01/02/first/#part",
        "/tags/air/",
        "/tags/air/feed.xml",
        "/categories/news/",
        "/tags/",
        "/archive/",
        "/archive/2024/",
        "/feed.xml",
        "/atom.xml",
        "/sitemap.xml",
        "/media/report%202024.pdf",
        "#section",
        "?q=1",
        "https://example.org/nowhere/",
        "//cdn.example.org/x.js",
        "mailto:hello@example.org",
    ],
)
def test_links_to_things_that_exist_pass(content, link):
    content.page("about.md", "title: About")
    content.media("report 2024.pdf")
    content.post("first.md", "title: First\ndate: 2024-01-02\ntags: [Air]\ncategories: [News]")
    content.post("second.md", "title: Second\ndate: 2024-01-03", f"See [this]({link}).\n")
    assert check_site(content.root) == []


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("/abuot/", "/abuot/"),
        ("../other/", "/2024/01/03/other/"),
        ("/tags/nothing/", "/tags/nothing/"),
        ("/page/2/", "/page/2/"),
        ("/archive/1999/", "/archive/1999/"),
    ],
)
def test_a_link_to_a_missing_site_page_is_an_error_on_its_line(content, link, target):
    path = content.post("a.md", "title: A\ndate: 2024-01-03", f"Intro.\n\nSee [this]({link}) now.\n")
    assert messages(content) == [
        f"{path}:7: link to {link}, but the site has no page {target}; fix the link or add the page"
    ]


def test_a_link_to_a_missing_media_file_names_the_file(content):
    path = content.post("a.md", "title: A\ndate: 2024-01-03", "Intro.\n\nSee [this](/media/missing.pdf) now.\n")
    assert messages(content) == [
        f"{path}:7: link to /media/missing.pdf, but there is no file {content.root / 'media/missing.pdf'}"
    ]


def test_links_in_raw_html_are_checked_too(content):
    content.page("a.md", "title: A", '<p><a href="/nowhere/">x</a></p>\n')
    [problem] = check_site(content.root)
    assert (problem.line, problem.severity) == (4, "error")


def test_home_pages_exist_as_far_as_there_are_posts(content):
    content.site_yml("title: T\nurl: https://t.example.org\nposts_per_page: 1")
    content.post("a.md", "title: A\ndate: 2024-01-02", "[older](/page/2/)")
    content.post("b.md", "title: B\ndate: 2024-01-03")
    assert check_site(content.root) == []


def test_links_to_drafts_break_unless_drafts_are_built(content):
    content.post("a.md", "title: A\ndate: 2024-01-02", "[soon](/soon/)")
    content.post("b.md", "title: B\ndate: 2024-01-03\ndraft: true\npermalink: /soon/")
    assert [p.message.split(",")[0] for p in check_site(content.root)] == ["link to /soon/"]
    assert check_site(content.root, drafts=True) == []


def test_a_draft_is_not_link_checked_when_it_is_not_built(content):
    content.post("a.md", "title: A\ndate: 2024-01-02\ndraft: true", "[gone](/gone/)")
    assert check_site(content.root) == []
    assert len(check_site(content.root, drafts=True)) == 1


def test_a_missing_markdown_image_is_a_warning_naming_post_and_image(content):
    path = content.post("a.md", "title: A\ndate: 2024-01-02", "Text\n\n![Chart](/media/chart.png)\n")
    [problem] = check_site(content.root)
    assert problem.severity == "warning"
    assert str(problem) == (
        f"{path}:7: warning: image /media/chart.png not found: there is no file {content.root / 'media/chart.png'}"
    )


def test_an_image_outside_media_that_is_missing(content):
    content.post("a.md", "title: A\ndate: 2024-01-02", "![x](/img/x.png)")
    [problem] = check_site(content.root)
    assert "put images in" in problem.message


def test_an_image_in_a_folder_of_content_not_published_suggests_the_static_setting(content):
    content.raw("img/x.png", "not really a PNG")
    content.post("a.md", "title: A\ndate: 2024-01-02", "![x](/img/x.png)")
    [problem] = check_site(content.root)
    assert problem.message == ("image /img/x.png not found: the folder img of the content folder is not published: "
                               "add it to `static:` in site.yml, like `static: [img]`")


def test_a_missing_frontmatter_image_is_a_warning_on_its_line(content):
    path = content.post("a.md", "title: A\ndate: 2024-01-02\nimage: banner.png")
    assert messages(content) == [
        f"{path}:4: warning: `image` /media/banner.png not found: there is no file {content.root / 'media/banner.png'}"
    ]


def test_images_that_exist_or_live_elsewhere_pass(content):
    content.media("banner.png")
    body = "![a](/media/banner.png) ![b](https://x.org/b.png)"
    content.post("a.md", "title: A\ndate: 2024-01-02\nimage: banner.png", body)
    assert check_site(content.root) == []


def test_warnings_do_not_stop_loading_but_are_kept_on_the_index(content):
    content.post("a.md", "title: A\ndate: 2024-01-02\nimage: gone.png")
    index = load_site(content.root, now=NOW)
    assert [p.severity for p in index.warnings] == ["warning"]
    assert index.posts[0].image == "/media/gone.png"


def test_strict_turns_warnings_into_errors(content):
    content.post("a.md", "title: A\ndate: 2024-01-02\nimage: gone.png")
    assert [p.severity for p in check_site(content.root, strict=True)] == ["error"]
    with pytest.raises(ContentProblems) as caught:
        load_site(content.root, strict=True, now=NOW)
    assert [p.severity for p in caught.value.problems] == ["error"]
    assert "`image` /media/gone.png not found" in str(caught.value)


def test_errors_stop_loading(content):
    content.post("a.md", "title: A\ndate: 2024-01-02", "[x](/nope/)")
    with pytest.raises(ContentProblems):
        load_site(content.root, now=NOW)


@pytest.mark.parametrize(
    ("link", "base", "target"),
    [
        ("/a/b/", "/x/", "/a/b/"),
        ("../other/", "/2024/05/03/post/", "/2024/05/03/other/"),
        ("sibling/", "/about/", "/about/sibling/"),
        ("/a%20b/?q=1#f", "/", "/a b/"),
        ("#top", "/x/", None),
        ("https://example.org/a/", "/x/", None),
        ("mailto:a@example.org", "/x/", None),
    ],
)
def test_internal_targets_resolve_like_a_browser(link, base, target):
    assert internal_target(link, base) == target


def test_a_menu_entry_to_a_missing_page_is_an_error_in_site_yml(content):
    content.page("about.md", "title: About")
    content.site_yml(
        """\
        title: T
        url: https://t.example.org
        nav:
          - {title: Home, url: /}
          - {title: About, url: /about/}
          - {title: Board, url: /bord/}
          - {title: Elsewhere, url: "https://example.org/"}
        """
    )
    assert messages(content) == [
        f"{content.root / 'site.yml'}:6: menu entry 'Board' links to /bord/, but the site has no such page; fix `nav`"
    ]
