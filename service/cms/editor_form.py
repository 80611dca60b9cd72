"""The edit page's frontmatter form: which input each field of the content model gets, the values it shows,
the frontmatter a posted form makes, and the site's check's problems sorted to the fields they belong to.

The fields come from herald_site.editing's `form_fields()`, so a field a later issue adds to the content model
shows up here with no change. A value the editor did not touch is written back as it was read (a date stays a
date, a list keeps its form), so saving an unchanged form changes no byte of the frontmatter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import yaml

from ..http.errors import ValidationError

BODY_FIELD = "body"
DRAFT_FIELD = "draft"
DATE_FIELD = "date"
# A field's kind (FormField.kind) -> the input the page draws; any other kind is a line of text.
WIDGETS = {
    "text": "text", "url": "text", "url-path": "text",
    "textarea": "textarea", "yaml": "yaml",
    "date": "date", "datetime": "date",
    "tags": "list", "paths": "list",
    "boolean": "checkbox",
    "image": "image",
    "choice": "select",
}
LIST_KINDS = {"tags", "paths"}
# The title leads, the body follows it; then the fields most documents use; the others wait under
# "More details", opened only when one of them has a problem.
LEAD_FIELDS = ("title",)
FIRST_FIELDS = ("date", "draft", "summary", "tags", "categories", "image", "image_alt")
YAML_KIND = "yaml"


class FormFieldLike(Protocol):
    """The shape of herald_site.editing's FormField, as far as the page needs it."""

    name: str
    label: str
    kind: str
    help: str
    required: bool
    choices: Sequence[str]


class ProblemLike(Protocol):
    """The shape of herald_site.editing's Problem."""

    path: Any
    line: int | None
    message: str
    severity: str
    field: str | None


def widget_for(form_field: FormFieldLike) -> str:
    if form_field.choices and WIDGETS.get(form_field.kind) != "list":
        return "select"
    return WIDGETS.get(form_field.kind, "text")


def split_fields(fields: Iterable[FormFieldLike], problems: SortedProblems
                 ) -> tuple[list[FormFieldLike], list[FormFieldLike], list[FormFieldLike], bool]:
    """The fields above the body, the common ones under it, the others, and whether the others start open (one
    has a problem: a value alone keeps them closed, so the page stays short)."""
    listed = list(fields)
    lead = [form_field for form_field in listed if form_field.name in LEAD_FIELDS]
    first = [form_field for form_field in listed if form_field.name in FIRST_FIELDS]
    more = [form_field for form_field in listed if form_field.name not in LEAD_FIELDS + FIRST_FIELDS]
    opened = any(form_field.name in problems.by_field for form_field in more)
    return lead, first, more, opened


def shown(value: object) -> str:
    """A frontmatter value as its input shows it: a list as "a, b", a date in ISO form, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, dict):
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False).strip()
    if isinstance(value, (list, tuple)):
        return ", ".join(shown(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else ""
    return str(value)


def form_values(fields: Iterable[FormFieldLike], frontmatter: Mapping[str, object]) -> dict[str, str]:
    """Each field's value as its input shows it."""
    return {form_field.name: shown(frontmatter.get(form_field.name)) for form_field in fields}


def posted_values(fields: Iterable[FormFieldLike], form: Mapping[str, str]) -> dict[str, str]:
    """Each field's value as posted (a checkbox: "true" when ticked), for showing the form again."""
    values = {}
    for form_field in fields:
        raw = form.get(form_field.name, "")
        values[form_field.name] = ("true" if raw else "") if widget_for(form_field) == "checkbox" else raw.strip()
    return values


def frontmatter_from_form(fields: Iterable[FormFieldLike], form: Mapping[str, str],
                          frontmatter: dict[str, object]) -> dict[str, object]:
    """The frontmatter with the form's values put in: keys the form does not show keep their place and value,
    a value shown and posted back unchanged stays exactly as read, an emptied one is removed. YAML that does not
    parse is a ValidationError at its field. A copy, so that values from `split_document` keep the text they
    were read from and `join_document` changes only the lines of what changed."""
    result = frontmatter.copy()
    problems: dict[str, str] = {}
    for form_field, raw in _pairs(fields, form):
        name = form_field.name
        if raw == shown(frontmatter.get(name)):
            continue
        if not raw:
            result.pop(name, None)
        elif widget_for(form_field) == "checkbox":
            result[name] = True
        elif form_field.kind in LIST_KINDS:
            result[name] = [item.strip() for item in raw.split(",") if item.strip()]
        elif form_field.kind == YAML_KIND:
            try:
                result[name] = yaml.safe_load(raw)
            except yaml.YAMLError as error:
                problems[name] = f"This is not YAML that reads: {error}".replace("\n", " ")
        else:
            result[name] = raw
    if problems:
        raise ValidationError(problems)
    return result


def _pairs(fields: Iterable[FormFieldLike], form: Mapping[str, str]) -> list[tuple[FormFieldLike, str]]:
    listed = list(fields)
    posted = posted_values(listed, form)
    return [(form_field, posted[form_field.name]) for form_field in listed]


@dataclass
class SortedProblems:
    """The check's problems where the page shows them: by field of this document, or about other files."""

    by_field: dict[str, list[ProblemLike]] = field(default_factory=dict)
    elsewhere: list[ProblemLike] = field(default_factory=list)

    @property
    def errors(self) -> list[ProblemLike]:
        every = [problem for problems in self.by_field.values() for problem in problems] + self.elsewhere
        return [problem for problem in every if problem.severity == "error"]

    @property
    def warnings(self) -> list[ProblemLike]:
        every = [problem for problems in self.by_field.values() for problem in problems] + self.elsewhere
        return [problem for problem in every if problem.severity != "error"]

    def messages(self, name: str, severity: str) -> list[str]:
        return [problem.message for problem in self.by_field.get(name, []) if (problem.severity == "error") ==
                (severity == "error")]


def sort_problems(problems: Iterable[ProblemLike], path: str, content_dir: Path,
                  field_names: Iterable[str]) -> SortedProblems:
    """Problems of `path` go to their field (one the form has not: the body); others to the page's summary."""
    names = set(field_names)
    result = SortedProblems()
    for problem in problems:
        if relative_path(problem.path, content_dir) != path:
            result.elsewhere.append(problem)
            continue
        name = problem.field.split(".")[0] if problem.field else BODY_FIELD
        result.by_field.setdefault(name if name in names else BODY_FIELD, []).append(problem)
    return result


def relative_path(path: object, content_dir: Path) -> str:
    """A problem's path as a content path ("posts/x.md"), whether it came absolute or relative."""
    candidate = Path(str(path))
    if candidate.is_absolute():
        try:
            return candidate.relative_to(content_dir).as_posix()
        except ValueError:
            return candidate.as_posix()
    return candidate.as_posix()
