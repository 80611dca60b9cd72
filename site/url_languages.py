"""Where each language's pages live: the default language's at the site's root, another's in its folder.

A localized `herald_site.urls.UrlShape` is registered again under `LANGUAGE_RULE` ("/<lang:lang>/tags/<slug>/"), its
values naming the language as "lang"; `language_versions` tells which languages have a page of one kind with the
same values, for the links between the versions of a page (hreflang) and the build's signatures.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from herald_site.content.model import SiteIndex
    from herald_site.urls import UrlShape

UrlValues = dict[str, Any]
"""The values of one URL, as `url_for` takes them: {"slug": "air", "page": 2}."""

LANGUAGE = "lang"  # the variable naming a language other than the default in a localized kind's values and rules
# Before a localized rule: the folder of a language other than the default, which the app's "lang" converter
# matches against the site's languages (herald_site.web.language_routes) and turns into the language's code.
LANGUAGE_RULE = f"/<{LANGUAGE}:{LANGUAGE}>"


def language_folder(code: str) -> str:
    """The folder the pages of a language other than the site's default live in: "fr" -> "/fr/", "pt-BR" ->
    "/pt-br/" (lower case, as Hugo writes it: a URL's path is case-sensitive, a language code is not)."""
    return f"/{code.lower()}/"


def in_language_folder(path: str, code: str | None) -> str:
    """A site path moved into the folder of the language `code` ("/tags/air/" -> "/fr/tags/air/"); None, the
    default language, leaves it at the root."""
    return language_folder(code)[:-1] + path if code else path


def localized_values(site: SiteIndex, shape: UrlShape) -> Iterator[UrlValues]:
    """The values of every URL of a localized kind, each language's in turn: those of a language other than the
    default name it as "lang" ({"slug": "air", "page": 1, "lang": "fr"})."""
    for code, listing in site.listings.items():
        for values in shape.values_in(site, listing):
            yield values if code == site.config.language else {**values, LANGUAGE: code}


def localized_rules(root_rules: tuple[tuple[str, UrlValues], ...]) -> tuple[tuple[str, UrlValues], ...]:
    """A localized kind's (rule, defaults): those at the root, then each again under LANGUAGE_RULE."""
    return (*root_rules, *((LANGUAGE_RULE + rule, defaults) for rule, defaults in root_rules))


ValuesKey = frozenset
"""A URL's values without its language, hashable: what the versions of one page in several languages share."""


def values_key(values: UrlValues) -> ValuesKey:
    return frozenset(item for item in values.items() if item[0] != LANGUAGE)


def language_versions(site: SiteIndex, shape: UrlShape) -> dict[ValuesKey, list[str]]:
    """For each URL of a localized kind, by `values_key`: the languages having it, by code, in site.yml's order.

    A page in one language has its versions in the others that have a page of the same kind with the same values:
    the home and the archive in every language, page 2 of a listing where it has two pages, the tag "air" where a
    post of the language has it (names that slugify alike are one tag, as in one language)."""
    order = {language.code: number for number, language in enumerate(site.config.languages)}
    found: dict[ValuesKey, list[str]] = {}
    for code in sorted(site.listings, key=order.__getitem__):
        for values in shape.values_in(site, site.listings[code]):
            found.setdefault(values_key(values), []).append(code)
    return found
