"""site.yml's settings in the language of the page being rendered (herald_site.content.localized_settings), as
the templates' `site`, and the page's <title> in the site's pattern with that language's title."""

from __future__ import annotations

from typing import Any

from flask import Flask
from markupsafe import Markup

from herald_site.content import SiteConfig, SiteIndex
from herald_site.content.localized_settings import settings_in
from herald_site.web.page_languages import page_language
from herald_site.web.served_index import current_index


class _SettingsByLanguage:
    """The settings of each language, made once per index: every page of a build asks for its language's. The
    index and its table are swapped together, so a request of `serve` holding the previous index never reads
    the new one's table."""

    def __init__(self) -> None:
        self.cached: tuple[SiteIndex | None, dict[str, SiteConfig]] = (None, {})

    def of(self, index: SiteIndex, code: str) -> SiteConfig:
        cached_index, table = self.cached
        if cached_index is not index:
            table = {}
            self.cached = (index, table)
        if code not in table:
            table[code] = settings_in(index, code)
        return table[code]


_settings_of = _SettingsByLanguage().of


def page_site() -> SiteConfig:
    """The settings as the page being rendered shows them: its language's title, menu, mission..."""
    return _settings_of(current_index(), page_language())


def page_title(name: object) -> Markup:
    """A page's <title>: its own name, then the site's ("About · Clean Air Now"), the one pattern of every page
    and of the shell; `name` is escaped unless it is Markup (the shell's slot)."""
    return Markup("{} · {}").format(name, page_site().title)


def _settings_context() -> dict[str, Any]:
    return {"site": page_site()}


def init_page_settings(app: Flask) -> None:
    app.context_processor(_settings_context)
    app.add_template_global(page_title)
