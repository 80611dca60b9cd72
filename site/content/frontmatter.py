"""Step one of loading: split a content file into its YAML frontmatter and Markdown body, remembering lines.

Nothing is interpreted or rendered here; the result is plain data, so errors can point at the line of a key
and later steps can cache by the file's hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from herald_site.content.model import ContentError, DocumentKind

# python-frontmatter finds the '---' fences; the YAML itself is parsed below, keeping each key's line.
_FRONTMATTER = frontmatter.YAMLHandler()


@dataclass(frozen=True)
class SourceDocument:
    """A content file as written: its frontmatter values, the line of each key, and the Markdown body."""

    path: Path
    kind: DocumentKind
    metadata: dict[str, Any]
    body: str
    body_line: int  # the file line (1-based) where the body starts
    source_hash: str
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """The line of a frontmatter key, or line 1 (where the frontmatter starts) when the key is absent."""
        return self.key_lines.get(key, 1)

    def body_line_of(self, needle: str) -> int | None:
        """The file line of the first body line containing `needle`, or None when no line does."""
        for number, line in enumerate(self.body.splitlines()):
            if needle in line:
                return self.body_line + number
        return None


def read_document(path: Path, kind: DocumentKind) -> SourceDocument:
    """Read one content file; raises ContentError for text that is not UTF-8 or frontmatter that is not YAML."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(path, None, f"not UTF-8 text ({error.reason}); save the file as UTF-8") from error
    return parse_document(text, path, kind, hashlib.sha256(raw).hexdigest())


def parse_document(text: str, path: Path, kind: DocumentKind, source_hash: str = "") -> SourceDocument:
    """Split text into frontmatter and body. A file without a leading '---' line is all body."""
    text = text.replace("\r\n", "\n")
    if not _FRONTMATTER.detect(text):
        return SourceDocument(path, kind, {}, text, 1, source_hash)
    try:
        yaml_text, rest = _FRONTMATTER.split(text)
    except ValueError as error:
        message = "the frontmatter opened with '---' on line 1 is never closed; add a '---' line after it"
        raise ContentError(path, 1, message) from error
    # The YAML starts on line 2, after the opening fence; the body starts after the closing one.
    metadata, key_lines = parse_yaml_mapping(yaml_text.removeprefix("\n"), path, first_line=2)
    body = rest.removeprefix("\n")
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    return SourceDocument(path, kind, metadata, body, body_line, source_hash, key_lines)


class _LenientDates(yaml.constructor.SafeConstructor):
    """The safe constructor, except that an impossible date (2024-13-45) stays text for the date check to report."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


class _Loader(_LenientDates, yaml.SafeLoader):
    """PyYAML's parser in Python: slower, and the one whose error messages editors read."""


class _FastLoader(_LenientDates, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser in C (when PyYAML was built with it): several times faster."""


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _LenientDates.construct_yaml_timestamp)


def parse_yaml_mapping(text: str, path: Path, first_line: int = 1) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML that must be a mapping; returns it with the file line of each top-level key.

    `first_line` is the file line the YAML text starts on, so error lines point into the file.
    """
    try:
        data, node = _load(_FastLoader, text)
    except yaml.YAMLError:  # parsed again in Python, whose messages say more than libyaml's
        data, node = _load_or_explain(text, path, first_line)
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError(path, first_line, "the YAML must be 'key: value' lines, not a list or a single value")
    key_lines = {str(key.value): first_line + key.start_mark.line for key, _ in node.value}
    return {str(key): value for key, value in data.items()}, key_lines


def _load(loader_class: type[_Loader], text: str) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else {}), node
    finally:
        loader.dispose()


def _load_or_explain(text: str, path: Path, first_line: int) -> tuple[Any, yaml.Node | None]:
    """Parse with PyYAML's parser in Python, turning its errors into ContentErrors at the line to blame."""
    try:
        return _load(_Loader, text)
    except yaml.reader.ReaderError as error:  # a character YAML forbids
        line = first_line + text.count("\n", 0, max(error.position, 0))
        message = f"the character U+{error.character:04X} is not allowed in YAML; delete it"
        raise ContentError(path, line, message) from error
    except yaml.MarkedYAMLError as error:
        line = first_line + _error_line(error, len(text.rstrip()))
        problem = ", ".join(part for part in (error.context, error.problem) if part)
        raise ContentError(path, line, f"invalid YAML ({problem}); check quoting and indentation") from error
    except yaml.YAMLError as error:
        raise ContentError(path, first_line, f"invalid YAML: {error}") from error


def _error_line(error: yaml.MarkedYAMLError, text_end: int) -> int:
    """The 0-based line to blame: where the problem is, or where an unclosed construct began."""
    mark = error.problem_mark
    if error.context_mark is not None and (mark is None or mark.index >= text_end):
        mark = error.context_mark
    return mark.line if mark is not None else 0


YamlPath = tuple[str | int, ...]
"""Where a value sits in YAML: the keys of mappings and the positions in lists leading to it."""


def yaml_line(text: str, where: YamlPath, first_line: int = 1) -> int | None:
    """The file line of the value at `where` in YAML `text` (of its key, for a mapping's value), or of the
    nearest part of the way to it that exists; None when the text does not parse. Only errors ask for it, so
    the text is parsed again here rather than every position kept on every load."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    line = None
    for step in where:
        if isinstance(node, yaml.MappingNode):
            found = next(((key, value) for key, value in node.value if key.value == step), None)
            if found is None:
                break
            line, node = found[0].start_mark.line, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line
        else:
            break
    return None if line is None else first_line + line


def frontmatter_line(path: Path, where: YamlPath) -> int | None:
    """The file line of a value in a document's frontmatter, read from the file again (see `yaml_line`)."""
    try:
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        yaml_text, _ = _FRONTMATTER.split(text)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return yaml_line(yaml_text.removeprefix("\n"), where, first_line=2)
