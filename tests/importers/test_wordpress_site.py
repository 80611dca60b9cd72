"""`build.py import wordpress`: the hand-written export becomes a content folder that builds, answers at every
old address, shows no shortcode or template tag as text, and a report of exactly what stayed behind."""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import build
from herald_site.build.pipeline import build_site
from herald_site.errors import CommandError
from herald_site.importers.output import REPORT_FILE
from herald_site.importers.wordpress import WordPressImportReport, import_wordpress
from herald_site.importers.wordpress_archives import archive_redirects
from herald_site.importers.wordpress_plan import plan_import
from herald_site.importers.wxr import read_export
from tests.conftest import free_port
from tests.importers.wordpress_fixture import EXPORT, OLD_PATHS, OLD_SITE, UPLOADED, export_variant, make_uploads

LEFT_BEHIND = {
    "post 41 'Committee minutes'",
    "post 42 'Old news'",
    "the menu entry 'Our team' of 'Main'",  # under 'About us'
    "the menu 'Footer' (1 entry)",
    "post 20 'Hello, spring'",  # its [contact-form-7]
    "media file 2023/01/kingfisher.jpg",
}
SHORTCODE_OR_TAG = re.compile(r"\[/?(caption|wp_caption|gallery|embed|youtube|contact-form-7)\b|\{\{|\{%|<!-- /?wp:")


@dataclass
class Imported:
    content: Path
    out: Path
    uploads: Path
    report: WordPressImportReport


def frontmatter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    root = tmp_path_factory.mktemp("wordpress")
    uploads = make_uploads(root / "uploads")
    report = import_wordpress(EXPORT, root / "content", uploads=uploads, download=False)
    build_site(root / "content", root / "out", strict=True)  # strict: not even a warning
    return Imported(root / "content", root / "out", uploads, report)


def test_every_old_address_answers_with_its_page(imported):
    for path in OLD_PATHS:
        page = imported.out / path.strip("/") / "index.html"
        assert page.is_file(), path
    assert "Our team" in (imported.out / "about/team/index.html").read_text(encoding="utf-8")


def test_no_page_shows_a_shortcode_a_block_comment_or_a_template_tag(imported):
    pages = list(imported.out.rglob("*.html"))
    assert len(pages) > len(OLD_PATHS)
    for page in pages:
        assert not SHORTCODE_OR_TAG.search(page.read_text(encoding="utf-8")), page
    for document in imported.content.rglob("*.md"):
        assert not SHORTCODE_OR_TAG.search(document.read_text(encoding="utf-8")), document


def test_the_report_lists_exactly_what_was_left_behind(imported):
    assert {entry.what for entry in imported.report.left_behind} == LEFT_BEHIND
    reasons = {entry.what: entry.reason for entry in imported.report.left_behind}
    assert reasons["post 41 'Committee minutes'"].startswith("private")
    assert "trash" in reasons["post 42 'Old news'"]
    hello = [entry.reason for entry in imported.report.left_behind if entry.what == "post 20 'Hello, spring'"]
    assert len(hello) == 1 and "[contact-form-7]" in hello[0]  # its link to /category/news/ leads to Herald's
    assert (imported.content / REPORT_FILE).read_text(encoding="utf-8") == str(imported.report)
    assert (imported.report.posts, imported.report.drafts, imported.report.pages) == (3, 1, 2)


@pytest.mark.parametrize(("old", "new"), [
    ("/category/news/", "/categories/news/"), ("/category/field-notes/", "/categories/field-notes/"),
    ("/tag/robins/", "/tags/robins/"), ("/tag/spring-count/", "/tags/spring-count/"),
    ("/2024/", "/archive/2024/"), ("/2024/05/", "/archive/2024/"), ("/2024/06/", "/archive/2024/"),
    ("/feed/", "/feed.xml"),
])
def test_the_old_list_pages_and_feed_redirect_to_herald_s(imported, old, new):
    page = (imported.out / old.strip("/") / "index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url={new}">' in page
    assert (imported.out / new.strip("/")).is_file() or (imported.out / new.strip("/") / "index.html").is_file()
    assert f"{old} {new} 301" in (imported.out / "_redirects").read_text(encoding="utf-8")


def test_a_link_to_an_old_list_page_leads_to_herald_s(imported):
    hello = (imported.content / "posts" / "2024-05-03-hello-spring.md").read_text(encoding="utf-8")
    assert "[more news](/categories/news/)" in hello


def test_a_list_s_later_pages_and_only_published_posts_lists_are_kept(imported):
    plan = plan_import(read_export(EXPORT))
    [hello] = [document for document in plan.documents if document.url_path == OLD_PATHS[0]]
    many = [dataclasses.replace(hello, item=dataclasses.replace(hello.item, id=100 + number),
                                url_path=f"/news-{number}/") for number in range(11)]
    draft = next(document for document in plan.documents if document.draft)
    found = archive_redirects([*many, draft])
    assert found["/category/news/page/2/"] == "/categories/news/"  # WordPress's ten a page: 11 posts, 2 pages
    assert "/category/news/page/3/" not in found and "/tag/robins/page/2/" in found
    assert not any(source.startswith("/category/field-notes") for source in found)  # only on the draft


def test_a_post_keeps_its_date_author_terms_excerpt_featured_image_and_address(imported):
    values = frontmatter(imported.content / "posts" / "2024-05-03-hello-spring.md")
    assert values["title"] == "Hello, spring"
    assert values["date"].isoformat() == "2024-05-03T08:30:00+00:00"  # post_date_gmt
    assert values["updated"].isoformat() == "2024-05-04T09:00:00+00:00"  # post_modified_gmt
    assert values["featured"] is True  # a sticky post
    assert values["author"] == "Alice Martin"  # the display name, not the login
    assert (values["categories"], values["tags"]) == (["News"], ["robins", "spring count"])
    assert values["summary"] == "The robins are back: the spring count starts Saturday."
    assert (values["image"], values["image_alt"]) == ("/media/2024/05/robin.jpg", "A robin on a garden fence")
    assert values["permalink"] == "/2024/05/03/hello-spring/"
    page = (imported.out / "2024/05/03/hello-spring/index.html").read_text(encoding="utf-8")
    assert "Alice Martin" in page and 'href="/categories/news/"' in page and 'src="/media/2024/05/robin.jpg"' in page


def test_a_draft_stays_a_draft_and_private_and_trashed_posts_stay_out(imported):
    draft = frontmatter(imported.content / "posts" / "2024-06-10-half-written.md")
    assert draft["draft"] is True and "permalink" not in draft
    names = {path.name for path in imported.content.rglob("*.md")}
    assert not any("committee" in name or "old-news" in name for name in names)
    built = "".join(page.read_text(encoding="utf-8") for page in imported.out.rglob("*.html"))
    assert "Half written" not in built and "Committee minutes" not in built and "Old news" not in built


def test_media_keep_their_year_and_month_and_a_missing_resized_copy_is_its_original(imported):
    for name in UPLOADED:
        assert (imported.content / "media" / name).read_bytes() == (imported.uploads / name).read_bytes()
        assert (imported.out / "media" / name).is_file()
    post = (imported.content / "posts" / "2024-05-03-hello-spring.md").read_text(encoding="utf-8")
    assert "robin-300x200" not in post and "(/media/2024/05/robin.jpg)" in post
    # A file in neither place is linked at its old address, and listed.
    blocks = (imported.out / "2024/06/01/blocks-and-galleries/index.html").read_text(encoding="utf-8")
    assert 'href="https://birders.example.org/wp-content/uploads/2023/01/kingfisher.jpg"' in blocks


def test_captions_galleries_embeds_quotes_and_code_come_over(imported):
    hello = (imported.out / "2024/05/03/hello-spring/index.html").read_text(encoding="utf-8")
    assert re.search(r"<figure>\s*<p><img alt=\"A robin on a garden fence\" src=\"/media/2024/05/robin.jpg\" />"
                     r"</p>\s*<figcaption>The first robin of the year</figcaption>", hello)
    assert 'href="https://www.youtube.com/watch?v=abc123"' in hello  # [embed]
    assert 'href="https://www.youtube.com/watch?v=xyz789"' in hello  # [youtube]
    assert 'href="/2024/06/01/blocks-and-galleries/"' in hello  # a link to another post, now on this site
    assert 'href="/">the front page' in hello and 'href="/categories/news/">more news' in hello
    blocks = (imported.out / "2024/06/01/blocks-and-galleries/index.html").read_text(encoding="utf-8")
    assert "<figcaption>Our heron, <em>still</em> there</figcaption>" in blocks  # core/image
    galleries = re.findall(r"<ul>\s*<li><img alt=\"A robin[^>]*></li>\s*<li><img alt=\"A grey heron[^>]*></li>", blocks)
    assert len(galleries) == 2  # core/gallery and [gallery ids=...]
    assert '<a href="https://www.youtube.com/watch?v=river42">The river at dawn</a>' in blocks  # core/embed
    assert "<blockquote>" in blocks and "— An old birder" in blocks  # core/quote
    assert "count = robins + herons" in blocks and 'class="highlight"' in blocks  # core/code


# The fixture's menu 'Main' by hand: its top entries in menu_order (a custom link to the old home, a page, a
# category, a link elsewhere); 'Our team' sits under 'About us', and 'Footer' is the smaller menu.
NAV = [{"title": "Home", "url": "/"}, {"title": "About us", "url": "/about/"},
       {"title": "News", "url": "/categories/news/"}, {"title": "The RSPB", "url": "https://www.rspb.org.uk/"}]


def test_the_main_menu_becomes_the_site_s_nav_with_its_new_addresses(imported):
    assert yaml.safe_load((imported.content / "site.yml").read_text(encoding="utf-8"))["nav"] == NAV
    home = (imported.out / "index.html").read_text(encoding="utf-8")
    menu = re.search(r'<nav aria-label="Main">(.*?)</nav>', home, re.DOTALL)
    assert menu and re.findall(r'href="([^"]+)"', menu.group(1)) == [entry["url"] for entry in NAV]
    reasons = {entry.what: entry.reason for entry in imported.report.left_behind}
    assert "flat" in reasons["the menu entry 'Our team' of 'Main'"]
    assert "made of the menu 'Main'" in reasons["the menu 'Footer' (1 entry)"]


def test_a_menu_entry_with_nowhere_to_lead_is_left_out_and_reported(tmp_path):
    export = export_variant(
        tmp_path,
        ("<wp:meta_value><![CDATA[30]]></wp:meta_value>", "<wp:meta_value><![CDATA[41]]></wp:meta_value>"),  # private
        ("<wp:cat_name><![CDATA[News]]>", "<wp:cat_name><![CDATA[Events]]>"),  # a category no post has
    )
    report = import_wordpress(export, tmp_path / "content", download=False)
    assert _nav(tmp_path / "content") == [NAV[0], NAV[3]]
    reasons = {entry.what: entry.reason for entry in report.left_behind}
    private = reasons["the menu entry 'Committee minutes' of 'Main'"]  # the entry that led to "About us"
    assert "post 41 'Committee minutes', which was not imported" in private
    assert "no list page" in reasons["the menu entry 'Events' of 'Main'"]
    build_site(tmp_path / "content", tmp_path / "out", strict=True)


def test_of_several_menus_the_one_named_main_or_primary_is_the_nav(tmp_path):
    export = export_variant(tmp_path, ('nicename="main"><![CDATA[Main]]>', 'nicename="header"><![CDATA[Header]]>'),
                            ('nicename="footer"><![CDATA[Footer]]>', 'nicename="primary"><![CDATA[Primary links]]>'))
    report = import_wordpress(export, tmp_path / "content", download=False)
    assert _nav(tmp_path / "content") == [{"title": "Contact", "url": "/about/"}]
    reasons = {entry.what: entry.reason for entry in report.left_behind}
    assert "made of the menu 'Primary links'" in reasons["the menu 'Header' (5 entries)"]


def _nav(content: Path) -> list[dict]:
    return yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))["nav"]


def test_importing_again_rewrites_the_same_files_and_keeps_an_edited_site_yml(imported, tmp_path):
    content = tmp_path / "content"
    import_wordpress(EXPORT, content, uploads=imported.uploads, download=False)
    (content / "site.yml").write_text("title: Our new name\nurl: https://birds.example.net\n", encoding="utf-8")
    first = {path: path.read_bytes() for path in content.rglob("*") if path.is_file() and path.name != REPORT_FILE}
    report = import_wordpress(EXPORT, content, uploads=imported.uploads, download=False)
    assert not report.wrote_settings
    again = {path: path.read_bytes() for path in content.rglob("*") if path.is_file() and path.name != REPORT_FILE}
    assert again == first
    [kept] = [entry for entry in report.left_behind if entry.what.startswith("the old site's 8 list addresses")]
    assert "the existing site.yml was kept" in kept.reason
    shown = str(report).split("put this in site.yml:\n", 1)[1].split("\nLeft behind", 1)[0]
    assert yaml.safe_load(shown) == {"nav": NAV}  # the menu it would have written, ready to paste


def test_a_hostile_export_writes_nothing_outside_the_content_folder(tmp_path):
    export = export_variant(
        tmp_path,
        ("<wp:post_name><![CDATA[hello-spring]]>", "<wp:post_name><![CDATA[../../../escape]]>"),
        ("/2024/05/03/hello-spring/</link>", "/2024/05/03/%2e%2e/%2e%2e/escape/</link>"),
        ("uploads/2024/06/heron.png]]></wp:attachment_url>", "uploads/../../../../heron.png]]></wp:attachment_url>"),
    )
    # Deep inside this test's own folder, so that a path climbing out of the site (four levels at most) lands
    # where the scan sees it, and files other tests write beside this folder are not counted.
    site = tmp_path / "a" / "b" / "c" / "d" / "site"
    before = set(tmp_path.rglob("*"))
    report = import_wordpress(export, site / "content", download=False)
    written = set(tmp_path.rglob("*")) - before
    assert written and all(path.is_relative_to(site) or path in site.parents for path in written)
    assert (site / "content" / "posts" / "2024-05-03-escape.md").is_file()
    kept_out = {entry.what: entry.reason for entry in report.left_behind}
    old_address = next(what for what in kept_out if what.startswith("the old address"))
    assert "'..' part" in kept_out[old_address] and "/2024/05/03/escape/" in kept_out[old_address]


@pytest.mark.parametrize("text", [
    "<rss><channel><title>Not WordPress</title></channel></rss>",
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss>&b;</rss>',
    "<rss><channel>",
])
def test_a_file_that_is_no_safe_export_is_refused_naming_it(tmp_path, text):
    export = tmp_path / "export.xml"
    export.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(str(export))):
        import_wordpress(export, tmp_path / "content")
    assert not (tmp_path / "content").exists()


def test_the_command_prints_the_report_and_fails_cleanly_on_a_bad_export(tmp_path):
    uploads = make_uploads(tmp_path / "uploads")
    runner = CliRunner()
    result = runner.invoke(build.main, ["import", "wordpress", str(EXPORT), "--content", str(tmp_path / "content"),
                                        "--uploads", str(uploads), "--no-download"])
    assert result.exit_code == 0, result.output
    assert "Left behind (6):" in result.output and "post 41 'Committee minutes'" in result.output
    bad = tmp_path / "bad.xml"
    bad.write_text("<rss>", encoding="utf-8")
    result = runner.invoke(build.main, ["import", "wordpress", str(bad), "--content", str(tmp_path / "other")])
    assert result.exit_code == 1 and "Error:" in result.output and "Traceback" not in result.output


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  (the base class's name)
        pass


@pytest.fixture
def old_site(tmp_path: Path) -> Iterator[str]:
    """The old site's uploads served over real HTTP on a loopback port: its origin."""
    make_uploads(tmp_path / "www" / "wp-content" / "uploads")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietFiles, directory=str(tmp_path / "www")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_without_an_uploads_folder_media_are_downloaded_from_the_old_site(tmp_path, old_site):
    export = export_variant(tmp_path, (OLD_SITE + "/wp-content/", old_site + "/wp-content/"))
    report = import_wordpress(export, tmp_path / "content")
    assert report.media_downloaded == len(UPLOADED)
    for name in UPLOADED:
        served = tmp_path / "www" / "wp-content" / "uploads" / name
        assert (tmp_path / "content" / "media" / name).read_bytes() == served.read_bytes()
    missing = {entry.what: entry.reason for entry in report.left_behind if entry.what.startswith("media")}
    assert list(missing) == ["media file 2023/01/kingfisher.jpg"]
    assert "not downloaded" in missing["media file 2023/01/kingfisher.jpg"]
    assert "(HTTP 404)" in missing["media file 2023/01/kingfisher.jpg"]


def test_with_the_old_site_gone_media_are_listed_as_missing(tmp_path):
    export = export_variant(tmp_path, (OLD_SITE + "/wp-content/", f"http://127.0.0.1:{free_port()}/wp-content/"))
    report = import_wordpress(export, tmp_path / "content")
    assert report.media_downloaded == report.media_copied == 0
    missing = {entry.what for entry in report.left_behind if entry.what.startswith("media")}
    linked = ("2023/01/kingfisher.jpg", "2024/05/robin-300x200.jpg")  # the resized copy, and no original to use
    assert missing == {f"media file {name}" for name in (*UPLOADED, *linked)}


def test_a_term_or_a_page_herald_cannot_give_a_url_still_builds_and_is_reported(tmp_path):
    export = export_variant(
        tmp_path,
        ('<category domain="post_tag" nicename="robins"><![CDATA[robins]]>',
         '<category domain="post_tag" nicename="%e6%97%a5"><![CDATA[日本]]></category><category domain="post_tag" '
         'nicename="star"><![CDATA[★]]>'),
        ("<link>https://birders.example.org/about/team/</link>", "<link>https://birders.example.org/archive/</link>"),
        ("<wp:post_name><![CDATA[team]]>", "<wp:post_name><![CDATA[archive]]>"),
    )
    report = import_wordpress(export, tmp_path / "content", download=False)
    reasons = {entry.what: entry.reason for entry in report.left_behind}
    assert any("'★' has no letter or digit" in entry.reason for entry in report.left_behind
               if entry.what == "post 20 'Hello, spring'")
    assert "日本" in frontmatter(tmp_path / "content" / "posts" / "2024-05-03-hello-spring.md")["tags"]
    assert "Herald generates every page under /archive/" in reasons[
        "the old address https://birders.example.org/archive/ of page 31 'Our team'"]
    assert frontmatter(tmp_path / "content" / "pages" / "archive.md")["permalink"] == "/archive-31/"
    build_site(tmp_path / "content", tmp_path / "out")
    assert (tmp_path / "out" / "archive-31" / "index.html").is_file()


def test_an_older_wxr_version_and_plain_links_are_read(tmp_path):
    export = export_variant(
        tmp_path,
        ("http://wordpress.org/export/1.2/excerpt/", "http://wordpress.org/export/1.1/excerpt/"),
        ('xmlns:wp="http://wordpress.org/export/1.2/"', 'xmlns:wp="http://wordpress.org/export/1.1/"'),
        ("<wp:wxr_version>1.2</wp:wxr_version>", "<wp:wxr_version>1.1</wp:wxr_version>"),
        ("<link>https://birders.example.org/2024/06/01/blocks-and-galleries/</link>",
         "<link>https://birders.example.org/?p=21</link>"),
        ('<a href="https://birders.example.org/2024/06/01/blocks-and-galleries/">',
         '<a href="https://birders.example.org/?p=21">'),
    )
    report = import_wordpress(export, tmp_path / "content", download=False)
    assert (report.posts, report.pages) == (3, 2)
    reasons = {entry.what: entry.reason for entry in report.left_behind}
    assert "a query, which a static site cannot serve; the post is at /2024/06/01/blocks-and-galleries/" == reasons[
        "the old address https://birders.example.org/?p=21 of post 21 'Blocks & galleries'"]
    hello = (tmp_path / "content" / "posts" / "2024-05-03-hello-spring.md").read_text(encoding="utf-8")
    assert "[what we saw in June](/2024/06/01/blocks-and-galleries/)" in hello
    assert frontmatter(tmp_path / "content" / "posts" / "2024-05-03-hello-spring.md")["author"] == "Alice Martin"


def test_braces_that_look_like_liquid_stay_text_as_wordpress_showed_them(tmp_path):
    export = export_variant(tmp_path, ("the spring count starts on Saturday.",
                                       "the spring count starts on Saturday: {{ count }} birds, {% no tag %}."))
    import_wordpress(export, tmp_path / "content", download=False)
    post = tmp_path / "content" / "posts" / "2024-05-03-hello-spring.md"
    assert frontmatter(post)["render_with_liquid"] is False
    build_site(tmp_path / "content", tmp_path / "out")
    page = (tmp_path / "out" / OLD_PATHS[0].strip("/") / "index.html").read_text(encoding="utf-8")
    assert "{{ count }} birds, {% no tag %}." in page


def test_a_cover_that_could_not_be_had_is_left_out_and_reported(tmp_path):
    report = import_wordpress(EXPORT, tmp_path / "content", download=False)  # no uploads, no downloads
    blocks = frontmatter(tmp_path / "content" / "posts" / "2024-06-01-blocks-and-galleries.md")
    assert "image" not in blocks and "image_alt" not in blocks  # Herald shows no cover from another host
    [cover] = [entry.reason for entry in report.left_behind
               if entry.what == "post 21 'Blocks & galleries'" and "featured image" in entry.reason]
    assert f"{OLD_SITE}/wp-content/uploads/2024/06/heron.png" in cover and "no cover" in cover
    assert "import again with --uploads" in cover and "2024/06/heron.png" in cover
    build_site(tmp_path / "content", tmp_path / "out", strict=True)


def test_the_report_says_how_to_bring_a_missing_file_and_ends_with_the_next_steps(imported):
    reasons = {entry.what: entry.reason for entry in imported.report.left_behind}
    missing = reasons["media file 2023/01/kingfisher.jpg"]
    assert "import again with --uploads" in missing and "2023/01/kingfisher.jpg" in missing
    assert "does not change" in missing  # a file put in media/ by hand leaves the links at the old site
    steps = str(imported.report).split("\nNext steps:\n", 1)[1].splitlines()
    content = imported.content
    assert steps == [
        f"1. Import again with --uploads DIR to bring the 1 missing media file (the pages link it at the old site): "
        f"python build.py import wordpress {EXPORT} --content {content} --uploads DIR",
        f"2. Review the menu: `nav:` in {content / 'site.yml'}, 4 entries from the WordPress menu 'Main'.",
        "3. Bring the comments of the imported posts into the service, run where the service's environment is set "
        f"(its DATABASE_URL and SECRET_KEY): flask --app service import wordpress {EXPORT}",
        f"4. Build the site: python build.py build --content {content}",
    ]


def test_the_next_steps_fit_an_import_with_every_file_and_a_kept_site_yml(imported, tmp_path):
    uploads = make_uploads(tmp_path / "uploads")
    (uploads / "2023" / "01").mkdir(parents=True)
    (uploads / "2023" / "01" / "kingfisher.jpg").write_bytes((uploads / "2024" / "05" / "robin.jpg").read_bytes())
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yml").write_text("title: Birds\n", encoding="utf-8")
    report = import_wordpress(EXPORT, tmp_path / "content", uploads=uploads, download=False)
    steps = str(report).split("\nNext steps:\n", 1)[1]
    assert "--uploads" not in steps
    assert steps.startswith("1. Review the menu printed above and put it in site.yml's `nav:` if you want it.")
