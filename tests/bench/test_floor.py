"""The Markdown floor renders every post, with stock Python-Markdown or with Herald's faster renderer (whose
HTML equals stock's byte for byte: tests/site/test_inline_skipping.py)."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import write_corpus
from bench.floor import render_all


def test_both_renderers_make_as_much_html_in_one_process_as_in_two(tmp_path: Path) -> None:
    content = write_corpus(tmp_path, 24).herald
    stock = render_all(content, 1, "python-markdown")
    assert stock > 24 * 1000
    assert render_all(content, 2, "python-markdown") == render_all(content, 2, "herald") == stock
