"""`build.py import jekyll`: the hand-written Jekyll site (tests/fixtures/jekyll/site) becomes a content folder that
builds strictly, answers at every address Jekyll gave it, shows no Liquid as text, and reports exactly what stayed
behind, at its file and line."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

import build
from herald_site.build.pipeline import build_site
from herald_site.importers.jekyll import JekyllImportReport, import_jekyll
from herald_site.importers.output import REPORT_FILE

FIXTURE = Path(__file__).parent.parent / "fixtures" / "jekyll" / "site"
# Every address the Jekyll site had, worked out by hand from Jekyll's rules: posts under _config.yml's
# `/news/:year/:month/:day/:title/` (:title keeps the file name's case), pages at `/:path/:basename/` (the style
# ends in /) or their own permalink, the guides collection at its `/guides/:path/`, static files as they are.
PAGES = {
    "/news/2024/05/03/Spring-Count/": "The spring count",
    "/news/2024/06/01/river-walk/": "A walk by the river",
    "/news/2024/07/10/our-members/": "Our members",
    "/about-us/": "About us",
    "/docs/visiting/": "Visiting the river",
    "/guides/herons/": "Herons",
    "/guides/ducks/mallard/": "Mallard",
    "/": "Riverside Birders",
}
REDIRECTS = {"/2024/05/spring-count/": "/news/2024/05/03/Spring-Count/"}  # the post's redirect_from
FILES = ("/img/heron.png", "/img/kingfisher.png", "/assets/checklist.txt")
LEFT_BEHIND = {
    ("_config.yml", 25),  # the jekyll-archives plugin (seo-tag and redirect-from are Herald's own work)
    ("_config.yml", 30),  # the members collection, output: false
    ("_data/members.yml", None),
    ("_layouts/default.html", None),
    ("_layouts/post.html", None),
    ("_posts/2024-06-01-river-walk.md", 19),  # {% gist %}
    ("_posts/2024-07-10-our-members.md", 7),  # the loop over site.data.members
    ("index.md", None),  # the home page: Herald's own
}
RAW_TEXT = "Liquid shown as it is: {{ site.title }}."  # what the post's {% raw %} block shows, on purpose


@dataclass
class Imported:
    source: Path
    content: Path
    out: Path
    report: JekyllImportReport


def jekyll_site(folder: Path) -> Path:
    """The fixture's site with its img/ folder, drawn here rather than committed."""
    shutil.copytree(FIXTURE, folder)
    (folder / "img").mkdir()
    Image.new("RGB", (48, 32), (110, 120, 130)).save(folder / "img" / "heron.png")
    Image.new("RGB", (48, 32), (20, 120, 220)).save(folder / "img" / "kingfisher.png")
    return folder


def frontmatter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def page(out: Path, url: str) -> str:
    return (out / url.strip("/") / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    root = tmp_path_factory.mktemp("jekyll")
    source = jekyll_site(root / "old-site")
    report = import_jekyll(source, root / "content")
    build_site(root / "content", root / "out", strict=True)  # strict: not even a warning
    return Imported(source, root / "content", root / "out", report)


def test_every_old_address_answers_with_its_page_or_a_redirect_to_it(imported):
    for url, title in PAGES.items():
        assert f"<title>{title}" in page(imported.out, url), url
    for old, new in REDIRECTS.items():
        assert f'http-equiv="refresh" content="0; url={new}"' in page(imported.out, old)
        assert f"{old} {new} 301" in (imported.out / "_redirects").read_text(encoding="utf-8")
    for url in FILES:
        assert (imported.out / url.lstrip("/")).read_bytes() == (imported.source / url.lstrip("/")).read_bytes()


def test_no_page_shows_liquid_as_text(imported):
    pages = list(imported.out.rglob("*.html"))
    assert len(pages) > len(PAGES)
    for built in pages:
        text = built.read_text(encoding="utf-8").replace(RAW_TEXT, "")
        assert "{{" not in text and "{%" not in text, built
    assert RAW_TEXT in page(imported.out, "/news/2024/06/01/river-walk/")


def test_the_liquid_herald_renders_is_rendered(imported):
    spring = page(imported.out, "/news/2024/05/03/Spring-Count/")
    assert "The spring count of Riverside Birders starts" in spring  # {{ site.title }}
    assert "https://github.com/riverside/birders" in spring  # {{ site.repository }}, the site's own key
    assert '<aside class="note">Bring binoculars and a flask</aside>' in spring  # include with a parameter
    assert '<a href="/guides/herons/">heron guide</a>' in spring  # {% link _guides/herons.md %}
    assert '<a href="/news/2024/06/01/river-walk/">river walk</a>' in spring  # {% post_url %}
    assert "This post is called &ldquo;The spring count&rdquo;" in spring  # {{ page.title }}
    walk = page(imported.out, "/news/2024/06/01/river-walk/")
    assert 'src="/img/heron.png"' in walk and 'class="highlighttable"' in walk  # relative_url; highlight linenos
    members = page(imported.out, "/news/2024/07/10/our-members/")
    assert "Our members this year:" in members and "Thanks to all of them." in members
    assert "Bob Okafor" not in members  # the loop over site.data went, and nothing of it shows
    assert "The mallard, filed under Ducks." in page(imported.out, "/guides/ducks/mallard/")
    assert "one of our Field guides." in page(imported.out, "/guides/herons/")


def test_the_report_lists_exactly_what_was_left_behind_at_its_file_and_line(imported):
    assert {(entry.what, entry.line) for entry in imported.report.left_behind} == LEFT_BEHIND
    reasons = {(entry.what, entry.line): entry.reason for entry in imported.report.left_behind}
    assert "jekyll-archives" in reasons[("_config.yml", 25)]
    assert reasons[("_posts/2024-06-01-river-walk.md", 19)].startswith("`{% gist riverside/5a1b2c3d %}` was left out")
    assert "site.data.members" in reasons[("_posts/2024-07-10-our-members.md", 7)]
    assert (imported.content / REPORT_FILE).read_text(encoding="utf-8") == str(imported.report)
    assert "_posts/2024-07-10-our-members.md, line 7: `{% for member in site.data.members %}`" in str(imported.report)
    assert (imported.report.posts, imported.report.drafts, imported.report.pages) == (4, 1, 4)


def test_site_yml_carries_the_settings_over(imported):
    settings = yaml.safe_load((imported.content / "site.yml").read_text(encoding="utf-8"))
    assert settings == {
        "title": "Riverside Birders", "description": "Counting the birds of the river, every season.",
        "url": "https://birders.example.org", "author": "Alice Martin", "timezone": "Europe/London",
        "language": "en", "permalink": "/news/:year/:month/:day/:title/", "liquid": True,
        "social": {"twitter": "https://twitter.com/riversidebirds",
                   "mastodon": "https://mastodon.social/@riversidebirds", "github": "https://github.com/riverside"},
        "static": ["assets", "img"], "repository": "riverside/birders",
    }
    assert 'href="https://mastodon.social/@riversidebirds"' in page(imported.out, "/")


def test_documents_get_their_defaults_drafts_stay_drafts_and_only_used_includes_come(imported):
    post = frontmatter(imported.content / "posts" / "2024-05-03-Spring-Count.md")
    assert post["author"] == "Alice Martin" and "layout" not in post and "permalink" not in post
    mallard = frontmatter(imported.content / "pages" / "guides" / "ducks" / "mallard.md")
    assert (mallard["section"], mallard["permalink"]) == ("Ducks", "/guides/ducks/mallard/")  # the longer path wins
    assert frontmatter(imported.content / "pages" / "guides" / "herons.md")["section"] == "Field guides"
    values = frontmatter(imported.content / "posts" / "nesting-season.md")
    assert values["draft"] is True and values["title"] == "Nesting season" and values["date"]
    assert not list(imported.out.rglob("*nesting*"))
    assert sorted(path.name for path in (imported.content / "_includes").iterdir()) == ["note.html"]
    assert not (imported.content / "_layouts").exists() and not (imported.content / "_data").exists()


def test_importing_again_rewrites_the_same_files_and_keeps_an_edited_site_yml(imported, tmp_path):
    content = tmp_path / "content"
    import_jekyll(imported.source, content)
    (content / "site.yml").write_text("title: Our new name\nurl: https://birds.example.net\n", encoding="utf-8")
    first = {path: path.read_bytes() for path in content.rglob("*") if path.is_file() and path.name != REPORT_FILE}
    report = import_jekyll(imported.source, content)
    assert not report.wrote_settings
    again = {path: path.read_bytes() for path in content.rglob("*") if path.is_file() and path.name != REPORT_FILE}
    assert again == first


def test_a_hostile_site_writes_nothing_outside_the_content_folder_and_reads_nothing_outside_itself(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the machine's secret", encoding="utf-8")
    source = jekyll_site(tmp_path / "old-site")
    (source / "_posts" / "2024-08-01-leak.md").symlink_to(secret)
    (source / "img" / "leak.png").symlink_to(secret)
    (source / "assets" / "outside").symlink_to(tmp_path, target_is_directory=True)
    about = source / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("/about-us/", "/../../escape/"), encoding="utf-8")
    config = source / "_config.yml"
    outward = '  "..":\n    output: true\n    permalink: /out/:name/\n  members:\n'  # a collection in _../
    config.write_text(config.read_text(encoding="utf-8").replace("  members:\n", outward), encoding="utf-8")
    (source / "_..").mkdir()
    (source / "_.." / "escape.md").write_text("---\ntitle: Out\n---\n", encoding="utf-8")
    docs = source / "docs" / "visiting.md"
    docs.write_text(docs.read_text(encoding="utf-8") + "\n{% include ../../secret.txt %}\n", encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    report = import_jekyll(source, tmp_path / "site" / "content")
    written = set(tmp_path.rglob("*")) - before
    assert written and all(path.is_relative_to(tmp_path / "site") for path in written)
    assert not any("secret" in path.read_text(encoding="utf-8", errors="replace")
                   for path in written if path.is_file() and path.name != REPORT_FILE)
    reasons = {(entry.what, entry.line): entry.reason for entry in report.left_behind}
    for link in ("_posts/2024-08-01-leak.md", "img/leak.png", "assets/outside"):
        assert reasons[(link, None)].startswith("a link on disk, not followed"), link
    assert "'..' part" in reasons[("about.md", None)]
    assert reasons[("_../escape.md", None)] == "its collection's name would lead out of the content folder"
    assert reasons[("docs/visiting.md", 7)].startswith("`{% include ../../secret.txt %}` was left out")


def test_the_command_prints_the_report(tmp_path):
    source = jekyll_site(tmp_path / "old-site")
    result = CliRunner().invoke(build.main, ["import", "jekyll", str(source), "--content", str(tmp_path / "content")])
    assert result.exit_code == 0, result.output
    assert re.search(r"4 posts \(1 of them drafts\), 4 pages, 3 static files; wrote site.yml\.", result.output)
    assert "Left behind (8):" in result.output and "index.md: the home page" in result.output


@pytest.mark.parametrize(("config", "message"), [
    ("title: [unclosed\n", "_config.yml, line 2: not YAML the import can read"),
    ("- a list\n", "_config.yml: should map settings to values"),
    (None, "has neither _config.yml nor _posts/"),
    ("link", "_config.yml is a link or not a file"),
])
def test_a_folder_that_is_no_jekyll_site_fails_cleanly_naming_the_file(tmp_path, config, message):
    source = tmp_path / "old-site"
    source.mkdir()
    if config == "link":
        (tmp_path / "elsewhere.yml").write_text("title: Not this site's\n", encoding="utf-8")
        (source / "_config.yml").symlink_to(tmp_path / "elsewhere.yml")
    elif config is not None:
        (source / "_config.yml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(build.main, ["import", "jekyll", str(source), "--content", str(tmp_path / "content")])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output, result.output
    assert not (tmp_path / "content").exists()
