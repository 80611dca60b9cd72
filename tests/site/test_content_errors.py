"""Bad content is a clear error naming file and line, never a traceback; all problems are reported at once."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from herald_site.content import ContentError, ContentProblems, Problem, check_site, load_config, load_site
from tests.conftest import SAMPLE_CONTENT

NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


def problems_of(content, **options) -> list[tuple[str, int | None, str]]:
    """(file relative to content/, line, message) of every problem check_site finds."""
    return [
        (str(p.path.relative_to(content.root)), p.line, p.message) for p in check_site(content.root, **options)
    ]


def single_problem(content) -> Problem:
    problems = check_site(content.root)
    assert len(problems) == 1, problems
    return problems[0]


def test_invalid_yaml_names_the_line_in_the_file(content):
    content.post("a.md", "title: Fine\ndate: 2024-01-02\nsummary: one: two")
    problem = single_problem(content)
    assert (problem.path.name, problem.line) == ("a.md", 4)  # line 1 is the opening ---
    assert problem.message.startswith("invalid YAML (mapping values are not allowed here)")


def test_an_unclosed_quote_is_blamed_on_the_line_that_opens_it(content):
    content.post("a.md", "title: 'Fine\ndate: 2024-01-02")
    assert single_problem(content).line == 2


def test_frontmatter_that_is_not_a_mapping(content):
    content.post("a.md", "- title\n- date")
    problem = single_problem(content)
    assert problem.line == 2
    assert "'key: value' lines" in problem.message


def test_frontmatter_that_never_closes(content):
    content.raw("posts/a.md", "---\ntitle: A\n\nBody\n")
    problem = single_problem(content)
    assert problem.line == 1
    assert "never closed" in problem.message


def test_a_missing_title(content):
    content.post("a.md", "date: 2024-01-02")
    problem = single_problem(content)
    assert (problem.line, problem.field) == (1, "title")
    assert problem.message == "missing `title`; add `title: ...` to the frontmatter"


def test_a_file_without_frontmatter_misses_its_title(content):
    content.raw("pages/a.md", "Just text.\n")
    assert single_problem(content).message.startswith("missing `title`")


@pytest.mark.parametrize("written", ["next tuesday", "2024-13-45", "[2024]"])
def test_an_unparseable_date_names_the_line_of_the_date_key(content, written):
    content.post("a.md", f"title: A\ntags: [x]\ndate: {written}")
    problem = single_problem(content)
    assert (problem.line, problem.field) == (4, "date")
    assert problem.message.startswith("`date`:")
    assert "2024-05-03" in problem.message  # says which forms work


def test_a_post_without_any_date(content):
    content.post("a.md", "title: A")
    assert "missing `date`" in single_problem(content).message


def test_a_value_of_the_wrong_kind(content):
    content.post("a.md", "title: A\ndate: 2024-01-02\ndraft: maybe\ntags: {a: b}")
    assert problems_of(content) == [
        ("posts/a.md", 4, "`draft` should be true or false, got 'maybe'"),
        ("posts/a.md", 5, "`tags` should be a list like ['a', 'b'] or a string like 'a, b', got {'a': 'b'}"),
    ]


def test_text_that_is_not_utf8(content):
    (content.root / "posts/a.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    problem = single_problem(content)
    assert problem.line is None
    assert "save the file as UTF-8" in problem.message
    assert str(problem) == f"{problem.path}: {problem.message}"


def test_every_problem_in_every_file_is_reported_together(content):
    content.post("a.md", "date: soon")
    content.post("b.md", "title: [unclosed")
    content.page("c.md", "summary: no title")
    with pytest.raises(ContentProblems) as caught:
        load_site(content.root, now=NOW)
    places = [(p.path.name, p.line) for p in caught.value.problems]
    assert places == [("c.md", 1), ("a.md", 1), ("a.md", 2), ("b.md", 2)]
    assert "4 content problems:" in str(caught.value)


def test_problems_print_as_file_line_message():
    error = Problem(Path("content/posts/a.md"), 3, "missing `title`")
    warning = Problem(Path("content/posts/a.md"), 7, "image x.png not found", "warning")
    assert str(error) == "content/posts/a.md:3: missing `title`"
    assert str(warning) == "content/posts/a.md:7: warning: image x.png not found"
    assert warning.as_error() == Problem(Path("content/posts/a.md"), 7, "image x.png not found", "error")


def test_content_error_carries_its_place():
    error = ContentError(Path("site.yml"), 2, "bad", field="url")
    assert (str(error), error.line, error.field) == ("site.yml:2: bad", 2, "url")
    assert str(ContentError(Path("site.yml"), None, "gone")) == "site.yml: gone"


class TestSiteYml:
    def test_a_full_site_yml(self, content):
        content.site_yml(
            """\
            title: Clean Air
            url: https://air.example.org/
            language: de
            timezone: Europe/Berlin
            service_url: http://127.0.0.1:5000/
            posts_per_page: 3
            nav:
              - {title: Home, url: /}
            social: {mastodon: https://m.example.org/@air}
            contact_topics:
              - {key: press, label: Press, address: press@example.org}
            banner: Breathe
            """
        )
        config = load_config(content.root)
        assert (config.url, config.service_url, config.language) == (
            "https://air.example.org",
            "http://127.0.0.1:5000",
            "de",
        )
        assert (config.timezone.key, config.posts_per_page, config.feed_size) == ("Europe/Berlin", 3, 20)
        assert [(link.title, link.url) for link in config.nav] == [("Home", "/")]
        assert [(a.network, a.url, a.handle) for a in config.social] == [
            ("mastodon", "https://m.example.org/@air", "@air@m.example.org")]
        assert [(t.key, t.label, t.address) for t in config.contact_topics] == [("press", "Press", "press@example.org")]
        assert config.extra == {"banner": "Breathe"}
        assert config.with_overrides(url="http://localhost:8000").url == "http://localhost:8000"

    def test_contact_topic_labels_per_language(self, content):
        content.site_yml(
            """\
            title: T
            url: https://t.example.org
            languages: [{code: en, name: English, default: true}, {code: fr, name: Français}, {code: pt-BR, name: Pt}]
            contact_topics:
              - {key: press, label: Press, address: p@t.org, labels: {FR: ' Presse ', pt-br: Imprensa}}
            """
        )
        [topic] = load_config(content.root).contact_topics
        assert topic.labels == (("fr", "Presse"), ("pt-BR", "Imprensa"))
        assert [topic.label_in(code) for code in ("fr", "fr-CA", "pt-BR", "en", "ar")] == [
            "Presse", "Presse", "Imprensa", "Press", "Press"]

    def test_defaults(self, content):
        content.site_yml("title: T\nurl: https://t.example.org")
        config = load_config(content.root)
        assert (config.language, config.timezone.key, config.service_url, config.nav) == ("en", "UTC", None, ())

    @pytest.mark.parametrize(
        ("text", "line", "needle"),
        [
            ("url: https://t.example.org", 1, "missing `title`"),
            ("title: T\nurl: t.example.org", 2, "absolute URL"),
            ("title: T\nurl: https://t.example.org\ntimezone: Mars/Olympus", 3, "unknown time zone 'Mars/Olympus'"),
            ("title: T\nurl: https://t.example.org\nposts_per_page: 0", 3, "at least 1"),
            ("title: T\nurl: https://t.example.org\nnav: [{title: Home}]", 3, "needs title, url"),
            ("title: T\nurl: https://t.example.org\nsocial: [a]", 3, "entry 1 of `social` should look like"),
            ("title: T\nurl: [", 2, "invalid YAML"),
            ("title: T\nurl: https://t.example.org\ncontact_topics:\n  - {key: p, label: P, address: p@t.org,"
             " labels: {de: Presse}}", 3, "name 'de', which is not one of the site's languages (en)"),
            ("title: T\nurl: https://t.example.org\ncontact_topics:\n  - {key: p, label: P, address: p@t.org,"
             " labels: [Presse]}", 3, "`labels` should map a language to text"),
        ],
    )
    def test_a_bad_setting_names_its_line(self, content, text, line, needle):
        content.site_yml(text)
        with pytest.raises(ContentError) as caught:
            load_config(content.root)
        assert caught.value.line == line
        assert needle in caught.value.message

    def test_a_missing_site_yml(self, content):
        (content.root / "site.yml").unlink()
        with pytest.raises(ContentError, match="site.yml not found"):
            load_config(content.root)

    def test_documents_are_still_checked_when_site_yml_is_broken(self, content):
        content.site_yml("title: T")
        content.post("a.md", "date: 2024-01-02")
        assert [(path, line) for path, line, _ in problems_of(content)] == [("site.yml", 1), ("posts/a.md", 1)]
        with pytest.raises(ContentProblems):
            load_site(content.root)

    @pytest.mark.parametrize(
        ("change", "line", "needle"),
        [
            (("posts_per_page: 5", "posts_per_page: lots"), 103, "`posts_per_page` should be a whole number"),
            (("timezone: Europe/London", "timezone: Mars/Olympus"), 65, "unknown time zone"),
            (("feed_size: 20", "feed_size: 20\nstatic: [nowhere]"), 105, "no folder"),
            (("  - code: fr", "  - code: 12"), 10, "should be a language code"),
            (("title: Clean Air Now", "title: [Clean"), 3, "invalid YAML"),
        ],
    )
    def test_one_bad_setting_is_the_only_error_not_the_links_it_would_break(self, tmp_path, change, line, needle):
        """The sample site links to its French pages, its posts' dated addresses and its pages of posts: a
        setting deciding them that cannot be read must not make each of those links a missing page too."""
        content = Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content"))
        site_yml = content / "site.yml"
        assert change[0] in site_yml.read_text(encoding="utf-8")
        site_yml.write_text(site_yml.read_text(encoding="utf-8").replace(change[0], change[1]), encoding="utf-8")
        [problem] = check_site(content)
        assert (problem.path, problem.line) == (site_yml, line)
        assert needle in problem.message

    def test_a_bad_setting_leaves_the_others_read_and_comes_first(self, content):
        content.site_yml("title: T\nurl: https://t.example.org\nfeed_size: lots\nnav: [{title: Gone, url: /gone/}]")
        content.post("a.md", "title: A\ndate: 2024-01-02", "See [the rest](/nowhere/).\n")
        content.post("b.md", "date: 2024-01-02")
        problems = problems_of(content)
        assert [(path, line) for path, line, _ in problems] == [
            ("site.yml", 3), ("site.yml", 4), ("posts/a.md", 5), ("posts/b.md", 1)]
        assert "`feed_size`" in problems[0][2] and "menu entry 'Gone'" in problems[1][2]

    def test_base_url_replaces_the_configured_url(self, content):
        index = load_site(content.root, base_url="http://localhost:8000/")
        assert index.config.url == "http://localhost:8000"


def test_a_tag_that_cannot_become_a_url(content):
    content.post("a.md", "title: A\ndate: 2024-01-02\ntags: ['air', '!!!']")
    problem = single_problem(content)
    assert (problem.line, problem.field) == (4, "tags")
    assert "'!!!' has no letters or digits" in problem.message
