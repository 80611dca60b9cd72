"""No body a visitor may post holds a worker for long: every known pathological Markdown pattern, at the largest
size the service accepts, is posted and rendered in well under a second.

The patterns are the families that make Markdown parsers quadratic or worse (cmark's and markdown-it's
pathological suites, and what Python-Markdown chokes on): link brackets open, closed, nested and unclosed,
emphasis runs and mismatches, deep quotes and lists, backtick runs of every length, HTML-like text, entity
starts and link reference definitions. The time counted is the CPU time of the thread serving the request,
which is what a worker spends, so other processes on a busy machine change the result far less than a clock
would; a core shared with another busy process (hyper-threading) still slows a thread's CPU, so a post over the
budget is tried twice more and the fastest of the three counts: the work is the same each time, only the
neighbours differ.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from service.board.validation import BODY_MAX as BOARD_BODY_MAX
from service.comments.models import BODY_MAX as COMMENT_BODY_MAX

BUDGET_SECONDS = 1.0
SIZE = max(BOARD_BODY_MAX, COMMENT_BODY_MAX)  # the longest body an endpoint takes, posted to the board
THREADS = "/api/board/threads"


def repeated(unit: str, size: int = SIZE) -> str:
    """`unit` over and over, cut to `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def nested(opening: str, closing: str, size: int = SIZE) -> str:
    """As many `opening`s as fit, letters to fill up, and as many `closing`s."""
    depth = (size - 1) // (len(opening) + len(closing))
    return opening * depth + "a" * (size - depth * (len(opening) + len(closing))) + closing * depth


def lines(line_for_depth: Callable[[int], str], size: int = SIZE) -> str:
    """Lines made by `line_for_depth(0)`, `line_for_depth(1)`, ... until `size` characters are reached."""
    text, depth = "", 0
    while len(text) < size:
        text += line_for_depth(depth)
        depth += 1
    return text[:size]


def half_and_half(first: str, second: str) -> str:
    return repeated(first, SIZE // 2) + repeated(second, SIZE - SIZE // 2)


PATTERNS = {
    # links and images
    "empty links []()": repeated("[]()"),
    "links [a](b)": repeated("[a](b) "),
    "link openers [": repeated("["),
    "link openers [a": repeated("[a"),
    "link closers a]": repeated("a]"),
    "nested brackets": nested("[", "]"),
    "nested links": nested("[", "](b)"),
    "image openers ![": repeated("!["),
    "images in brackets ![[]()": repeated("![[]()"),
    "bracket parenthesis [(": repeated("[("),
    "link pattern [ (](": repeated("[ (]("),
    "unclosed destinations [a](<b": repeated("[a](<b"),
    "unclosed destinations [a](b": repeated("[a](b"),
    "unclosed titles": repeated('[a](b "'),
    "nested parentheses": "[a](" + "(" * (SIZE - 5) + ")",
    "link openers and emphasis closers": repeated("[ a_"),
    "emphasis and link openers *[": repeated("*["),
    "emphasis in links": repeated("[*a](*"),
    "escaped brackets": repeated("\\["),
    "shortcut references [a]": repeated("[a]"),
    # emphasis
    "nested strong emphasis": nested("*a **a ", " a** a*"),
    "emphasis closers a_": repeated("a_ "),
    "emphasis openers _a": repeated("_a "),
    "mismatched *a_": repeated("*a_ "),
    "closers a multiple of 3": "a**b" + repeated("c* ", SIZE - 4),
    "stars then underscores": half_and_half("*a ", "_a*_ "),
    "mixed runs **_*": repeated("**_* "),
    "star runs": repeated("*"),
    "underscore runs": repeated("_"),
    "alternating *_": repeated("*_"),
    "every punctuation": repeated("*_[]()`<>!&#\\"),
    # blocks
    "nested quotes": repeated("> ", SIZE - 1) + "a",
    "quoted lines": repeated("> a\n"),
    "nested lists": lines(lambda depth: "  " * depth + "* a\n"),
    "nested ordered lists": lines(lambda depth: "   " * depth + "1. a\n"),
    "quotes in lists in quotes": lines(lambda depth: "> " * depth + "- a\n"),
    "list items": repeated("- a\n"),
    "quote list markers": repeated("> - "),
    "setext headings": repeated("a\n=\n"),
    "fences": repeated("```\n"),
    "tilde fences": repeated("~~~a\n"),
    "hard breaks": repeated("a  \n"),
    "hard break white space": "x" + " " * (SIZE - 6) + "x  \nx",
    # code spans
    "backtick runs of every length": lines(lambda depth: "e" + "`" * (depth + 1)),
    "backticks and backslashes": repeated("``\\"),
    "backtick pairs": repeated("`a``"),
    # HTML-like text
    "tag starts <a": repeated("<a "),
    "tags with attributes": repeated("<a href=x "),
    "closing tag starts": repeated("</a"),
    "comment starts": repeated("<!--"),
    "processing instructions": repeated("<?"),
    "CDATA starts": repeated("<![CDATA["),
    "angle brackets": "<" * (SIZE - 1) + ">",
    "autolink starts": repeated("<http://"),
    "email autolinks": repeated("<a@b.c>"),
    # entities
    "numeric entity starts": repeated("&#"),
    "numeric entities": repeated("&#1"),
    "hex entity starts": repeated("&#x"),
    "named entity starts": repeated("&a"),
    # link reference definitions
    "reference definitions": repeated("[a]: b\n"),
    "many references, each used": half_and_half("[r]: http://x/\n", "[r] "),
    "numbered references": (lines(lambda number: f"[{number}]: u\n", SIZE // 2) + repeated("[0] ", SIZE // 2)),
    "definition starts": repeated("[a]:"),
}


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Rendering does not touch the database: SQLite alone (this replaces the service tests' two backends)."""
    yield f"sqlite:///{tmp_path_factory.mktemp('bounds') / 'herald.db'}"


TRIES = 3


@pytest.mark.parametrize("name", PATTERNS)
def test_a_pathological_body_renders_within_the_budget(client, name: str) -> None:
    assert len(PATTERNS[name]) == SIZE
    spent = float("inf")
    for _ in range(TRIES):
        started = time.thread_time()
        response = client.post(THREADS, json={"title": "Slow?", "author": "Mallory", "body": PATTERNS[name]})
        spent = min(spent, time.thread_time() - started)
        assert response.status_code == 201, response.json
        if spent < BUDGET_SECONDS:
            break
    assert spent < BUDGET_SECONDS, f"{name}: {spent:.2f} s of CPU to post and render {SIZE:,} characters"
