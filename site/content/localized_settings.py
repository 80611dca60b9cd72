"""site.yml's settings as the pages of one language show them: its entry's own words over the site's
(herald_site.content.language_settings), and, where the entry gives no menu of its own, the site's menu leading
to that language's versions: a link to a page or post goes to its translation where it has one, a link to one of
Herald's lists without values (the home, /tags/, /archive/, the feeds) to the language's own. A menu the entry
gives is shown as written. Plain data from the index, no Flask: the incremental build signs it too.
"""

from __future__ import annotations

import dataclasses
import functools
from urllib.parse import urlsplit

from herald_site.content.model import NavLink, SiteConfig, SiteIndex
from herald_site.urls import LANGUAGE, SHAPES, UrlShape


@functools.cache
def _root_lists() -> dict[str, UrlShape]:
    """The localized kinds of page with one URL per language, by their default language's path ("/tags/")."""
    return {shape.path(): shape for shape in SHAPES if shape.localized and "<" not in shape.rule}


def _link_in(url: str, code: str, index: SiteIndex) -> str:
    """`url` leading to its version in the language `code`, where it has one; else as it is."""
    if not url.startswith("/") or url.startswith("//"):
        return url
    parts = urlsplit(url)
    document = index.find_by_url(parts.path)
    if document is not None:
        version = index.translations(document).get(code)
        path = version.url_path if version is not None else parts.path
    elif parts.path in _root_lists():
        path = _root_lists()[parts.path].path(**{LANGUAGE: code})
    else:
        return url
    return parts._replace(path=path).geturl()


def settings_in(index: SiteIndex, code: str) -> SiteConfig:
    """The settings the pages of the language `code` show."""
    config = index.config
    shown = config.in_language(code)
    own_menu = code in config.language_settings and config.language_settings[code].nav is not None
    if code == config.language or own_menu:
        return shown
    nav = tuple(NavLink(link.title, _link_in(link.url, code, index)) for link in shown.nav)
    return dataclasses.replace(shown, nav=nav)
