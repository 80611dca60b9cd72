"""A document's frontmatter written back with only what the editor changed: the lines of every key whose value
is the same as read stay byte for byte (their comments, quotes, flow or block lists, blank lines), a changed key
is rewritten in its place in the style it had (a flow list stays a flow list, a quoted text stays quoted), a
removed key goes, a new one is added at the end. People who also edit the files in git see a diff of the fields
that changed, and their notes in comments survive the dashboard.

ruamel.yaml's round trip finds where each key's lines are; the changed values are written by PyYAML, the
library Herald reads frontmatter with, because ruamel writes YAML 1.2, where `yes`, `on`, `010` or `1_000` are
text that Herald's YAML 1.1 reader would read as a boolean or a number. Whatever is spliced is read back with
Herald's reader and must give exactly the values asked for; when it does not, the caller writes the whole
frontmatter anew.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from herald_site.content.frontmatter import parse_yaml_mapping
from herald_site.content.model import ContentError


def round_trip_yaml() -> YAML:
    """ruamel.yaml set to keep what a person wrote: comments, order, quotes and flow styles; a long line is never
    folded and an empty value is written `null`. Shared with the dashboard's site.yml form."""
    round_trip = YAML()
    round_trip.preserve_quotes = True
    round_trip.width = 4096
    round_trip.indent(mapping=2, sequence=4, offset=2)
    round_trip.representer.add_representer(type(None), _null)
    return round_trip


def _null(representer: RoundTripRepresenter, _value: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


@dataclass(frozen=True)
class WrittenFrontmatter:
    """The frontmatter as it was in the file: its fences' lines and the YAML between them."""

    opening: str
    text: str
    closing: str


NOT_WRITTEN = WrittenFrontmatter("", "", "")  # values of a text without frontmatter: written anew


class Frontmatter(dict[str, Any]):
    """The values `split_document` read, remembering the text they came from so that `join_document` can change
    only the keys whose values differ. A copy (`.copy()`) remembers it too."""

    def __init__(self, values: Mapping[str, Any], written: WrittenFrontmatter) -> None:
        super().__init__(values)
        self.written = written

    def copy(self) -> Frontmatter:
        return Frontmatter(self, self.written)


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing text with a character YAML reads as a line break (NEL, U+2028, U+2029)
    in double quotes, where it is escaped: unquoted, it would read back as a space."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        if any(character in data for character in _LINE_BREAKS):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        return super().represent_str(data)

    def represent_quoted(self, data: _Quoted) -> yaml.ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:str", str(data), style=data.style)


    def represent_flow_list(self, data: _FlowList) -> yaml.SequenceNode:
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)

    def represent_flow_mapping(self, data: _FlowMapping) -> yaml.MappingNode:
        return self.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


class _FlowList(list[Any]):
    """A list to be written `[a, b]`, as the one it replaces was."""


class _FlowMapping(dict[str, Any]):
    """A mapping to be written `{a: 1}`, as the one it replaces was."""


class _Quoted(str):
    """Text to be written in the quotes the value it replaces had (PyYAML picks double quotes when single
    quotes cannot hold it)."""

    style = '"'


class _SingleQuoted(_Quoted):
    style = "'"


_LINE_BREAKS = "\x85\u2028\u2029"
_Dumper.add_representer(str, _Dumper.represent_str)
_Dumper.add_representer(_Quoted, _Dumper.represent_quoted)
_Dumper.add_representer(_SingleQuoted, _Dumper.represent_quoted)
_Dumper.add_representer(_FlowList, _Dumper.represent_flow_list)
_Dumper.add_representer(_FlowMapping, _Dumper.represent_flow_mapping)


def dump_values(values: Mapping[str, Any]) -> str:
    """YAML that reads back as `values`: text that would read as something else (a date, a number, true) is
    quoted, letters of every script are written as they are, long lines are never folded."""
    if not values:
        return "{}\n"
    return yaml.dump(dict(values), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=math.inf,
                     default_flow_style=False)


def spliced(written: WrittenFrontmatter, before: Mapping[str, Any], values: Mapping[str, Any]) -> str | None:
    """The frontmatter's YAML with `values` in place of `before` (what was read from `written`), changing only
    the lines of keys whose value differs; None when that cannot be done so that Herald reads `values` back."""
    changed = [key for key in values if key not in before or not same(values[key], before[key])]
    removed = [key for key in before if key not in values]
    if not changed and not removed:
        return written.text
    document = _round_trip(written.text)
    if document is None or list(document) != list(before):
        return None
    kept = [key for key in values if key in before]
    if kept != [key for key in before if key in values]:
        return None  # the keys were put in another order: the whole frontmatter is written anew
    newline = "\r\n" if "\r\n" in written.text else "\n"
    lines = _LINES.findall(written.text)
    starts = [document.lc.key(key)[0] for key in document]
    pieces = lines[:starts[0]]
    for index, key in enumerate(str(key) for key in document):  # ruamel's keys keep their quotes: plain text
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        own, after = _value_lines(lines[starts[index]:end])
        if key in values and key not in changed:
            pieces += own
        elif key in values:
            pieces.append(_with_comment(_entry(key, values[key], document.get(key), newline), own,
                                        _comment_column(document, key)))
        pieces += after
    if pieces and not pieces[-1].endswith("\n"):
        pieces[-1] += newline
    pieces += [_entry(key, values[key], None, newline) for key in values if key not in before]
    text = "".join(pieces)
    return text if _reads_back(text, values) else None


# Lines as ruamel's YAML 1.2 counts them: U+2028 and the others str.splitlines() also breaks at are not breaks.
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def same(one: Any, other: Any) -> bool:
    """Equal and of the same types all the way down: `True` is not `1`, a date is not text."""
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return list(one) == list(other) and all(same(one[key], other[key]) for key in one)
    if isinstance(one, list):
        return len(one) == len(other) and all(same(a, b) for a, b in zip(one, other))
    if isinstance(one, float) and math.isnan(one):
        return math.isnan(other)
    if isinstance(one, datetime):
        return one == other and one.utcoffset() == other.utcoffset()
    return bool(one == other)


def _round_trip(text: str) -> CommentedMap | None:
    try:
        document = round_trip_yaml().load(text)
    except YAMLError:
        return None
    return document if isinstance(document, CommentedMap) and len(document) > 0 else None


def _value_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """A key's lines split into its own and the blank or comment lines after them (kept whatever the key
    becomes: a comment above the next key is about that key)."""
    end = len(lines)
    while end > 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return lines[:end], lines[end:]


def _entry(key: str, value: Any, old: Any, newline: str) -> str:
    """`key: value` as YAML, in the style of the value it replaces."""
    if isinstance(value, str) and isinstance(old, DoubleQuotedScalarString):
        value = _Quoted(value)
    elif isinstance(value, str) and isinstance(old, SingleQuotedScalarString):
        value = _SingleQuoted(value)
    if isinstance(old, CommentedSeq | CommentedMap) and old.fa.flow_style():
        if type(value) is list:
            value = _FlowList(value)
        elif type(value) is dict:
            value = _FlowMapping(value)
    return dump_values({key: value}).replace("\n", newline)


def _comment_column(document: CommentedMap, key: str) -> int | None:
    """Where the comment at the end of a key's line starts (`title: Air  # the headline`), if it has one."""
    comments = document.ca.items.get(key)
    token = comments[2] if comments and len(comments) > 2 else None
    return getattr(token, "column", None)


def _with_comment(entry: str, own: list[str], column: int | None) -> str:
    """A one-line entry with the comment the key's one line ended with, after as many spaces as before."""
    line = own[0]
    if column is None or len(own) != 1 or entry.count("\n") != 1 or line[column:column + 1] != "#":
        return entry
    gap = len(line[:column]) - len(line[:column].rstrip())
    return entry.rstrip("\r\n") + line[column - gap:column] + line[column:]


def _reads_back(text: str, values: Mapping[str, Any]) -> bool:
    try:
        read, _ = parse_yaml_mapping(text.replace("\r\n", "\n"), Path("frontmatter.yml"))
    except ContentError:
        return False
    return same(read, dict(values))

