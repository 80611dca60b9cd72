"""A save changes only what the editor changed (herald_site.editing.frontmatter_roundtrip): the lines of every
key whose value is the same stay byte for byte, with their comments, quotes, flow lists and blank lines; a
changed key keeps its style; and whatever is written reads back through Herald's YAML 1.1 reader as the values
asked for, even where YAML 1.2 (ruamel's) reads the same text otherwise."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

from herald_site.content.frontmatter import parse_document
from herald_site.editing.fields import join_document, split_document
from herald_site.editing.frontmatter_roundtrip import same
from tests.site.test_editing_fields import BODIES, KEYS, VALUES

SAMPLE = Path(__file__).resolve().parents[2] / "content" / "posts" / "2026-04-02-reading-the-sensors.md"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
COMMENTED = """\
---
# Notes for whoever edits this by hand.
layout: wide
title: "Clean air"   # the headline

tags: [air, 'trees']
categories:
  - News   # the main one
date: 2026-12-07 10:00:00+01:00
x-custom: {a: 1, b: [1, 2]}
summary: 'Short.'
---
Body.
"""


def _read(text: str) -> dict[str, object]:
    return parse_document(text, Path("posts/x.md"), "post").metadata


def _lines(text: str) -> list[str]:
    return text.split("\n")


def test_an_unchanged_document_comes_back_byte_for_byte() -> None:
    for text in (COMMENTED, SAMPLE.read_text(encoding="utf-8"), COMMENTED.replace("\n", "\r\n"),
                 "\ufeff---  \nodd:   spacing\n...\n---\n", "--- \ntitle: x\n-----\n\nBody"):
        values, body = split_document(text)
        assert join_document(values, body) == text


def test_lines_are_counted_as_yaml_counts_them() -> None:
    text = '---\nsummary: "one\u2028two\x85three\u2029"\ntitle: Old\n---\n'
    values, body = split_document(text)
    values["title"] = "New"
    assert join_document(values, body) == text.replace("Old", "New")


def test_a_changed_title_keeps_its_quotes_and_every_other_line() -> None:
    values, body = split_document(COMMENTED)
    values["title"] = "Cleaner air: at last"
    text = join_document(values, body)
    assert text == COMMENTED.replace('"Clean air"   # the headline', '"Cleaner air: at last"   # the headline')


def test_a_changed_flow_list_stays_a_flow_list_and_a_single_quoted_text_single_quoted() -> None:
    values, body = split_document(COMMENTED)
    values["tags"] = ["air", "yes", "010"]
    values["summary"] = "Longer, it's true."
    text = join_document(values, body)
    assert "tags: [air, 'yes', '010']\n" in text and "summary: 'Longer, it''s true.'\n" in text
    assert _read(text) == values
    untouched = [line for line in _lines(COMMENTED) if not line.startswith(("tags:", "summary:"))]
    assert [line for line in _lines(text) if not line.startswith(("tags:", "summary:"))] == untouched


def test_a_block_list_stays_a_block_list_and_removed_keys_leave_the_comments_of_others() -> None:
    values, body = split_document(COMMENTED)
    values["categories"] = ["News", "Events"]
    del values["layout"]
    text = join_document(values, body)
    assert "categories:\n- News\n- Events\ndate:" in text  # a comment inside a changed block goes with it
    assert "layout" not in text and text.startswith("---\n# Notes for whoever edits this by hand.\ntitle:")
    assert "\n\ntags: [air, 'trees']\n" in text
    assert _read(text) == values


def test_new_keys_go_at_the_end_in_the_documents_line_endings() -> None:
    crlf = COMMENTED.replace("\n", "\r\n")
    values, body = split_document(crlf)
    values["draft"] = True
    values["redirect_from"] = ["/old/"]
    text = join_document(values, body)
    assert text == crlf.replace("summary: 'Short.'\r\n", "summary: 'Short.'\r\ndraft: true\r\nredirect_from:\r\n"
                                                         "- /old/\r\n")
    assert list(_read(text)) == [*list(split_document(crlf)[0]), "draft", "redirect_from"]


# Text that YAML 1.2 (ruamel's) reads as text and YAML 1.1 (Herald's reader, PyYAML's) as something else, or the
# other way round: each must come back as the same text, and typed values as the same type.
YAML_1_1_TEXTS = ["yes", "No", "on", "OFF", "y", "n", "010", "0o10", "0x1F", "1_000", "1:20", "190:20:30", ".inf",
                  "-.Inf", ".NaN", "~", "null", "", "2026-01-02", "2026-01-02 10:00", "12:30:00", "true", "1e3",
                  "+1", "0b101", "=", "<<", "@x", "- a", "a: b", "# no", "'", '"', "---", "...", " lead", "trail "]
TYPED_VALUES: list[object] = [
    True, False, None, 10, -7, 1.5, float("inf"), float("-inf"), date(2026, 1, 2),
    datetime(2026, 1, 2, 10, 30, tzinfo=timezone(timedelta(hours=-5))), datetime(2026, 1, 2, 10, 30),
    {"on": "off", "when": time(12, 30).isoformat()}, ["yes", 1, "1"], [],
]


@pytest.mark.parametrize("value", [*YAML_1_1_TEXTS, *TYPED_VALUES], ids=repr)
@pytest.mark.parametrize("key", ["title", "tags", "summary", "x-custom", "new-key"])
def test_yaml_1_1_values_read_back_the_same_in_any_place(key: str, value: object) -> None:
    values, body = split_document(COMMENTED)
    values[key] = value
    text = join_document(values, body)
    assert same(_read(text), dict(values)), text
    assert "# Notes for whoever edits this by hand." in text and "  - News   # the main one" in text or \
        key == "categories"


def test_an_anchor_a_changed_key_held_makes_the_whole_frontmatter_written_anew() -> None:
    values, body = split_document("---\nbase: &b Air\ntitle: *b\n---\n")
    values["base"] = "Water"
    text = join_document(values, body)
    assert _read(text) == {"base": "Water", "title": "Air"}


def test_keys_put_in_another_order_are_written_in_that_order() -> None:
    values, body = split_document(COMMENTED)
    reordered = {key: values[key] for key in reversed(values)}
    assert list(_read(join_document(reordered, body))) == list(reordered)


@FUZZ
@given(values=st.dictionaries(KEYS, VALUES, min_size=1, max_size=6), body=BODIES, data=st.data())
def test_a_joined_document_split_and_joined_again_is_the_same_bytes_and_one_change_reads_back(
        values: dict[str, object], body: str, data: st.DataObject) -> None:
    text = join_document(values, body)
    read, same_body = split_document(text)
    assert join_document(read, same_body) == text
    key = data.draw(st.sampled_from([*values, "added"]))
    read[key] = data.draw(VALUES)
    changed = join_document(read, same_body)
    assert same(_read(changed), dict(read)) and split_document(changed)[1] == body
