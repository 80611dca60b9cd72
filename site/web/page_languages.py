"""A page's language, and the same page in the site's other languages.

A localized view learns its language from the URL (the "lang" value of `herald_site.url_languages.LANGUAGE_RULE`, taken
out before the view is called), a post's or page's view from the document; every other page (the 404 page, the
shell) is in the default language. Links the page makes to localized kinds of page stay in its language unless
they name another (`url_for(..., lang=code)`, None for the default), so a French post links the French tag pages,
feeds and home without its templates saying so.

The versions of a page (`page_versions`) are what its `<link rel="alternate" hreflang>` links, the sitemap's
alternates and the language switcher show: a post's or page's translations, or a listing with the same values in
each language that has it (herald_site.url_languages.language_versions). `x-default`, the page for readers of no listed
language, is the default language's version, else the first language in site.yml's order that has one, so that
every version of a page links the very same set.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, has_request_context, request, url_for

from herald_site import urls
from herald_site.content import Language, Listing, SiteIndex
from herald_site.url_languages import LANGUAGE, UrlValues, ValuesKey, language_folder, language_versions, values_key
from herald_site.urls import UrlShape
from herald_site.web.served_index import current_index
from herald_site.web.templating import permalink

X_DEFAULT = "x-default"
_LANGUAGE_KEY = "herald.language"  # in the request's environ
LOCALIZED = {shape.endpoint: shape for shape in urls.SHAPES if shape.localized}


def page_language() -> str:
    """The code of the language of the page being rendered (the default outside a request)."""
    code: str | None = request.environ.get(_LANGUAGE_KEY) if has_request_context() else None
    return code or current_index().config.language


def current_listing() -> Listing:
    """The lists of the page's language: what its home, tags, categories, archive and feeds show."""
    return current_index().listings[page_language()]


def folder_language(path: str) -> str | None:
    """The language other than the default whose folder `path` lies in ("/fr/no/such/page/" -> "fr"), or None:
    what a URL the site lacks is answered in."""
    folder = "/" + path.lstrip("/").split("/", 1)[0] + "/"
    return next((language.code for language in current_index().config.languages
                 if not language.default and language_folder(language.code) == folder), None)


def show_in(code: str) -> None:
    """Render the current page in the language `code`: kept with the request, not in `g`, since the freezer
    renders every page in one app context."""
    request.environ[_LANGUAGE_KEY] = code


def language_value(code: str, index: SiteIndex) -> str | None:
    """The "lang" value of `code` in `url_for`: None for the default language, whose pages live at the root."""
    return None if code == index.config.language else code


def _take_language(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values and LANGUAGE in values:
        show_in(values.pop(LANGUAGE))


def _keep_language(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint in LOCALIZED and LANGUAGE not in values:
        code = page_language()
        if code != current_index().config.language:
            values[LANGUAGE] = code


def page_versions(endpoint: str | None, values: UrlValues, *, external: bool = True) -> dict[str, str]:
    """The URL of the page of `endpoint` with `values` (without "lang") in each language having it, itself
    included, by code in site.yml's order; empty for a page the site does not have (a 404 at its URL)."""
    index = current_index()
    if endpoint == urls.DOCUMENT.endpoint:
        document = index.find_by_url(urls.DOCUMENT.path(**values))
        if document is None:
            return {}
        versions = index.translations(document).items()
        return {language: permalink(version, external=external) for language, version in versions}
    shape = LOCALIZED.get(endpoint or "")
    if shape is None or not shape.is_page:
        return {}
    codes = _versions_of(index, shape).get(values_key(values), [])  # none: the 404 page of a listing's URL
    return {
        language: url_for(shape.endpoint, _external=external, **values, **{LANGUAGE: language_value(language, index)})
        for language in codes
    }


def with_x_default(versions: dict[str, str], index: SiteIndex) -> list[tuple[str, str]]:
    """(hreflang, URL) of each version, then x-default's; none for a page without versions."""
    if not versions:
        return []
    fallback = versions.get(index.config.language) or next(iter(versions.values()))
    return [*versions.items(), (X_DEFAULT, fallback)]


def current_versions(*, external: bool = True) -> dict[str, str]:
    """The versions of the page being rendered; none on a site of one language, which links none (as Hugo)."""
    if not current_index().config.is_multilingual:
        return {}
    return page_versions(request.endpoint, request.view_args or {}, external=external)


def catalog_hreflang_links(endpoint: str, values: UrlValues) -> list[tuple[str, str]]:
    """What the page of a URL of the catalog (its values naming its language) links as its versions."""
    without = {name: value for name, value in values.items() if name != LANGUAGE}
    return with_x_default(page_versions(endpoint, without), current_index())


def hreflang_links() -> list[tuple[str, str]]:
    """What the <head> of the page being rendered links as its versions."""
    return with_x_default(current_versions(), current_index())


def switcher_links() -> list[tuple[Language, str, str | None]]:
    """(language, site path, its aria-current) for each of the site's languages: the page's translation where it
    has one, else that language's home; the page's own language is "page" when the link is this page, else
    "true" (on the 404 page, it leads to the home)."""
    index = current_index()
    versions, current = current_versions(external=False), page_language()
    links = []
    for language in index.config.languages:
        translated = versions.get(language.code)
        href = translated or url_for(urls.HOME.endpoint, **{LANGUAGE: language_value(language.code, index)})
        marked = ("page" if translated else "true") if language.code == current else None
        links.append((language, href, marked))
    return links


def _language_context() -> dict[str, Any]:
    code = page_language()
    return {"language": next(language for language in current_index().config.languages if language.code == code)}


class _VersionsTable:
    """`language_versions` of each kind of page, made once per index: a build renders hundreds of listings."""

    def __init__(self) -> None:
        self.index: SiteIndex | None = None
        self.table: dict[str, dict[ValuesKey, list[str]]] = {}

    def of(self, index: SiteIndex, shape: UrlShape) -> dict[ValuesKey, list[str]]:
        if self.index is not index:
            self.index, self.table = index, {}
        if shape.endpoint not in self.table:
            self.table[shape.endpoint] = language_versions(index, shape)
        return self.table[shape.endpoint]


_versions_of = _VersionsTable().of


def init_page_languages(app: Flask) -> None:
    app.url_value_preprocessor(_take_language)
    app.url_defaults(_keep_language)
    app.context_processor(_language_context)
    app.add_template_global(hreflang_links)
    app.add_template_global(switcher_links)
