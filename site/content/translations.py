"""Checks across documents of how they translate each other (the rules are in herald_site.content.languages).

A translation group holds one document per language, all posts or all pages; files that share a name, the
language aside, are one group, so a `translation_key` given to one of them must be given to all. Drafts count:
publishing one must not break the build. Each problem names both files and their lines, as URL claims do.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from herald_site.content.checks import shown_path
from herald_site.content.documents import LoadedDocument
from herald_site.content.languages import split_name
from herald_site.content.model import Problem, SiteConfig


def translation_problems(documents: Sequence[LoadedDocument], config: SiteConfig, content_dir: Path) -> list[Problem]:
    """Two documents in one language in a group, a post and a page in one, and files of one name in two."""
    groups: dict[str, list[LoadedDocument]] = {}
    for loaded in documents:
        groups.setdefault(loaded.document.translation_key, []).append(loaded)
    problems = [problem for members in groups.values() if len(members) > 1
                for problem in _group_problems(members, content_dir)]
    if config.is_multilingual:
        problems += _name_problems(documents, config, content_dir)
    return problems


def _group_problems(members: list[LoadedDocument], content_dir: Path) -> list[Problem]:
    problems = []
    first_in: dict[str, LoadedDocument] = {}
    for loaded in members:
        first = first_in.setdefault(loaded.document.language, loaded)
        if first is not loaded:
            message = (
                f"{_place(first, content_dir)} and this file are both in {loaded.document.language} and translate each "
                f"other ({_linked_by(loaded)}); a document has one version per language: change the `lang` or the "
                "`translation_key` of one of them, or rename it"
            )
        elif loaded.kind != members[0].kind:
            message = (
                f"this {loaded.kind} and the {members[0].kind} {_place(members[0], content_dir)} translate each other "
                f"({_linked_by(loaded)}); a post translates posts and a page pages: give one another `translation_key`"
            )
        else:
            continue
        problems.append(Problem(Path(loaded.path), _line(loaded), message, "error", _field(loaded)))
    return problems


def _name_problems(documents: Sequence[LoadedDocument], config: SiteConfig, content_dir: Path) -> list[Problem]:
    """Files that share a name in one folder (why.md, why.fr.md) but not a translation group."""
    by_name: dict[str, list[LoadedDocument]] = {}
    for loaded in documents:  # a document without a translation_key has its shared name as its key
        keyed = loaded.has_key("translation_key")
        name = split_name(loaded.path, config)[0] if keyed else loaded.document.translation_key
        by_name.setdefault(name, []).append(loaded)
    problems = []
    for members in by_name.values():
        if len({loaded.document.translation_key for loaded in members}) < 2:
            continue
        keyed = next(loaded for loaded in members if loaded.has_key("translation_key"))
        others = ", ".join(
            shown_path(Path(loaded.path), content_dir)
            + (f" (translation_key {loaded.document.translation_key!r})" if loaded.has_key("translation_key") else
               " (none)")
            for loaded in members if loaded is not keyed
        )
        message = (
            f"this file has translation_key {keyed.document.translation_key!r} but shares its name with {others}, "
            "which makes them translations of each other; give them all the same `translation_key`, or rename one"
        )
        problems.append(Problem(Path(keyed.path), _line(keyed), message, "error", "translation_key"))
    return problems


def _field(loaded: LoadedDocument) -> str | None:
    """The frontmatter key that put the document in its group and language, if one did."""
    return next((key for key in ("translation_key", "lang") if loaded.has_key(key)), None)


def _line(loaded: LoadedDocument) -> int:
    field = _field(loaded)
    return loaded.line_of(field) if field else 1


def _place(loaded: LoadedDocument, content_dir: Path) -> str:
    return f"{shown_path(Path(loaded.path), content_dir)}:{_line(loaded)}"


def _linked_by(loaded: LoadedDocument) -> str:
    if loaded.has_key("translation_key"):
        return f"translation_key {loaded.document.translation_key!r}"
    return "by their file name"
