"""The edit page's frontmatter form (service/cms/editor_form.py), with fields shaped like herald_site.editing's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from herald_site.editing.fields import form_fields, join_document, split_document
from service.cms import editor_form, editorial
from service.http.errors import ValidationError


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"
    label: str = ""
    help: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    path: object
    line: int | None
    message: str
    severity: str = "error"
    field: str | None = None


FIELDS = [Field("title", required=True), Field("date", "datetime"), Field("tags", "tags"), Field("draft", "boolean"),
          Field("image", "image"), Field("layout", "choice", choices=("post", "wide")), Field("summary", "textarea"),
          Field("something_new", "a kind no one knows yet"), Field("share", "yaml"), Field("redirect_from", "paths")]
DATE = datetime(2026, 6, 11, 18, 45, tzinfo=timezone(timedelta(hours=1)))
FRONTMATTER = {"title": "A map", "date": DATE, "tags": ["sensors", "maps"], "extra_key": {"kept": True}}


def test_each_kind_gets_its_input() -> None:
    assert [editor_form.widget_for(field) for field in FIELDS] == [
        "text", "date", "list", "checkbox", "image", "select", "textarea", "text", "yaml", "list"]


def test_values_are_shown_as_their_inputs_take_them() -> None:
    values = editor_form.form_values(FIELDS, FRONTMATTER)
    assert values["date"] == "2026-06-11 18:45:00+01:00"
    assert values["tags"] == "sensors, maps"
    assert values["draft"] == "" and values["summary"] == ""


def test_an_unchanged_form_gives_the_same_frontmatter() -> None:
    posted = editor_form.form_values(FIELDS, FRONTMATTER)
    assert editor_form.frontmatter_from_form(FIELDS, posted, FRONTMATTER) == FRONTMATTER


def test_changes_are_typed_and_emptied_values_removed_keeping_unknown_keys() -> None:
    posted = {**editor_form.form_values(FIELDS, FRONTMATTER), "tags": "sensors, , air ", "date": "",
              "draft": "on", "summary": "Twelve sensors."}
    result = editor_form.frontmatter_from_form(FIELDS, posted, FRONTMATTER)
    assert result == {"title": "A map", "tags": ["sensors", "air"], "extra_key": {"kept": True}, "draft": True,
                      "summary": "Twelve sensors."}
    assert list(result)[:3] == ["title", "tags", "extra_key"]


def test_yaml_fields_are_shown_as_yaml_and_read_back_or_refused() -> None:
    frontmatter = {"title": "A", "share": {"text": "Breathe", "image": "/media/card.png"}}
    posted = editor_form.form_values(FIELDS, frontmatter)
    assert posted["share"] == "text: Breathe\nimage: /media/card.png"
    changed = {**posted, "share": "text: Breathe easy\nimage: /media/card.png", "redirect_from": "/old/, /older/"}
    result = editor_form.frontmatter_from_form(FIELDS, changed, frontmatter)
    assert result["share"] == {"text": "Breathe easy", "image": "/media/card.png"}
    assert result["redirect_from"] == ["/old/", "/older/"]
    with pytest.raises(ValidationError) as caught:
        editor_form.frontmatter_from_form(FIELDS, {**posted, "share": "text: [unclosed"}, frontmatter)
    assert "not YAML" in caught.value.fields["share"]


def test_problems_go_to_their_field_the_body_or_the_summary(tmp_path: Path) -> None:
    problems = [Problem(tmp_path / "posts/a.md", 2, "bad date", field="date"),
                Problem("posts/a.md", 9, "a link to /nowhere/ leads nowhere"),
                Problem("posts/a.md", 3, "bad account", field="share.text"),
                Problem("posts/a.md", 4, "an unknown key's problem", field="not_in_the_form"),
                Problem(tmp_path / "posts/b.md", 1, "claims the same URL", "error", "permalink"),
                Problem("posts/a.md", 12, "missing image", "warning")]
    result = editor_form.sort_problems(problems, "posts/a.md", tmp_path, [field.name for field in FIELDS])
    assert result.messages("date", "error") == ["bad date"]
    assert result.messages("body", "error") == ["a link to /nowhere/ leads nowhere", "an unknown key's problem"]
    assert result.messages("share", "error") == ["bad account"]  # share.text: the share field's
    assert result.messages("body", "warning") == ["missing image"]
    assert [problem.message for problem in result.elsewhere] == ["claims the same URL"]
    assert len(result.errors) == 5 and len(result.warnings) == 1


def test_the_title_leads_the_common_fields_follow_and_the_others_open_only_on_a_problem(tmp_path) -> None:
    none = editor_form.SortedProblems()
    lead, first, more, opened = editor_form.split_fields(FIELDS, none)
    assert [field.name for field in lead] == ["title"]
    assert [field.name for field in first] == ["date", "tags", "draft", "image", "summary"]
    assert [field.name for field in more] == ["layout", "something_new", "share", "redirect_from"]
    assert not opened  # even with values in them
    share = editor_form.sort_problems([Problem("posts/a.md", 2, "bad account", "error", "share.text")],
                                      "posts/a.md", tmp_path, [field.name for field in FIELDS])
    assert editor_form.split_fields(FIELDS, share)[3]


def test_a_changed_title_from_the_form_leaves_the_comment_and_every_other_line_of_the_sample_post() -> None:
    sample = Path(__file__).resolve().parents[2] / "content" / "posts" / "2026-04-02-reading-the-sensors.md"
    text = sample.read_text(encoding="utf-8")
    fields = form_fields("post")
    original, body = split_document(text)
    unchanged = editor_form.frontmatter_from_form(fields, editor_form.form_values(fields, original), original)
    assert join_document(unchanged, body) == text
    posted = {**editor_form.form_values(fields, original), "title": "Reading the sensors, step by step"}
    saved = join_document(editor_form.frontmatter_from_form(fields, posted, original), body)
    assert saved == text.replace('title: "Reading the sensors: from raw counts to a daily average"',
                                 'title: "Reading the sensors, step by step"')
    assert "# A how-to for people who work with the data: it ends without an appeal.\n" in saved
    as_draft = editorial.applied(editorial.DRAFT, editor_form.frontmatter_from_form(fields, posted, original),
                                 now=datetime(2026, 12, 7, tzinfo=timezone.utc), zone=ZoneInfo("Europe/London"))
    last = "with the code we use.\n"
    assert join_document(as_draft, body) == saved.replace(f"{last}---\n", f"{last}draft: true\n---\n")
