"""Hostile content: whatever frontmatter and body an editor (or a fuzzer) writes, the reader answers with a site
or with content problems that each name a file and say what is wrong, never with another exception."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from herald_site.content import ContentProblems, SiteIndex, check_site, load_site
from herald_site.content.documents import PAGE_KEYS, POST_KEYS
from tests.site.conftest import MINIMAL_SITE_YML

NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = st.sampled_from(sorted(POST_KEYS | PAGE_KEYS)) | st.text(min_size=1, max_size=12)
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40)
           | st.dates() | st.datetimes(timezones=st.none() | st.just(timezone.utc)) | st.binary(max_size=8))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
# Characters that mean something to YAML or Markdown, so generated text often comes close to valid syntax.
SYNTAX = st.text(alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?\n\t \\/<>=_~^0123456789TZaz.")) | st.characters(codec="utf-8"),
                 max_size=120)
YAMLISH_LINE = st.builds(lambda key, sep, value: f"{key}{sep}{value}", KEYS, st.sampled_from([": ", ":", " : ", ": |\n  ", ": >\n  ", ": - "]), SYNTAX)
YAMLISH = st.lists(YAMLISH_LINE | SYNTAX, max_size=8).map("\n".join)
DUMPED_MAPPING = st.dictionaries(KEYS, VALUES, max_size=8).map(lambda data: yaml.safe_dump(data, allow_unicode=True))
BODIES = st.text(max_size=400) | st.lists(st.sampled_from(
    ["# Title", "[link](/posts/x/)", "![img](/media/none.png)", "[^1]", "[^1]: note", "```", "<script>x</script>",
     "| a | b |", "|---|:-:|", "* item", "1. item", "---", "{: .class}", "[ref]: <>", "<", "&amp;", "\\", "\n"]),
    max_size=20).map("\n".join)
FILE_NAMES = st.sampled_from(["2024-01-02-hello.md", "hello.md", "2024-13-45-bad-date.md", "-.md", "2024-01-02-.md",
                              "a b.markdown"])


def _document(frontmatter: str, body: str, fenced: bool) -> str:
    return f"---\n{frontmatter}\n---\n{body}" if fenced else body


def assert_site_or_problems(content: Path) -> None:
    """The property: a SiteIndex or ContentProblems, and every problem names a file and says something."""
    try:
        index = load_site(content, now=NOW)
    except ContentProblems as error:
        problems = error.problems
        assert problems, "ContentProblems without a single problem"
    else:
        assert isinstance(index, SiteIndex)
        problems = index.warnings
    problems = [*problems, *check_site(content)]
    for problem in problems:
        assert isinstance(problem.path, Path) and problem.path.is_relative_to(content), problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        assert problem.line is None or problem.line >= 1, problem


def check_document(kind: str, name: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        (content / "site.yml").write_text(MINIMAL_SITE_YML)
        target = content / f"{kind}s" / name
        target.parent.mkdir()
        target.write_text(text, encoding="utf-8")
        assert_site_or_problems(content)


@FUZZ
@given(kind=st.sampled_from(["post", "page"]), name=FILE_NAMES, frontmatter=YAMLISH, body=BODIES,
       fenced=st.booleans())
# Found by this test: a control character in the frontmatter escaped the reader as yaml.reader.ReaderError.
@example(kind="post", name="hello.md", frontmatter="title: a\x1b", body="", fenced=True)
def test_yamlish_frontmatter_gives_a_site_or_located_problems(kind, name, frontmatter, body, fenced):
    check_document(kind, name, _document(frontmatter, body, fenced))


@FUZZ
@given(kind=st.sampled_from(["post", "page"]), name=FILE_NAMES, frontmatter=DUMPED_MAPPING, body=BODIES)
def test_arbitrary_mappings_give_a_site_or_located_problems(kind, name, frontmatter, body):
    check_document(kind, name, _document(frontmatter, body, True))


@FUZZ
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_give_a_site_or_located_problems(data):
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        (content / "site.yml").write_text(MINIMAL_SITE_YML)
        (content / "posts").mkdir()
        (content / "posts" / "2024-01-02-bytes.md").write_bytes(b"---\ntitle: Bytes\n---\n" + data)
        assert_site_or_problems(content)


def test_the_property_holds_for_a_known_good_post():
    """The check itself can pass: a valid post loads into a site with that post."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        (content / "site.yml").write_text(MINIMAL_SITE_YML)
        (content / "posts").mkdir()
        (content / "posts" / "2024-01-02-hello.md").write_text("---\ntitle: Hello\ndate: 2024-01-02\n---\nHi.\n")
        assert_site_or_problems(content)
        assert [post.title for post in load_site(content, now=NOW).posts] == ["Hello"]
        assert date(2024, 1, 2) == load_site(content, now=NOW).posts[0].date.date()
