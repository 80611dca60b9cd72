"""The site's languages, from site.yml, and the language of each document, from its file name or frontmatter.

Of Hugo's two conventions Herald takes translation by file name, as Nikola does: `why-we-started.fr.md` is the
French version of `why-we-started.md`, beside it in the same folder. The folders keep saying what a file is
(posts/, pages/), a Jekyll site keeps its layout, a missing translation shows in the folder's listing, and a
site of one language reads no language from names at all, so its URLs stay as they were. A folder named like one
of the site's languages (content/fr/, posts/fr/: Hugo's other convention) is an error saying how to name the
files instead, never a folder of posts quietly read as the default language or not read at all.

A document's language is its name's suffix when that is one of the site's language codes, else its `lang:`, else
the default language; a suffix that is not one of the site's codes stays part of the slug (`v1.2-release.md`,
`notes.de.md` on a site without German), as it always was. Documents translate each other when they share a file
name, the language aside, in one folder, or a `translation_key:`, which replaces the name as the link (Hugo's
rule); `herald_site.content.translations` checks the groups this makes.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from herald_site.content.frontmatter import SourceDocument
from herald_site.content.language_settings import SETTING_KEYS
from herald_site.content.model import ContentError, Problem, SiteConfig
from herald_site.content.site_language import Direction, Language
from herald_site.content.walk import DOCUMENT_FOLDERS, ContentFiles
from herald_site.i18n import catalogue_locale
from herald_site.url_languages import language_folder
from herald_site.urls import reserved_owner

# Languages whose usual script runs right to left, and such scripts (a code's script subtag, as in "az-Arab",
# decides over its language): a `languages:` entry without `direction` takes it from these.
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"})
RTL_SCRIPTS = frozenset({"Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa"})
# BCP 47 as sites use it: a language, then optionally a script and a region ("en", "pt-BR", "zh-Hant-TW", "es-419").
_CODE = re.compile(r"([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|[0-9]{3}))?", re.IGNORECASE)
# A language's own words for the site follow (herald_site.content.language_settings).
ENTRY_FIELDS = ("code", "name", "direction", "default", *SETTING_KEYS)
_ENTRY_SHAPE = "`- {code: fr, name: Français}`"


def canonical_code(text: str) -> str | None:
    """The code in BCP 47's usual case ("pt-br" -> "pt-BR", "zh-hant" -> "zh-Hant"), or None when it is none."""
    match = _CODE.fullmatch(text)
    if match is None:
        return None
    language, script, region = match.groups()
    return "-".join(part for part in (language.lower(), script and script.title(), region and region.upper()) if part)


def default_direction(code: str) -> Direction:
    """The direction a language's script runs in: its script subtag's if it has one, else its language's."""
    language, *rest = code.split("-")
    script = next((subtag for subtag in rest if len(subtag) == 4), None)
    if script is not None:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    return "rtl" if language in RTL_LANGUAGES else "ltr"


class _Entries:
    """The `languages:` list of one site.yml; each failure is a ContentError at the line of the entry or field."""

    def __init__(self, path: Path, key_line: int) -> None:
        self.path, self.key_line = path, key_line

    def fail(self, message: str, number: int | None = None, key: str | None = None) -> ContentError:
        line = self.key_line if number is None else _entry_line(self.path, number, key) or self.key_line
        return ContentError(self.path, line, message, "languages")

    def language(self, number: int, entry: object) -> Language:
        if not isinstance(entry, dict):
            raise self.fail(f"each entry of `languages` should be like {_ENTRY_SHAPE}, got {entry!r}", number)
        unknown = next((str(key) for key in entry if key not in ENTRY_FIELDS), None)
        if unknown is not None:
            message = f"unknown field `{unknown}` in a `languages` entry; use {', '.join(ENTRY_FIELDS)}"
            raise self.fail(message, number, unknown)
        if "code" not in entry:
            raise self.fail(f"a `languages` entry without `code`; write it like {_ENTRY_SHAPE}", number)
        try:
            code = _checked_code(entry["code"], "code")
        except ValueError as error:
            raise self.fail(str(error), number, "code") from error
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            message = f"the language {code} needs a `name`, as its readers write it, like `name: Français`"
            raise self.fail(message, number, "name" if "name" in entry else None)
        direction = entry.get("direction", default_direction(code))
        if direction not in ("ltr", "rtl"):
            message = f"`direction` of {code} should be ltr (left to right) or rtl (right to left), got {direction!r}"
            raise self.fail(message, number, "direction")
        default = entry.get("default", False)
        if not isinstance(default, bool):
            raise self.fail(f"`default` of {code} should be true or false, got {default!r}", number, "default")
        return Language(code, name.strip(), direction, default)


def _checked_code(value: object, key: str) -> str:
    """`value` as a canonical language code; raises ValueError saying what is wrong with `key` when it is none."""
    if not isinstance(value, str):
        hint = "" if value is None else " (quote it, like 'no': YAML reads some bare words as true, false or numbers)"
        raise ValueError(f"`{key}` should be a language code such as en, fr or pt-BR, got {value!r}{hint}")
    code = canonical_code(value.strip())
    if code is None:
        suggested = canonical_code(value.strip().replace("_", "-"))
        hint = f"write {suggested}" if suggested else "write a language, then optionally a region, like en, fr or pt-BR"
        raise ValueError(f"`{key}` {value!r} is not a language code; {hint}")
    return code


def read_languages(path: Path, data: dict[str, Any], key_lines: dict[str, int]) -> tuple[Language, ...]:
    """The languages site.yml sets: its `languages:` list, or the one language of `language:` (default en)."""
    if "languages" not in data:
        try:
            code = _checked_code(data.get("language", "en"), "language")
        except ValueError as error:
            raise ContentError(path, key_lines.get("language", 1), str(error), "language") from error
        return (Language(code, code, default_direction(code), True),)
    entries = _Entries(path, key_lines["languages"])
    if "language" in data:
        raise entries.fail(
            f"both `language` (line {key_lines['language']}) and `languages` are set; keep `languages` and mark the "
            "default with `default: true`, or keep `language` alone for a site of one language"
        )
    listed = data["languages"]
    if not isinstance(listed, list) or not listed:
        raise entries.fail(f"`languages` should be a list of entries like {_ENTRY_SHAPE}")
    languages = [entries.language(number, entry) for number, entry in enumerate(listed)]
    seen: dict[str, int] = {}
    for number, language in enumerate(languages):
        first = seen.setdefault(language.code.casefold(), number)
        if first != number:
            raise entries.fail(f"the language {language.code} is listed twice (first at line "
                               f"{_entry_line(path, first, 'code')}); list each language once", number, "code")
    defaults = [number for number, language in enumerate(languages) if language.default]
    if len(languages) == 1:
        return (Language(languages[0].code, languages[0].name, languages[0].direction, True),)
    if not defaults:
        raise entries.fail("none of the `languages` is the default; add `default: true` to the one whose pages "
                           "live at the site's root")
    if len(defaults) > 1:
        first = languages[defaults[0]].code
        raise entries.fail(f"{first} and {languages[defaults[1]].code} are both marked `default: true`; the site has "
                           "one default language", defaults[1], "default")
    return tuple(languages)


def _entry_line(path: Path, number: int, key: str | None) -> int | None:
    """The line of entry `number` of `languages` in site.yml, or of its field `key` (or of `language:` on a site
    without `languages`): site.yml is read again, only when an entry is wrong."""
    root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    listed = next((value for name, value in root.value if name.value == "languages"), None)
    if listed is None:
        return next((name.start_mark.line + 1 for name, _ in root.value if name.value == "language"), None)
    if not isinstance(listed, yaml.SequenceNode) or number >= len(listed.value):
        return None
    entry = listed.value[number]
    if key is not None and isinstance(entry, yaml.MappingNode):
        entry = next((name for name, _ in entry.value if name.value == key), entry)
    return entry.start_mark.line + 1


@dataclass(frozen=True)
class DocumentLanguage:
    """What a document's name and frontmatter say of its language."""

    code: str  # one of the site's language codes
    stem: str  # the file name without its Markdown suffix and language suffix: what the slug comes from
    translation_key: str  # its `translation_key:`, else its path without suffixes: what links it to its translations
    folder: str  # where its URLs start: "/" for the default language, "/fr/" for French

    def url_problem(self, url_path: str, config: SiteConfig) -> str | None:
        """Why the document may not take `url_path` on a site of several languages, or None: each language other
        than the default has its folder, where its documents live and the others may not."""
        if self.folder != "/":
            if not url_path.startswith(self.folder):
                return (f"{_named(config, self.code)} pages live under {self.folder}; start the permalink with it, "
                        f"like {self.folder}{url_path.lstrip('/')}")
            reason = reserved_owner(url_path[len(self.folder) - 1 :])
            if reason is not None:
                return (f"URL {url_path} cannot be used: {self.folder} holds Herald's own pages in "
                        f"{_named(config, self.code)} too ({reason}); choose another permalink or file name")
            return None
        taken = next((language for language in config.languages
                      if not language.default and url_path.startswith(language_folder(language.code))), None)
        if taken is None:
            return None
        return (f"URL {url_path} lies under {language_folder(taken.code)}, where {_named(config, taken.code)} "
                "pages live; choose another permalink or file name")


def _named(config: SiteConfig, code: str) -> str:
    """How messages name a language: "the Français (fr)"."""
    return f"the {next(language.name for language in config.languages if language.code == code)} ({code})"


def split_name(path: str, config: SiteConfig) -> tuple[str, str | None]:
    """The file's path without its Markdown suffix and language suffix, which files translating each other by name
    share, and the code that suffix names: only on a site of several languages, and only a suffix that is one of
    its codes ("posts/why.fr.md" -> ("posts/why", "fr"); "posts/v1.2.md" -> ("posts/v1.2", None)). Text, not a
    Path: it is asked of every document at every load."""
    shared = os.path.splitext(path)[0]
    base, dot, suffix = shared.rpartition(".")
    code = _codes(config.languages).get(suffix.casefold()) if dot and config.is_multilingual else None
    return (base, code) if code is not None and os.sep not in suffix else (shared, None)


@functools.lru_cache(maxsize=8)
def _codes(languages: tuple[Language, ...]) -> dict[str, str]:
    """The codes of `languages` by their case-folded spelling ("pt-br" -> "pt-BR")."""
    return {language.code.casefold(): language.code for language in languages}


def document_language(source: SourceDocument, config: SiteConfig) -> tuple[DocumentLanguage, list[Problem]]:
    """The document's language and translation key, with the problems of its `lang` and `translation_key`."""
    problems: list[Problem] = []

    def fail(key: str, message: str) -> None:
        problems.append(Problem(source.path, source.line_of(key), message, "error", key))

    shared, named = split_name(str(source.path), config)
    code = named or config.language
    if "lang" in source.metadata:
        try:
            written = _site_language(_checked_code(source.metadata["lang"], "lang"), config)
        except ValueError as error:
            fail("lang", str(error))
        else:
            if named is not None and written != named:
                fail("lang", f"the file name says {named} (.{named}{source.path.suffix}) but `lang` says {written}; "
                             "remove `lang` or make the two agree")
            code = written
    key = source.metadata.get("translation_key")
    if key is not None and (isinstance(key, (bool, dict, list)) or not str(key).strip()):
        fail("translation_key", f"`translation_key` should be a word or a phrase, like why-we-started, got {key!r}")
        key = None
    if key is not None:
        translation_key = str(key).strip()
    else:  # on a site of one language, names link nothing: why.md and why.markdown stay two posts, as they were
        translation_key = shared if config.is_multilingual else str(source.path)
    folder = "/" if code == config.language else language_folder(code)
    return DocumentLanguage(code, os.path.basename(shared), translation_key, folder), problems


def _site_language(code: str, config: SiteConfig) -> str:
    """The site's language `code` names, as site.yml writes it; raises ValueError when the site has none such."""
    found = _codes(config.languages).get(code.casefold())
    if found is None:
        listed = ", ".join(language.code for language in config.languages)
        raise ValueError(f"`lang` {code} is not one of the site's languages ({listed}); add it to `languages` in "
                         "site.yml or correct the code")
    return found


def misplaced_language_folders(files: ContentFiles, config: SiteConfig) -> list[Problem]:
    """A folder named like one of the site's languages, at the content folder's top or inside posts/ or pages/:
    Hugo's other convention, which Herald would read as the default language's documents, or not read at all."""
    if not config.is_multilingual:
        return []
    codes = _codes(config.languages)
    root = str(files.root)
    found: dict[str, str] = {}
    for path in files.stamps:
        folders = path[len(root) + 1 :].split(os.sep)[:-1]
        watched = folders if folders and folders[0] in DOCUMENT_FOLDERS else folders[:1]
        depth = next((depth for depth, name in enumerate(watched) if name.casefold() in codes), None)
        if depth is not None:
            found.setdefault(os.path.join(root, *folders[: depth + 1]), codes[watched[depth].casefold()])
    return [
        Problem(Path(folder), None, (
            f"the folder {folder} is named like the language {code}, but Herald reads a document's language from its "
            f"file name, not its folder: move its files into {os.path.join(root, 'posts')} or "
            f"{os.path.join(root, 'pages')}, named like why-we-started.{code}.md (or give them `lang: {code}`)"
        ), "error")
        for folder, code in found.items()
    ]


def untranslated_languages(config: SiteConfig, path: Path) -> list[Problem]:
    """A warning for each of the site's languages Herald has no catalogue of the theme's words for (site.yml at
    `path`): its pages show those words in English, while its content may be in any language."""
    field = "languages" if config.is_multilingual else "language"
    return [
        Problem(path, _entry_line(path, number, "code"), (
            f"Herald's theme has no translation into {language.code}: its words (menus, buttons, notices) show in "
            "English on its pages; add a catalogue of them as docs/architecture.md says (Languages)"
        ), "warning", field)
        for number, language in enumerate(config.languages) if catalogue_locale(language.code) is None
    ]
