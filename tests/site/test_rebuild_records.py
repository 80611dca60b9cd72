"""What the build cache keeps of a document gives back the same Post or Page, and nothing when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald_site.content.documents import LoadedDocument, interpret
from herald_site.content.frontmatter import read_document
from herald_site.content.model import HeldTexts
from herald_site.content.settings import load_config
from herald_site.markdown import render_markdown
from herald_site.speed.card_digests import card, digest
from herald_site.speed.records import from_record, to_record
from tests.site.conftest import ContentFolder


def loaded(path: Path, content: ContentFolder) -> LoadedDocument:
    source = read_document(path, "post" if path.parent.name == "posts" else "page")
    return interpret(source, render_markdown(source.body), load_config(content.root))


def round_trip(document: LoadedDocument) -> LoadedDocument:
    again = from_record(document.kind, document.path, document.document.source_hash, to_record(document),
                        document.document.texts)
    assert again is not None
    return again


@pytest.mark.parametrize("dates", [
    "date: 2024-05-03",  # site time (Europe/London, in summer time)
    "date: 2024-01-03 10:30",
    "date: 2024-05-03T10:30:00+02:00",
    "date: 2024-05-03 10:30:00 -0500",
    "date: 2024-05-03T10:30:00Z\nupdated: 2024-06-01 09:00",
])
def test_a_post_comes_back_from_its_record_unchanged(content: ContentFolder, dates: str) -> None:
    frontmatter = f"title: A post\n{dates}\ntags: [Air, schools]\ncategories: Research\nimage: map.png\n"
    body = "Read [the map](/media/map.png), [elsewhere](https://example.org) and ![a map](../media/x.png).\n"
    path = content.post("2024-05-03-a-post.md", frontmatter + "permalink: /special/\nlayout: post\n", body)
    original = loaded(path, content)

    again = round_trip(original)

    assert again == original and again.document.card_digest == digest(card(original.document))  # type: ignore[arg-type]
    for field in ("date", "updated"):  # the same instant in the same zone, so pages show it alike
        moment, before = getattr(again.document, field), getattr(original.document, field)
        assert str(moment) == str(before) and (moment is None or moment.tzname() == before.tzname())
    assert again.has_key("permalink") and again.has_key("image") and not again.has_key("path")
    assert again.line_of("image") + 1 == again.line_of("permalink") and again.line_of("path") == 1


def test_a_page_comes_back_from_its_record_unchanged(content: ContentFolder) -> None:
    path = content.page("contact.md", "title: Contact\ntemplate: contact\n", "Write to us.\n")
    original = loaded(path, content)

    assert round_trip(original) == original


def test_a_damaged_record_gives_nothing(content: ContentFolder) -> None:
    original = loaded(content.post("2024-05-03-a-post.md", "title: A post\n"), content)
    record = to_record(original)

    for damaged in (record[:-7], b"\x80\x05garbage", b"", record.replace(b"A post", b"A pest")[:20]):
        assert from_record("post", original.path, "hash", damaged, HeldTexts("", "", ())) is None
