"""The frontmatter form of the content model, and a document's text taken apart and put back: what the dashboard's
editor writes reads back through Herald's reader as the values it was given, unknown keys and the body kept."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, example, given, settings

from herald_site.content.documents import PAGE_KEYS, POST_KEYS
from herald_site.content.frontmatter import parse_document
from herald_site.content.model import SiteConfig
from herald_site.content.site_language import Language
from herald_site.editing.fields import (
    OTHER_NAMES,
    category_suggestions,
    form_fields,
    join_document,
    known_keys,
    split_document,
    tag_suggestions,
)
from tests.site.conftest import ContentFolder

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_key_herald_reads_is_a_field_or_another_name_of_one() -> None:
    for kind, keys in (("post", POST_KEYS), ("page", PAGE_KEYS)):
        shown = {field.name for field in form_fields(kind)}  # type: ignore[arg-type]
        assert keys <= shown | set(OTHER_NAMES), kind
        assert {OTHER_NAMES[key] for key in keys & set(OTHER_NAMES)} <= shown
        assert shown <= known_keys(kind)  # type: ignore[arg-type]


def test_fields_say_their_kind_and_why() -> None:
    fields = {field.name: field for field in form_fields()}
    assert fields["title"].required and fields["title"].kind == "text"
    assert fields["date"].kind == "datetime" and fields["date"].documents == ("post",)
    assert fields["tags"].kind == "tags" and fields["image"].kind == "image"
    assert fields["draft"].kind == "boolean" and fields["draft"].documents == ("post", "page")
    assert fields["redirect_from"].kind == "paths" and fields["permalink"].kind == "url-path"
    assert fields["template"].choices and fields["template"].documents == ("page",)
    assert all(field.help.endswith(".") for field in fields.values())


def test_the_languages_of_the_site_are_the_choices_of_lang() -> None:
    one = SiteConfig(title="T", url="https://t.example")
    two = SiteConfig(title="T", url="https://t.example",
                     languages=(Language("en", "en", "ltr", True), Language("fr", "fr", "ltr", False)))
    assert "lang" not in {field.name for field in form_fields("post", one)}
    assert next(field for field in form_fields("post", two) if field.name == "lang").choices == ("en", "fr")


def test_unknown_keys_their_order_and_the_body_are_kept() -> None:
    text = "---\nlayout: wide\ntitle: Air\nx-custom: [1, 2]\ndate: 2026-12-07 10:00:00+01:00\n---\n\nBody *here*.\r\n"
    values, body = split_document(text)
    assert list(values) == ["layout", "title", "x-custom", "date"]
    assert body == "\nBody *here*.\r\n"
    values["title"] = "Clean air"
    values["tags"] = ["air"]
    again, same_body = split_document(join_document(values, body))
    assert again == values and list(again) == ["layout", "title", "x-custom", "date", "tags"]
    assert same_body == body


def test_a_text_without_frontmatter_is_all_body() -> None:
    assert split_document("Just text.\n---\n") == ({}, "Just text.\n---\n")
    assert split_document(join_document({}, "Just text.\n")) == ({}, "Just text.\n")


SCALARS = st.one_of(
    st.text(max_size=30), st.booleans(), st.none(), st.integers(-10**6, 10**6),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2999, 1, 1)).map(
        lambda moment: moment.replace(microsecond=0, tzinfo=timezone(timedelta(hours=2)))),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3), max_leaves=8)
KEYS = st.text(min_size=1, max_size=12).filter(lambda key: key.strip() == key)
BODIES = st.text(max_size=200)


@FUZZ
@given(values=st.dictionaries(KEYS, VALUES, max_size=6), body=BODIES)
@example(values={"title": "2024-01-01", "draft": "yes", "n": "1e3", "x": "---"}, body="---\nnot: frontmatter\n---\n")
@example(values={"summary": "a: b # c\n  indented\u2028line"}, body="")
def test_what_is_joined_reads_back_as_the_same_values(values: dict[str, object], body: str) -> None:
    text = join_document(values, body)
    source = parse_document(text, Path("posts/x.md"), "post")
    assert source.metadata == values
    assert list(source.metadata) == list(values)
    assert split_document(text) == (values, body)
    assert join_document(*split_document(text)) == text  # split and joined unchanged: the same bytes


def test_suggestions_come_most_used_first(content: ContentFolder) -> None:
    content.post("2024-01-01-a.md", "title: A\ntags: [air, trees]\ncategories: [News]")
    content.post("2024-01-02-b.md", "title: B\ntags: [trees]\ncategories: [News, Events]")
    content.post("2024-01-03-c.md", "title: C\ntags: [trees, Asthma]\ndraft: true")
    assert tag_suggestions(content.root) == ["trees", "air", "Asthma"]
    assert category_suggestions(content.root) == ["News", "Events"]
