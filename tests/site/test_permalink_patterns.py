"""URL patterns in site.yml (`permalink:` with Jekyll's placeholders and named styles, `permalinks:` per kind):
every post and page takes the URL its pattern gives, a document's own permalink still wins, and a pattern Herald
cannot follow is a content error at its line in site.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald_site.content import check_site, load_site
from herald_site.document_urls import POST_STYLES
from tests.site.conftest import MINIMAL_SITE_YML, ContentFolder

POST = "title: Hello\ndate: 2024-02-05 09:07:03\ncategories: [Air Quality, News]"  # a Monday, the year's 36th day


def post_url(content: ContentFolder, settings: str, name: str = "2024-02-05-Hello-World.md") -> str:
    content.site_yml(MINIMAL_SITE_YML + settings)
    content.post(name, POST)
    site = load_site(content.root)
    return site.posts[0].url_path


@pytest.mark.parametrize(
    ("pattern", "url"),
    [
        ("/news/:year/:month/:day/:title/", "/news/2024/02/05/Hello-World/"),
        ("/:short_year/:i_month/:i_day/:slug/", "/24/2/5/hello-world/"),
        ("/:categories/:name/", "/air-quality/news/hello-world/"),
        ("/:year/:y_day/:hour:minute:second/:slug/", "/2024/036/090703/hello-world/"),
        ("/:w_year/W:week/:w_day/:short_day/:long_day/:slug/", "/2024/W06/1/Mon/Monday/hello-world/"),
        ("/:short_month/:long_month/:slug/", "/Feb/February/hello-world/"),
        ("/blog/:slug", "/blog/hello-world/"),  # as a written permalink: a folder
    ],
)
def test_placeholders_of_a_post(content: ContentFolder, pattern: str, url: str) -> None:
    assert post_url(content, f"permalink: {pattern}\n") == url


@pytest.mark.parametrize(
    ("style", "url"),
    [
        ("pretty", "/air-quality/news/2024/02/05/Hello-World/"),
        ("date", "/air-quality/news/2024/02/05/Hello-World/"),  # at the folder; the .html address redirects
        ("ordinal", "/air-quality/news/2024/036/Hello-World/"),
        ("weekdate", "/air-quality/news/2024/W06/Mon/Hello-World/"),
        ("none", "/air-quality/news/Hello-World/"),
    ],
)
def test_jekyll_s_named_styles(content: ContentFolder, style: str, url: str) -> None:
    assert set(POST_STYLES) == {"date", "pretty", "ordinal", "weekdate", "none"}
    assert post_url(content, f"permalink: {style}\n") == url


def test_without_a_pattern_urls_keep_herald_s_shape(content: ContentFolder) -> None:
    content.page("About-Us.md", "title: About")
    assert post_url(content, "") == "/2024/02/05/hello-world/"
    assert load_site(content.root).pages[0].url_path == "/about-us/"


def test_pages_have_their_own_pattern_and_a_document_s_permalink_wins(content: ContentFolder) -> None:
    content.site_yml(MINIMAL_SITE_YML + "permalinks:\n  posts: /news/:slug/\n  pages: /info/:basename/\n")
    content.post("2024-01-01-a.md", "title: A")
    content.post("2024-01-02-b.md", "title: B\npermalink: /b-stays/")
    content.page("Team.md", "title: Team")
    content.page("contact.md", "title: Contact\npermalink: /contact/")
    site = load_site(content.root)
    assert sorted(doc.url_path for doc in site.documents) == ["/b-stays/", "/contact/", "/info/Team/", "/news/a/"]


def test_a_post_without_categories_leaves_no_empty_folder(content: ContentFolder) -> None:
    content.site_yml(MINIMAL_SITE_YML + "permalink: pretty\n")
    content.post("2024-01-01-plain.md", "title: Plain")
    assert load_site(content.root).posts[0].url_path == "/2024/01/01/plain/"


MULTILINGUAL = (MINIMAL_SITE_YML + "languages:\n  - {code: en, name: English, default: true}\n"
                "  - {code: fr, name: Français}\n")


def test_another_language_keeps_its_folder(content: ContentFolder) -> None:
    content.site_yml(MULTILINGUAL + "permalink: /news/:year/:slug/\npermalinks:\n  pages: /p/:slug/\n")
    content.post("2024-01-01-air.md", "title: Air")
    content.post("2024-01-01-air.fr.md", "title: Air")
    content.page("about.fr.md", "title: À propos")
    site = load_site(content.root)
    assert sorted(doc.url_path for doc in site.documents) == ["/fr/news/2024/air/", "/fr/p/about/", "/news/2024/air/"]


def test_two_posts_at_one_url_is_the_duplicate_url_error(content: ContentFolder) -> None:
    content.site_yml(MINIMAL_SITE_YML + "permalink: /:year/:slug/\n")
    content.post("2024-01-01-air.md", "title: Air")
    content.post("2024-06-01-air.md", "title: Air again")
    problems = check_site(content.root)
    assert len(problems) == 1 and "URL /2024/air/ is claimed by both" in problems[0].message, problems


@pytest.mark.parametrize(
    ("settings", "line", "words"),
    [
        ("permalink: /:year/:titel/\n", 5, ":titel"),
        ("description: x\npermalinks:\n  posts: /:slug/\n  pages: /:year/:slug/\n", 8, ":year, which pages"),
        ("permalink: /../:slug/\n", 5, "'..' part"),
        ("permalink: https://elsewhere.example/:slug/\n", 5, "full URL"),
        ("permalink: [a]\n", 5, "should be a URL pattern"),
        ("permalinks: /:slug/\n", 5, "should map `posts` and `pages`"),
        ("permalink: pretty\npermalinks:\n  posts: /:slug/\n", 7, "given twice"),
    ],
)
def test_a_pattern_herald_cannot_follow_is_an_error_at_its_line(
    content: ContentFolder, settings: str, line: int, words: str
) -> None:
    content.site_yml(MINIMAL_SITE_YML + settings)
    problems = check_site(content.root)
    assert [(Path(p.path).name, p.line) for p in problems] == [("site.yml", line)], problems
    assert words in problems[0].message, problems[0].message


def test_a_document_s_own_permalink_expands_its_placeholders(content: ContentFolder, tmp_path: Path) -> None:
    """As Jekyll does: `permalink: /notes/:year/:title/` in a post's frontmatter is a pattern for that post; one
    without placeholders is taken as written, as before."""
    content.site_yml(MULTILINGUAL)
    content.post("2024-02-05-Hello-World.md", POST + "\npermalink: /notes/:year/:month/:title/")
    content.post("2024-02-05-Hello-World.fr.md", POST + "\npermalink: /fr/notes/:categories/:slug/")
    content.post("2024-02-06-plain.md", "title: Plain\npermalink: /stays/as-written/")
    content.page("mail.md", "title: Mail\npermalink: /mailto:air/")  # a colon in a name: no placeholder
    content.page("Team.md", "title: Team\npermalink: /people/:basename/:name/")
    site = load_site(content.root)
    assert sorted(doc.url_path for doc in site.documents) == [
        "/fr/notes/air-quality/news/hello-world/", "/mailto:air/", "/notes/2024/02/Hello-World/",
        "/people/Team/team/", "/stays/as-written/"]


@pytest.mark.parametrize(
    ("kind", "frontmatter", "words"),
    [
        ("post", "title: A\npermalink: /notes/:yr/:title/", "`permalink` '/notes/:yr/:title/' has the placeholder "
         ":yr, which posts do not have (they have :categories, :day,"),
        ("page", "title: A\npermalink: /info/:year/:slug/", ":year, which pages do not have"),
        ("post", "title: A\npath: /notes/:slugg/", "`path` '/notes/:slugg/' has the placeholder :slugg"),
        ("page", "title: A\npermalink: /:basenam/", ":basenam, which pages do not have"),
    ],
)
def test_an_unknown_placeholder_in_a_document_s_own_permalink_is_an_error_at_its_line(
    content: ContentFolder, kind: str, frontmatter: str, words: str
) -> None:
    write = content.post if kind == "post" else content.page
    write("2024-02-05-a.md", frontmatter)
    [problem] = check_site(content.root)
    assert (problem.line, problem.field) == (3, frontmatter.split("\n")[1].split(":")[0]), problem
    assert words in problem.message, problem.message


def test_a_link_to_a_document_s_address_under_herald_s_own_shape_names_where_it_is_now(content: ContentFolder) -> None:
    """A site that sets a pattern moves every document: a link still written with the old address is broken, and
    its error says where the document is now and how to keep the old address."""
    content.site_yml(MULTILINGUAL + "permalinks:\n  posts: /news/:year/:slug/\n  pages: /info/:slug/\n")
    content.post("2024-01-02-air.md", "title: Air")
    content.post("2024-01-02-air.fr.md", "title: Air")
    content.page("about.md", "title: About", "Read [the post](/2024/01/02/air/), [en français](/fr/2024/01/02/air/)"
                 " and [us](/about/), not [this](/2024/01/03/air/).\n")
    messages = [problem.message for problem in check_site(content.root)]
    assert messages == [
        "link to /2024/01/02/air/, but the site has no page /2024/01/02/air/: posts/2024-01-02-air.md is at "
        "/news/2024/air/ under the site's URL pattern; link there, or add `redirect_from: /2024/01/02/air/` to it",
        "link to /fr/2024/01/02/air/, but the site has no page /fr/2024/01/02/air/: posts/2024-01-02-air.fr.md is "
        "at /fr/news/2024/air/ under the site's URL pattern; link there, or add `redirect_from: /fr/2024/01/02/air/` "
        "to it",
        "link to /about/, but the site has no page /about/: pages/about.md is at /info/about/ under the site's URL "
        "pattern; link there, or add `redirect_from: /about/` to it",
        "link to /2024/01/03/air/, but the site has no page /2024/01/03/air/; fix the link or add the page",
    ]
