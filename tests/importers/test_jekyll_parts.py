"""The Jekyll importer's parts on their own: Liquid kept or cut (with its line), _config.yml read into site.yml,
front matter defaults in Jekyll's order, and Jekyll's page and collection addresses."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herald_site.importers.jekyll_config import read_config, site_settings, social_accounts
from herald_site.importers.jekyll_liquid import ENVIRONMENT, LiquidTargets, convert_liquid
from herald_site.importers.jekyll_plan import plan_documents
from herald_site.importers.jekyll_source import SourceDocument, read_source
from herald_site.importers.jekyll_urls import UrlProblem, collection_address, page_address, with_style_ending

TARGETS = LiquidTargets(
    site={"title": "Birders", "url": "https://birders.example.org", "baseurl": "", "team": [{"name": "Alice"}]},
    document={"_guides/herons.md": "pages/guides/herons.md"}.get,
    post_stems=frozenset({"2024-06-01-river-walk"}),
    addresses={"files/map.pdf": "/files/map.pdf", "index.md": "/"},
    includes=frozenset({"note.html"}),
)


def converted(text: str, page: dict | None = None):
    return convert_liquid(text, 10, TARGETS, {"title": "A post"} if page is None else page)


@pytest.mark.parametrize("text", [
    "{{ site.title }} and {{ page.title | upcase }} and {{ site.team[0].name }}",
    "{% if page.missing %}shown when set{% endif %}",  # an if may test what is not there
    "{% raw %}{{ site.data.anything }}{% endraw %}",
    "{% highlight ruby linenos %}puts 1{% endhighlight %}",
    "{% assign n = 2 %}{% for i in (1..n) %}{{ i }}{% endfor %}",
    "{% include note.html text=page.title %}",
    "{% comment %}{% gist 1 %}{% endcomment %}",
])
def test_liquid_herald_renders_stays_as_it_is(text):
    result = converted(text)
    assert (result.text, result.left_behind, result.readable) == (text, [], True)


@pytest.mark.parametrize(("text", "line", "why"), [
    ("a\n{{ page.tags | jsonify }}", 11, "the filter `jsonify`"),
    ("{% for post in site.posts %}\n{{ post.title }}\n{% endfor %}", 10, "Herald has no site.posts"),
    ("\n\n{% tablerow t in site.data.t %}{{ t }}{% endtablerow %}", 12, "site.data.t"),
    ("{{ paginator.page }}", 10, "Herald's Liquid has no paginator"),
    ("{{ page.excerpt }}", 10, "page.excerpt has no value in the document's frontmatter"),
    ("{{ site.author.name }}", 10, "site.author.name has no value in site.yml"),
    ("{% include_relative notes.md %}", 10, "`include_relative` is a tag of Jekyll or a plugin"),
    ("{% twitter https://x %}{% endtwitter %}", 10, "and its block was left out"),
    ("x\n{% if page.title %}never closed", 11, "the `if` block is never closed"),
    ("{% endfor %}", 10, "it closes no block"),
    ("{% include {{ page.box }} %}", 10, "made from a variable"),
    ("{% include missing.html %}", 10, "there is no _includes/missing.html"),
    ("{% link _pages/gone.md %}", 10, "which was not imported"),
    ("{% post_url 2020-01-01-gone %}", 10, "there is no published post"),
])
def test_what_herald_cannot_render_is_cut_out_whole_and_reported_at_its_line(text, line, why):
    result = converted(text)
    assert "{{" not in result.text and "{%" not in result.text
    [(reported_line, reason)] = result.left_behind
    assert reported_line == line and why in reason, reason


def test_links_point_where_the_documents_now_are_and_includes_are_collected():
    result = converted("[a]({% link _guides/herons.md %}) [b]({% post_url news/2024-06-01-river-walk %}) "
                       "[c]({% link files/map.pdf %}) [d]({% link index.md %}) {% include note.html %}"
                       "{% include note.html %}")
    assert result.text == ("[a]({% link pages/guides/herons.md %}) [b]({% post_url 2024-06-01-river-walk %}) "
                           '[c]({{ "/files/map.pdf" | relative_url }}) [d]({{ "/" | relative_url }}) '
                           "{% include note.html %}{% include note.html %}")
    assert result.includes == ["note.html"]


def test_a_highlight_option_herald_does_not_take_is_dropped_and_the_block_kept():
    result = converted('{% highlight python linenos startinline mark_lines="1" %}\nx = 1\n{% endhighlight %}')
    assert result.text == '{% highlight python linenos mark_lines="1" %}\nx = 1\n{% endhighlight %}'
    assert result.left_behind == [
        (10, "the highlight option startinline was dropped; Herald renders only linenos and mark_lines (or hl_lines)")]


def test_in_an_include_page_and_include_values_are_not_checked_but_site_values_are():
    result = convert_liquid("{{ include.text }} {{ page.anything }} {{ site.nothing }}", 1, TARGETS, None)
    assert result.text == "{{ include.text }} {{ page.anything }} " and len(result.left_behind) == 1


def write_config(tmp_path: Path, text: str):
    (tmp_path / "_config.yml").write_text(text, encoding="utf-8")
    return read_config(tmp_path)


def test_site_yml_from_config_reports_what_means_something_else_in_herald(tmp_path):
    config = write_config(tmp_path, "title: T\nurl: https://t.example/\nnav: [a]\ntheme: minima\n"
                                    "plugins: [jekyll-feed, jekyll-gist]\nauthor: [Bo, Al]\n"
                                    "liquid: {error_mode: strict}\nstatic: here\nrepository: r/r\ncollections_dir: c\n")
    settings, left = site_settings(config, ["img"])
    assert settings == {"title": "T", "url": "https://t.example", "author": "Bo, Al", "permalink": "date",
                        "liquid": True, "static": ["img"], "repository": "r/r"}
    assert [(entry.line, entry.reason.split(" ")[:3]) for entry in left] == [
        (3, ["`nav`", "means", "something"]), (8, ["`static`", "means", "something"]),
        (5, ["the", "plugin", "jekyll-gist"]), (10, ["collections_dir:", "c:", "the"]),
        (4, ["the", "theme", "minima:"])]


def test_a_config_without_title_or_url_gets_placeholders_and_says_so(tmp_path):
    settings, left = site_settings(write_config(tmp_path, "description: D\n"), [])
    assert (settings["title"], settings["url"]) == ("My site", "https://example.org")
    assert [str(entry) for entry in left] == [
        "_config.yml: it gives no `title`; site.yml says My site until you write the site's own",
        "_config.yml: it gives no `url`; site.yml says https://example.org until you write the site's own"]


def test_social_accounts_come_from_what_jekyll_seo_tag_and_themes_read():
    assert social_accounts({"twitter": "@birds", "github_username": "gh",
                            "social": {"links": ["https://www.facebook.com/birds", "not a url"]},
                            "facebook": {"publisher": "https://facebook.com/other"},
                            "minima": {"social_links": [{"icon": "mastodon", "url": "https://fosstodon.org/@b"}]}}) == {
        "twitter": "https://twitter.com/birds", "github": "https://github.com/gh",
        "facebook": "https://www.facebook.com/birds", "mastodon": "https://fosstodon.org/@b"}



def test_an_account_on_a_network_herald_does_not_know_is_reported_not_carried(tmp_path):
    config = write_config(tmp_path, "title: T\nurl: https://t.example\ntwitter_username: birds\n"
                                    "social:\n  links: [https://www.flickr.com/photos/birds]\n")
    settings, left = site_settings(config, [])
    assert settings["social"] == {"twitter": "https://twitter.com/birds"}
    assert [str(entry) for entry in left] == [
        "_config.yml: the account https://www.flickr.com/photos/birds is on flickr, a network Herald's `social:` "
        "does not know (it knows mastodon, bluesky, youtube, instagram, facebook, linkedin, x, twitter, threads, "
        "tiktok, github, pixelfed, peertube, email); not carried over"]

def test_defaults_apply_in_jekylls_order_and_the_documents_own_values_win(tmp_path):
    config = write_config(tmp_path, """
defaults:
  - {scope: {path: "docs"}, values: {a: docs, b: docs, c: docs}}
  - {scope: {path: ""}, values: {a: all, b: all, c: all, d: all}}
  - {scope: {path: "docs", type: pages}, values: {b: docs-pages}}
  - {scope: {path: "", type: posts}, values: {e: posts}}
  - {scope: {path: "docs/*.md"}, values: {f: glob}}
""")
    assert config.defaults_for(PurePosixPath("docs/a.md"), ("pages",)) == {
        "a": "docs", "b": "docs-pages", "c": "docs", "d": "all", "f": "glob"}
    assert config.defaults_for(PurePosixPath("_posts/a.md"), ("posts",)) == {"a": "all", "b": "all", "c": "all",
                                                                             "d": "all", "e": "posts"}


def document(relative: str, kind: str = "page", collection: str | None = None) -> SourceDocument:
    return SourceDocument(PurePosixPath(relative), kind, collection, {}, "", 1, datetime(2024, 1, 1))


@pytest.mark.parametrize(("style", "template"), [
    ("pretty", "/:path/:basename/"), ("date", "/:path/:basename:output_ext"), ("/blog/:title/", "/:path/:basename/"),
    ("/blog/:title:output_ext", "/:path/:basename:output_ext"), ("/blog/:title", "/:path/:basename"),
])
def test_a_page_ends_as_the_sites_permalink_style_does(style, template):
    assert with_style_ending("/:path/:basename", style) == template


def test_page_and_collection_addresses_follow_jekylls_rules():
    assert page_address(document("docs/visiting.md"), {}, "pretty").path == "/docs/visiting/"
    kept = page_address(document("docs/visiting.md"), {}, "date")
    assert (kept.path, kept.redirect_from) == ("/docs/visiting/", "/docs/visiting.html")
    assert page_address(document("docs/index.md"), {}, "date").path == "/docs/"
    assert page_address(document("a.md"), {"permalink": "/x/:basename/"}, "date").path == "/x/a/"
    guide = document("_guides/ducks/Mallard.md", "collection", "guides")
    assert collection_address(guide, {}, None, "pretty", None).path == "/guides/ducks/Mallard/"
    assert collection_address(guide, {}, "/g/:name/", "pretty", None).path == "/g/mallard/"
    dated = collection_address(guide, {}, "/g/:year/:title/", "pretty", datetime(2023, 5, 1))
    assert dated.path == "/g/2023/Mallard/"
    with pytest.raises(UrlProblem, match=":year"):
        collection_address(guide, {}, "/g/:year/:title/", "pretty", None)
    with pytest.raises(UrlProblem, match="'..' part"):
        page_address(document("a.md"), {"permalink": "/../../escape/"}, "pretty")


def planned(tmp_path: Path, config_text: str, *documents: tuple[str, str, dict]):
    config = write_config(tmp_path, config_text)
    left: list = []
    sources = [SourceDocument(PurePosixPath(relative), kind, relative.split("/")[0][1:] if kind == "collection"
                              else None, values, "", 4, datetime(2024, 1, 1)) for relative, kind, values in documents]
    return plan_documents(sources, config, ZoneInfo("UTC"), left), left


def test_posts_follow_the_posts_collections_permalink_and_every_address_is_known(tmp_path):
    entries, left = planned(tmp_path, "permalink: pretty\ncollections: {posts: {permalink: /n/:year/:title/}}\n",
                            ("_posts/2024-05-03-Hi.md", "post", {"author": ["Bo", {"name": "Al"}], "title": 1984,
                                                                 "tags": [2024, "x"], "image": {"path": "/i.png"}}),
                            ("_posts/2024-05-04-own.md", "post", {"permalink": "/o/:slug.html"}))
    assert [entry.url for entry in entries] == ["/n/2024/Hi/", "/o/own/"]
    assert "permalink" not in entries[0].frontmatter  # site.yml's pattern gives it
    first = entries[0].frontmatter
    assert (first["author"], first["title"], first["tags"], first["image"]) == ("Bo, Al", "1984", ["2024", "x"],
                                                                                 "/i.png")
    own = entries[1].frontmatter
    assert (own["permalink"], own["redirect_from"]) == ("/o/own/", ["/o/own.html"])
    assert site_settings(read_config(tmp_path), [])[0]["permalink"] == "/n/:year/:title/" and not left


def test_old_addresses_herald_cannot_serve_or_that_are_taken_are_dropped_and_reported(tmp_path):
    entries, left = planned(tmp_path, "permalink: pretty\n",
                            ("a.md", "page", {"redirect_from": ["/help/index.html", "/b/", "/tags/", "/x/../y/"]}),
                            ("b.md", "page", {"redirect_from": "/help/"}),
                            ("_posts/2024-01-01-c.md", "post", {"date": "soon", "redirect_from": "/c.html"}))
    assert entries[0].frontmatter["redirect_from"] == ["/help/"]
    assert "redirect_from" not in entries[1].frontmatter and entries[2].frontmatter["redirect_from"] == ["/c.html"]
    assert "date" not in entries[2].frontmatter and entries[2].url == "/2024/01/01/c/"
    expected = [
        "_posts/2024-01-01-c.md: its date 'soon' could not be read; the ",
        "a.md: its redirect from /b/ was dropped: b.md has that address",
        "a.md: its redirect from /tags/ was dropped: Herald generates ev",
        "a.md: its redirect from /x/../y/ was dropped: '/x/../y/' has a ",
        "b.md: its redirect from /help/ was dropped: a.md has that addre",
    ]
    assert [str(entry)[:len(start)] for entry, start in zip(left, expected, strict=True)] == expected


def test_posts_under_a_folders_own_posts_take_its_name_as_a_category_and_unpublished_pages_stay_out(tmp_path):
    for relative, text in (("news/_posts/2024-01-02-a.md", "---\ncategories: club events\ntags: a b\n---\nA\n"),
                           ("news/_other/x.md", "---\n---\n"), ("hidden.md", "---\npublished: false\n---\n"),
                           ("_config.yml", "permalink: /:categories/:title/\n")):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    config = read_config(tmp_path)
    found = read_source(tmp_path, config)
    assert [(str(document.relative), document.kind) for document in found.documents] == [
        ("hidden.md", "page"), ("news/_posts/2024-01-02-a.md", "post")]
    left: list = []
    [post] = plan_documents(found.documents, config, ZoneInfo("UTC"), left)
    assert (post.url, post.file) == ("/news/club/events/a/", PurePosixPath("posts/2024-01-02-a.md"))
    assert (post.frontmatter["categories"], post.frontmatter["tags"]) == (["news", "club", "events"], ["a", "b"])
    assert [str(entry) for entry in left] == ["hidden.md: unpublished (published: false); Herald's pages have no "
                                              "drafts"]


FRAGMENTS = ["{% if page.title %}", "{% endif %}", "{% for x in site.team %}", "{% endfor %}", "{{ x.name }}",
             "{{ site.data.a }}", "{% gist 1 %}", "{% raw %}", "{% endraw %}", "{{ page.title | jsonify }}",
             "{% highlight py %}", "{% endhighlight %}", "{% unless page.x %}", "{% endunless %}", "{% else %}",
             "{% capture c %}", "{% endcapture %}", "{{ c }}", "{% twitter a %}", "{% endtwitter %}", "{{", "}}",
             "{%", "%}", "text ", "\n", "{% include note.html t=site.nope %}", "{% link _guides/herons.md %}"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12))
def test_whatever_the_liquid_what_is_kept_is_liquid_herald_reads(parts):
    result = converted("".join(parts))
    if result.readable:
        template = ENVIRONMENT.from_string(result.text)  # raises if Herald's Liquid could not read it
        assert all(name in ENVIRONMENT.filters for name in template.analyze().filters)
    assert all(line >= 10 for line, _ in result.left_behind)
