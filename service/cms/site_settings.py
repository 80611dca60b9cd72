"""The dashboard's Settings form: site.yml's title, description, navigation, social accounts and contact topics,
written back with ruamel.yaml's round trip so the file's comments, key order, quoting and every setting the
form does not show survive an edit. Entries are changed in place (a contact topic keeps its `labels` in other
languages, a link its flow style), rows left empty are removed, and the result is read by the site's own
settings reader (herald_site.content.settings), whose errors come back to the form's fields.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from herald_site.content.model import ContentError
from herald_site.content.settings import CONFIG_FILE, read_settings
from herald_site.editing.frontmatter_roundtrip import round_trip_yaml

from ..http.errors import ValidationError

# Each list the form edits, as rows of these fields (the form's inputs are named `<list>-<row>-<field>`).
ROW_FIELDS: dict[str, tuple[str, ...]] = {
    "nav": ("title", "url"),
    "social": ("network", "account", "label"),
    "contact_topics": ("key", "label", "address"),
}
TEXT_FIELDS = ("title", "description")
FORM_KEYS = TEXT_FIELDS + tuple(ROW_FIELDS)
MAX_ROWS = 50
MAX_TEXT = 500
REQUIRED = {"nav": ("title", "url"), "social": ("network", "account"), "contact_topics": ("key", "label", "address")}
MISSING = {"nav": "Each link needs both a title and a URL.",
           "social": "Each account needs its network and a handle or URL.",
           "contact_topics": "Each topic needs a key, a label and an address."}
SPARE_ROWS = 2  # empty rows the form offers for adding an entry, with no script


@dataclass
class SettingsValues:
    """What the form shows and sends: the two texts, and each list as rows of text."""

    title: str = ""
    description: str = ""
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def _load(text: str) -> CommentedMap:
    try:
        data = round_trip_yaml().load(text)
    except YAMLError as error:
        raise ValidationError({"title": f"{CONFIG_FILE} cannot be read as YAML, so the form cannot change it: "
                                        f"{error}"}) from error
    if data is None:
        return CommentedMap()
    if not isinstance(data, CommentedMap):
        raise ValidationError({"title": f"{CONFIG_FILE} should be `key: value` lines."})
    return data


def current_values(text: str) -> SettingsValues:
    """The form's values as site.yml has them now."""
    data = _load(text)
    values = SettingsValues(title=_text(data.get("title")), description=_text(data.get("description")))
    for key in ROW_FIELDS:
        entries = data.get(key)
        values.rows[key] = [_row(key, entry) for entry in entries] if isinstance(entries, list) else []
    return values


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _row(key: str, entry: object) -> dict[str, str]:
    if not isinstance(entry, Mapping):
        return dict.fromkeys(ROW_FIELDS[key], "")
    if key == "social":
        return {"network": _text(entry.get("network")), "account": _text(entry.get("handle") or entry.get("url")),
                "label": _text(entry.get("label"))}
    return {name: _text(entry.get(name)) for name in ROW_FIELDS[key]}


def posted_form(form: Mapping[str, str]) -> tuple[SettingsValues, dict[str, str]]:
    """The values a posted form holds, and what is wrong with them by field; a row whose fields are all empty
    is dropped (that is how one is removed)."""
    problems: dict[str, str] = {}
    values = SettingsValues()
    for name in TEXT_FIELDS:
        value = " ".join(form.get(name, "").split())
        if len(value) > MAX_TEXT:
            problems[name] = f"Keep it to {MAX_TEXT} characters."
        setattr(values, name, value)
    if not values.title:
        problems["title"] = "The site needs a title: it shows in every page's header and tab."
    for key, names in ROW_FIELDS.items():
        rows = []
        for index in range(MAX_ROWS):
            row = {name: form.get(f"{key}-{index}-{name}", "").strip() for name in names}
            if any(len(value) > MAX_TEXT for value in row.values()):
                problems[key] = f"Keep each value to {MAX_TEXT} characters."
            if any(row.values()):
                rows.append(row)
                if not all(row[name] for name in REQUIRED[key]):
                    problems[key] = MISSING[key]
        values.rows[key] = rows
    return values, problems


def values_from_form(form: Mapping[str, str]) -> SettingsValues:
    """The values a posted form holds, or a ValidationError naming each field that is wrong."""
    values, problems = posted_form(form)
    if problems:
        raise ValidationError(problems)
    return values


def updated_text(text: str, values: SettingsValues) -> str:
    """site.yml's text with the form's values put in, everything else as it was."""
    data = _load(text)  # a key set in place keeps its place and comments; a new one goes at the end
    _put(data, "title", values.title)
    if values.description or "description" in data:
        _put(data, "description", values.description)
    for key in ROW_FIELDS:
        rows = values.rows.get(key, [])
        if rows or key in data:
            data[key] = _entries(key, data.get(key), rows)
    output = io.StringIO()
    round_trip_yaml().dump(data, output)
    return output.getvalue()


def _put(mapping: CommentedMap, key: str, value: str) -> None:
    """Set a text, leaving an unchanged one as it was written (its quotes, its folded lines)."""
    if key not in mapping or _text(mapping[key]) != value:
        mapping[key] = value


def _entries(key: str, old: object, rows: list[dict[str, str]]) -> CommentedSeq:
    """The list `key` with each row put into the entry at its place (so that entry's other keys and style stay),
    new entries written on one line, as the sample site writes them."""
    entries = old if isinstance(old, CommentedSeq) else CommentedSeq()
    kept = list(entries)
    del entries[:]
    for index, row in enumerate(rows):
        previous = kept[index] if index < len(kept) else None
        entry = previous if isinstance(previous, CommentedMap) else _one_line_map()
        _fill(key, entry, row)
        entries.append(entry)
    return entries


def _one_line_map() -> CommentedMap:
    entry = CommentedMap()
    entry.fa.set_flow_style()
    return entry


def _fill(key: str, entry: CommentedMap, row: dict[str, str]) -> None:
    if key != "social":
        for name, value in row.items():
            _put(entry, name, value)
        return
    _put(entry, "network", row["network"])
    account_key = "url" if row["account"].startswith(("http://", "https://")) else "handle"
    entry.pop("handle" if account_key == "url" else "url", None)
    _put(entry, account_key, row["account"])
    if row["label"]:
        _put(entry, "label", row["label"])
    else:
        entry.pop("label", None)


def settings_problems(text: str) -> dict[str, str]:
    """What the site's settings reader says of the form's keys in `text`, by form field (the first problem of
    each). It reads a copy of the file alone, so a file in media/ it names is not looked for here (the whole
    site's check, herald_site.editing.check_change, does that on save)."""
    with tempfile.TemporaryDirectory(prefix="herald-settings-") as folder:
        (Path(folder) / CONFIG_FILE).write_text(text, encoding="utf-8")
        try:
            errors = read_settings(Path(folder)).errors
        except ContentError as error:
            return {"title": error.message}
    problems: dict[str, str] = {}
    for error in errors:
        key = (error.field or "").split(".")[0]
        if key in FORM_KEYS:
            problems.setdefault(key, _placed(error))
    return problems


def field_of(problem_field: str | None) -> str:
    """The form's field a problem of site.yml belongs to (one about a key the form does not show: the title's,
    at the top of the form)."""
    key = (problem_field or "").split(".")[0]
    return key if key in FORM_KEYS else "title"


def _placed(error: ContentError) -> str:
    return f"{error.message} (site.yml line {error.line})" if error.line else error.message


def changed_text(text: str, form: Mapping[str, str]) -> str:
    """The new site.yml for a posted form, or a ValidationError naming each field the site's reader refuses."""
    new_text = updated_text(text, values_from_form(form))
    problems = settings_problems(new_text)
    if problems:
        raise ValidationError(problems)
    return new_text
