"""A site's own templates and static files under content/theme/ take the place of Herald's at the same path, an
override can extend the original it replaces, nothing is read through a link leading out of the content folder,
and a rebuild follows every change to the theme."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import lxml.html
import pytest
from jinja2 import Environment

from herald_site import create_app
from herald_site.build.pipeline import build_site
from herald_site.content import ContentProblems, load_site
from herald_site.errors import BuildError
from herald_site.urls import SHELL, STATIC_FOLDER
from herald_site.web.stylesheet_comments import without_comments
from herald_site.web.theme_lookup import HERALD_TEMPLATES, theme_templates
from tests.conftest import REPO_ROOT
from tests.site.conftest import MINIMAL_SITE_YML, SAMPLE_NOW, ContentFolder
from tests.site.test_incremental import Builds

LOGO = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'><rect width='1' height='1'/></svg>\n"
# An override of base.html that extends Herald's and changes one block: a logo beside the site's name.
BASE_WITH_LOGO = """\
{% extends "herald/base.html" %}
{% block branding %}
<a class="site-title" href="{{ url_for('blog.home') | site_href }}"><img class="logo" src="{{ theme_file('logo.svg') | site_href }}" alt=""> {{ site.title }}</a>
{% endblock %}
"""
# An override of a file of macros: Herald's, but the categories alone under a post's title, without its tags.
POSTS_PARTIAL = """\
{% import "herald/partials/posts.html" as herald %}
{% set post_meta, post_list, pagination_nav = herald.post_meta, herald.post_list, herald.pagination_nav %}
{% macro taxa_links(post) %}
<p class="categories">{{ post.categories | join(", ") }}</p>
{% endmacro %}
"""
POST = "2024-01-01-a.md"
POST_URL = "2024/01/01/a/index.html"


def page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(path)).getroot()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


@pytest.fixture
def site(content: ContentFolder) -> ContentFolder:
    content.post(POST, "title: A\ntags: [air]\ncategories: [News]")
    content.page("about.md", "title: About")
    return content


def test_a_template_override_extends_herald_s_own_and_changes_one_block(site, tmp_path):
    site.raw("theme/templates/base.html", BASE_WITH_LOGO)
    site.raw("theme/static/logo.svg", LOGO)
    out = tmp_path / "out"

    build_site(site.root, out)

    for html in (out / "index.html", out / POST_URL, out / "about/index.html", out / "404.html"):
        built = page(html)
        assert built.xpath('//a[@class="site-title"]/img/@src') == [f"/static/logo.svg?v={digest(LOGO.encode())}"]
        assert built.xpath('//nav[@aria-label="Main"] | //footer[@class="site-footer"]//a[text()="Archive"]')
    assert page(out / POST_URL).xpath("string(//article//h1)") == "A"  # the page's own blocks are Herald's still
    shell = page(out / SHELL.lstrip("/"))  # the service's pages wear it too, with every link absolute
    assert shell.xpath('//a[@class="site-title"]/img/@src')[0].startswith("https://test.example.org/static/logo.svg?v=")
    assert (out / "static/logo.svg").read_text() == LOGO


def test_a_file_of_macros_is_replaced_keeping_the_macros_it_does_not_change(site, tmp_path):
    site.raw("theme/templates/partials/posts.html", POSTS_PARTIAL)
    site.media("cover.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/>')
    site.post("2024-02-01-b.md", "title: B\nimage: cover.svg")  # covers are drawn by a partial of their own
    out = tmp_path / "out"

    build_site(site.root, out)

    post = page(out / POST_URL)
    assert post.xpath('string(//p[@class="categories"])') == "News" and post.xpath('//ul[@class="taxa"]') == []
    assert "min read" in post.xpath('string(//p[@class="meta"])')  # Herald's post_meta, kept
    home = page(out / "index.html")
    assert home.xpath('//h3[@class="card-title"]/a/text()') == ["B", "A"]
    assert home.xpath('//img[@class="card-cover"]/@src') == ["/media/cover.svg"]
    assert page(out / "2024/02/01/b/index.html").xpath('//img[@class="cover"]/@width') == ["40"]


def test_a_static_file_replaces_herald_s_of_the_same_name_and_pages_link_its_own_version(site, tmp_path):
    css = "/* the site's own stylesheet */\nbody { margin: 0; }\n"
    site.raw("theme/static/theme.css", css)
    out = tmp_path / "out"

    build_site(site.root, out)

    assert (out / "static/theme.css").read_text() == without_comments(css)  # served as Herald's own is
    assert page(out / "index.html").xpath('//link[@rel="stylesheet"]/@href')[0] == (
        f"/static/theme.css?v={digest(css.encode())}")
    for name in ("herald.js", "comments.js", "board.js", "addresses.js"):
        assert (out / "static" / name).read_bytes() == (STATIC_FOLDER / name).read_bytes()


def test_theme_files_are_never_posts_pages_or_media(site, tmp_path):
    site.raw("theme/templates/notes.md", "---\ntitle: Notes on the theme\n---\nNot a page.\n")
    site.raw("theme/static/posts/readme.md", "---\ntitle: Not a post\n---\n")
    site.raw("theme/static/pages/card.html", "<p>a card</p>")

    index = load_site(site.root, now=SAMPLE_NOW)

    assert [post.title for post in index.posts] == ["A"] and [page.title for page in index.pages] == ["About"]
    assert index.media == {}
    assert set(index.theme_static) == {"posts/readme.md", "pages/card.html"}
    assert set(index.theme_templates) == {"notes.md"}


def test_a_link_to_a_file_of_the_theme_leads_somewhere_and_one_to_a_missing_file_does_not(site):
    site.raw("theme/static/guide.pdf", "%PDF")
    site.page("links.md", "title: Links", "[The guide](/static/guide.pdf), [the old one](/static/old-guide.pdf)\n")

    with pytest.raises(ContentProblems) as raised:
        load_site(site.root, now=SAMPLE_NOW)

    assert [problem.message.split(",")[0] for problem in raised.value.problems] == ["link to /static/old-guide.pdf"]


def test_a_file_in_neither_templates_nor_static_is_a_warning(site):
    site.raw("theme/base.html", BASE_WITH_LOGO)

    warnings = load_site(site.root, now=SAMPLE_NOW).warnings

    assert [(problem.path, problem.severity) for problem in warnings] == [(site.root / "theme/base.html", "warning")]
    assert "move it into one of them" in warnings[0].message and "theme/templates/" in warnings[0].message


@pytest.mark.parametrize("name", ["pygments.css", "site-theme.css"])
def test_a_static_file_where_herald_writes_its_own_is_an_error(site, name):
    site.raw(f"theme/static/{name}", "body {}")

    with pytest.raises(ContentProblems) as raised:
        load_site(site.root, now=SAMPLE_NOW)

    assert [(problem.path, problem.severity) for problem in raised.value.problems] == [
        (site.root / "theme/static" / name, "error")]
    assert f"Herald writes /static/{name} itself" in raised.value.problems[0].message


@pytest.mark.parametrize("link", ["theme/templates/base.html", "theme/static/secret.txt", "theme/templates", "theme"])
def test_a_link_in_the_theme_leading_out_of_the_content_folder_is_refused(site, tmp_path, link):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for publishing")
    target = outside / "secret.txt" if "." in Path(link).name else outside
    (site.root / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, site.root / link)

    with pytest.raises(ContentProblems) as raised:
        load_site(site.root, now=SAMPLE_NOW)

    assert [problem.path for problem in raised.value.problems] == [site.root / link]
    assert "outside the content folder" in raised.value.problems[0].message


def test_a_template_linked_from_outside_the_content_folder_is_never_read(site, tmp_path):
    outside = tmp_path / "base.html"
    outside.write_text("{{ leaked }}")
    (site.root / "theme/templates").mkdir(parents=True)
    os.symlink(outside, site.root / "theme/templates/base.html")

    source, filename, _ = theme_templates(site.root).get_source(Environment(), "base.html")

    assert filename == str(HERALD_TEMPLATES / "base.html") and "leaked" not in source


def test_a_template_that_does_not_parse_fails_the_build_naming_its_file_and_line(site, tmp_path):
    site.raw("theme/templates/base.html", '{% extends "herald/base.html" %}\n{% block branding %}{{ site.title }\n')

    with pytest.raises(BuildError, match=r"theme/templates/base\.html:2: .*; fix the template"):
        build_site(site.root, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_shell_that_lost_its_slots_fails_the_build(site, tmp_path):
    site.raw("theme/templates/shell.html", '{% extends "base.html" %}\n{% block content %}{% endblock %}\n')

    with pytest.raises(BuildError, match=r"/_herald/shell\.html, the site's look .* is broken: the shell needs the slot"):
        build_site(site.root, tmp_path / "out")


def test_serve_shows_a_template_added_to_the_theme_on_the_next_page(site):
    client = create_app(site.root, watch=True).test_client()
    assert 'class="logo"' not in client.get("/").text

    site.raw("theme/templates/base.html", BASE_WITH_LOGO)
    site.raw("theme/static/logo.svg", LOGO)
    before = lxml.html.fromstring(client.get("/").text).xpath('//img[@class="logo"]/@src')
    site.raw("theme/static/logo.svg", LOGO.replace("rect", "circle"))
    after = lxml.html.fromstring(client.get("/").text).xpath('//img[@class="logo"]/@src')

    assert len(before) == len(after) == 1 and before != after  # an edited file gets a new version
    response = client.get(after[0])
    assert response.text == LOGO.replace("rect", "circle")
    response.close()


THEME_COLOURS = 'theme:\n  colors:\n    accent: "#b5361d"\n'


def test_a_rebuild_follows_every_change_to_the_theme_and_equals_a_clean_build(tmp_path):
    """Each step rebuilds with the cache and is compared, byte for byte, with a clean build of the same content."""
    content = ContentFolder(tmp_path / "content")
    content.post(POST, "title: A\ntags: [air]\ncategories: [News]")
    builds = Builds(tmp_path, content.root)
    out = builds.out
    herald_look = builds.rebuild_and_compare()
    site_yml = (content.root / "site.yml").read_text()

    def step() -> tuple[int, str]:
        summary = builds.rebuild_and_compare()
        return summary.files - summary.kept, (out / POST_URL).read_text()

    content.raw("theme/templates/base.html", BASE_WITH_LOGO)
    content.raw("theme/static/logo.svg", LOGO)
    rendered, post = step()
    assert 'class="logo"' in post and rendered > herald_look.files / 2  # every page shows the template

    content.raw("theme/templates/base.html", BASE_WITH_LOGO.replace('alt=""', 'alt="Logo"'))
    rendered, post = step()
    assert 'alt="Logo"' in post

    content.raw("theme/static/theme.css", "body { margin: 0; }\n")
    step()
    assert (out / "static/theme.css").read_text() == "body { margin: 0; }\n"

    (content.root / "site.yml").write_text(site_yml + THEME_COLOURS)
    _, post = step()
    assert "--accent: #b5361d;" in (out / "static/site-theme.css").read_text() and "/static/site-theme.css?v=" in post

    for name in ("templates/base.html", "static/logo.svg", "static/theme.css"):
        (content.root / "theme" / name).unlink()
    (content.root / "site.yml").write_text(site_yml)
    _, post = step()
    assert 'class="logo"' not in post and "site-theme.css" not in post
    assert not (out / "static/logo.svg").exists() and not (out / "static/site-theme.css").exists()
    assert (out / "static/theme.css").read_text() == without_comments((STATIC_FOLDER / "theme.css").read_text())


def readme_example() -> tuple[str, dict[str, str]]:
    """README's "Make it yours": its `theme:` block, and each template by the path its first line names."""
    section = (REPO_ROOT / "README.md").read_text(encoding="utf-8").split("\n## Make it yours\n")[1].split("\n## ")[0]
    blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.DOTALL)
    templates = {}
    for language, text in blocks:
        if language == "jinja":
            named = re.match(r"\{# (theme/\S+): ", text)
            assert named, text
            templates[named.group(1)] = text
    return next(text for language, text in blocks if language == "yaml"), templates


def test_the_readme_example_builds_as_it_says(site, tmp_path):
    theme, templates = readme_example()
    site.site_yml(MINIMAL_SITE_YML + theme)
    for path, text in templates.items():
        site.raw(path, text)
    site.raw("theme/static/logo.svg", LOGO)
    out = tmp_path / "out"

    _, warnings = build_site(site.root, out)

    assert warnings == [] and set(templates) == {"theme/templates/base.html", "theme/templates/partials/posts.html"}
    post = page(out / POST_URL)
    assert post.xpath('//a[@class="site-title"]/img/@src')[0].startswith("/static/logo.svg?v=")
    assert post.xpath('//ul[@class="taxa"]//a/text()') == ["News"]  # its category, not its tag
    assert "--accent: #b5361d;" in (out / "static/site-theme.css").read_text()
