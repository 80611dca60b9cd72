"""The fast reading of Markdown's own HTML finds exactly what html.parser finds in it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import generate_posts
from herald_site.markdown import _converter
from herald_site.markdown.html_facts import scan_html
from tests.conftest import SAMPLE_CONTENT
from tests.site.test_inline_skipping import EDGE_CASES


def facts_of(body_html: str, *, markdown_only: bool) -> tuple[list[str], ...]:
    facts = scan_html(body_html, markdown_only=markdown_only)
    return facts.links, facts.images, facts.text, facts.first_paragraph


def assert_same_facts(markdown_text: str) -> tuple[list[str], ...]:
    assert "<" not in markdown_text
    body_html = _converter().reset().convert(markdown_text)
    fast = facts_of(body_html, markdown_only=True)
    assert fast == facts_of(body_html, markdown_only=False)
    return fast


def test_links_images_text_and_first_paragraph_of_markdown_without_html():
    links, images, text, first = assert_same_facts(
        "Intro with [a link](/about/ \"Title\") & an ![image](/media/a.png) --- *emphasis*.[^1]\n\n"
        "## A heading\n\nSecond paragraph, AT&T &copy; 2024.  \nNew line.\n\n[^1]: A note.\n"
    )
    assert links[0] == "/about/" and images == ["/media/a.png"]
    assert "".join(first).startswith("Intro with a link & an")
    assert "¶" not in " ".join(text)  # heading permalinks are not prose


def test_edge_cases_without_html_give_the_same_facts_both_ways():
    assert_same_facts(EDGE_CASES.replace("<", "(").replace(">", ")"))


@pytest.mark.parametrize("document", sorted(SAMPLE_CONTENT.rglob("*.md")), ids=lambda path: path.name)
def test_the_sample_site_gives_the_same_facts_both_ways(document):
    text = document.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
    assert_same_facts(text.replace("<", "("))  # an editor's own HTML goes to html.parser, as it must


def test_the_benchmark_corpus_gives_the_same_facts_both_ways():
    for post in generate_posts(40):
        assert_same_facts(post.body.replace("<", "("))


PIECES = st.sampled_from(
    ["'", '"', "--", "...", "`", "\\", "*", "_", "[a](/b)", "![i](/m.png)", "[^1]", "\n[^1]: n\n", "&", "&amp;",
     "&#169;", ">", "  \n", "\n", "\n\n", "# ", "## H\n", "- ", "1. ", "    ", "```\n", " ", "word", "é", "|a|b|\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_markdown_without_html_gives_the_same_facts_both_ways(text):
    assert_same_facts(text)


def test_an_editors_own_html_is_read_by_html_parser():
    from herald_site.markdown import render_markdown

    rendered = render_markdown(
        "<p class='x'>Raw <a href='/raw/'>link</a></p>\n\n<script>if (1 < 2) { x = '<a href=\"/no/\">' }</script>\n"
    )
    assert rendered.links == ("/raw/",)
    assert rendered.first_paragraph == "Raw link"
