"""The folders of the site's languages in the app's routes.

A localized URL shape is registered a second time under `herald_site.url_languages.LANGUAGE_RULE` ("/<lang:lang>/tags/...").
The "lang" converter matches the folder of each language other than the default, and no other first part of a
path: /about/ and /faq/tags/x/ still reach the documents' catch-all, while /fr/ is the French home. Since the
converter's pattern is the site's, the app sets it when it starts and, under `serve`, again whenever site.yml
changes the languages (`follow_languages`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from flask import Flask
from werkzeug.routing import BaseConverter

from herald_site.content import ContentProblems, Language
from herald_site.url_languages import LANGUAGE, language_folder
from herald_site.web.served_index import SiteContent

NO_FOLDER = r"(?!)"  # a site of one language: the converter matches nothing, so only the root rules serve


class LanguageFolder(BaseConverter):
    """A language's folder in a URL ("pt-br") read as its code ("pt-BR"); `folders_of` makes one per site."""

    codes: ClassVar[dict[str, str]] = {}  # folder name -> code
    languages: ClassVar[tuple[Language, ...]] = ()

    def to_python(self, value: str) -> str:
        return self.codes[value]

    def to_url(self, value: str) -> str:
        return language_folder(value).strip("/")


def folders_of(languages: tuple[Language, ...]) -> type[LanguageFolder]:
    """The converter matching the folders of `languages` other than the default (the longest first, so that
    "pt-br" is not read as "pt")."""
    codes = {language_folder(language.code).strip("/"): language.code
             for language in languages if not language.default}
    pattern = "|".join(re.escape(folder) for folder in sorted(codes, key=len, reverse=True)) or NO_FOLDER
    return type("SiteLanguageFolder", (LanguageFolder,), {"regex": pattern, "codes": codes, "languages": languages})


def routed_languages(app: Flask) -> tuple[Language, ...] | None:
    """The languages whose folders the app's routes match, or None before `route_languages`."""
    converter = app.url_map.converters.get(LANGUAGE)
    return converter.languages if converter is not None and issubclass(converter, LanguageFolder) else None


def route_languages(app: Flask, languages: tuple[Language, ...]) -> None:
    """Make the app's routes match the folders of `languages`. Werkzeug compiles each rule with the converters
    of its map when the rule is added, so the map is made again with the new converter and the same rules."""
    if routed_languages(app) == languages:
        return
    routes = app.url_map
    converters = {**routes.converters, LANGUAGE: folders_of(languages)}
    app.url_map = app.url_map_class(
        [rule.empty() for rule in routes.iter_rules()], default_subdomain=routes.default_subdomain,
        strict_slashes=routes.strict_slashes, merge_slashes=routes.merge_slashes,
        redirect_defaults=routes.redirect_defaults, converters=converters, sort_parameters=routes.sort_parameters,
        sort_key=routes.sort_key, host_matching=routes.host_matching,
    )


def content_languages(content: SiteContent) -> tuple[Language, ...] | None:
    """The languages of the content, or None while it has problems (which `serve` shows instead of pages)."""
    try:
        return content.index.config.languages
    except ContentProblems:
        return None


def follow_languages(app: Flask, content: SiteContent) -> None:
    """Under `serve`: before each request is routed, follow the languages of the content as it is now, so that a
    language added to site.yml has its folder at once."""
    serve = app.wsgi_app

    def routed(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        languages = content_languages(content)
        if languages is not None:
            route_languages(app, languages)
        return serve(environ, start_response)

    app.wsgi_app = routed  # type: ignore[method-assign]
