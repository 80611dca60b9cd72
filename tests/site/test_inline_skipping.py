"""Skipping inline patterns that cannot match changes nothing: the HTML is Python-Markdown's own, only sooner."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import generate_posts
from herald_site.markdown import inline_skipping
from herald_site.markdown import EXTENSION_CONFIGS, EXTENSIONS
from herald_site.markdown.inline_skipping import NEEDLES, SkippingInlineProcessor, SkipUnmatchableInline
from tests.conftest import SAMPLE_CONTENT

# Text that exercises every pattern, including smarty's context rules for quotes around other markup.
EDGE_CASES = """\
'Tis the '80s -- "quoted 'nested' words" and 'single "double" inside'... Wait--what? A---B, C----D.
"'Twas," she said. '"Hello"' He said, "'Quoted' words in a larger quote." Rock 'n' roll, the students' rights.
**bold "quote"** and *em 'quote'* and __under__ _line_ and ***both*** and * not em * and a_b_c.
[a link "with quotes"](https://example.org/ "a title") and ![an 'image'](/media/a.png) and [ref][r] [r]
`code with "quotes" -- and ... dots` and ``double `tick` code`` and \\`escaped\\` \\*not em\\* \\[not link\\]
<https://example.org/auto> and <mail@example.org> and <span class="x">raw "html"</span> &amp; &copy; & AT&T
A line that ends in two spaces  
breaks here. A footnote[^note] and 5 < 6 > 4, "x" < "y".

> "A quote in a quote"---with an em dash... and 'apostrophes' in a blockquote.

- item "one" -- with a [link](#a)
- item 'two'... with `code`

| "head" | 'cell' |
| ------ | ------ |
| a--b   | c...d  |

```python
print("fenced 'code' -- untouched...")
```

[r]: https://example.org/ref "Ref 'title'"
[^note]: The note's "text" -- with *emphasis*.
"""


def stock_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)


def skipping_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[*EXTENSIONS, SkipUnmatchableInline()], extension_configs=EXTENSION_CONFIGS)


STOCK, SKIPPING = stock_converter(), skipping_converter()


def assert_same_html(text: str) -> None:
    assert SKIPPING.reset().convert(text) == STOCK.reset().convert(text)


def test_the_skipping_passes_are_in_place_of_python_markdowns_and_in_the_same_order():
    assert inline_skipping.can_skip()
    names = [type(processor).__name__ for processor in SKIPPING.treeprocessors]
    assert names.count("SkippingInlineProcessor") == 2
    for name in inline_skipping.INLINE_PASSES:
        assert isinstance(SKIPPING.treeprocessors[name], SkippingInlineProcessor)
        assert SKIPPING.treeprocessors.get_index_for_name(name) == STOCK.treeprocessors.get_index_for_name(name)
        assert list(SKIPPING.treeprocessors[name].inlinePatterns) != []


def test_edge_cases_render_exactly_as_python_markdown_renders_them():
    html = SKIPPING.reset().convert(EDGE_CASES)
    assert "&lsquo;" in html and "&rdquo;" in html and "&mdash;" in html and "&hellip;" in html  # smarty ran
    assert '<a href="https://example.org/auto">' in html and "<strong>" in html  # and the inline patterns
    assert_same_html(EDGE_CASES)


@pytest.mark.parametrize("document", sorted(SAMPLE_CONTENT.rglob("*.md")), ids=lambda path: path.name)
def test_the_sample_site_renders_exactly_as_python_markdown_renders_it(document):
    assert_same_html(document.read_text(encoding="utf-8"))


def test_the_benchmark_corpus_renders_exactly_as_python_markdown_renders_it():
    for post in generate_posts(40):
        assert_same_html(post.body)


MARKDOWN_PIECES = st.sampled_from(
    ["'", '"', "--", "---", "...", "`", "``", "\\", "*", "**", "_", "[", "]", "(", ")", "![", "[^1]", "<", ">",
     "&", "&amp;", ";", "  \n", "\n", "\n\n", " ", "word", "80s", "http://x.org", "@", "<b>", "</b>", "-", "."]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=40).map("".join))
def test_any_mix_of_markdown_punctuation_renders_exactly_as_python_markdown_renders_it(text):
    assert_same_html(text)


def registered_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every inline pattern NEEDLES names that this Python-Markdown registers, with its regular expression."""
    found = []
    for name in inline_skipping.INLINE_PASSES:
        patterns = STOCK.treeprocessors[name].inlinePatterns
        found += [(pattern, patterns[pattern].getCompiledRegExp()) for pattern in NEEDLES if pattern in patterns]
    return found


def test_most_registered_patterns_have_needles():
    assert len(registered_patterns()) >= 25


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=30).map("".join))
def test_no_pattern_matches_text_without_its_needles(text):
    for name, regex in registered_patterns():
        needles = NEEDLES[name]
        if not any(needle in text for needle in needles):
            assert regex.search(text) is None, f"{name} matched {text!r} without any of {needles}"
