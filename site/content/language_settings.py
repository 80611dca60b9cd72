"""A language's own words for the site, from its entry in site.yml's `languages:` (as Hugo's
`languages.<code>.title`, `params` and `menus`): the title, description, author, menu, the home page's mission,
calls to action and figures, and the block ending posts, each in place of the site-wide value on the pages of
that language. What an entry does not give stays the site's:

    languages:
      - {code: en, name: English, default: true}
      - code: fr
        name: Français
        title: L'air pur maintenant
        nav: [{title: Accueil, url: /fr/}, {title: À propos, url: /fr/a-propos/}]
        mission: {heading: De l'air pur dans chaque rue, text: ...}

Each value takes the shape of the site-wide key of its name; a wrong one is an error at its line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any, TypeVar

from herald_site.content.calls_to_action import (
    read_calls_to_action,
    read_figures,
    read_mission,
    read_post_call_to_action,
    settings_error,
)
from herald_site.content.frontmatter import YamlPath
from herald_site.content.home_settings import CallToAction, Figure, PostCallToAction
from herald_site.content.model import NavLink, SiteConfig
from herald_site.content.site_language import Language
from herald_site.content.yaml_shapes import ShapeError, shaped_entries, shaped_mapping, shaped_text
from herald_site.slugs import slugify

_Action = TypeVar("_Action", CallToAction, PostCallToAction)

SETTING_KEYS = ("title", "description", "author", "nav", "mission", "calls_to_action", "figures",
                "post_call_to_action")


@dataclass(frozen=True)
class LanguageSettings:
    """What one language's entry says in its own words; None keeps the site-wide value."""

    title: str | None = None
    description: str | None = None
    author: str | None = None
    nav: tuple[NavLink, ...] | None = None
    mission: tuple[str, str] | None = None  # (heading, text)
    calls_to_action: tuple[CallToAction, ...] | None = None
    figures: tuple[Figure, ...] | None = None
    post_call_to_action: PostCallToAction | None = None

    def applied_to(self, config: SiteConfig) -> SiteConfig:
        """`config` as the language's pages show it: these values over the site's."""
        home = config.home
        if self.mission is not None:
            home = dataclasses.replace(home, mission_heading=self.mission[0], mission_text=self.mission[1])
        if self.calls_to_action is not None:
            home = dataclasses.replace(home, calls_to_action=tuple(
                _counted_as(action, site_wide) for action, site_wide in
                zip_longest(self.calls_to_action, home.calls_to_action[:len(self.calls_to_action)])))
        if self.figures is not None:
            home = dataclasses.replace(home, figures=self.figures)
        given = {name: getattr(self, name) for name in ("title", "description", "author", "nav")}
        if self.post_call_to_action is not None:
            given["post_call_to_action"] = _counted_as(self.post_call_to_action, config.post_call_to_action)
        return dataclasses.replace(config, home=home, **{name: value for name, value in given.items()
                                                         if value is not None})


def _counted_as(action: _Action, site_wide: _Action | None) -> _Action:
    """`action` counted in the analytics under the name of the site-wide button in its place, if there is one."""
    if site_wide is None or action.track:
        return action
    return dataclasses.replace(action, track=site_wide.track or slugify(site_wide.label))


def _nav(value: Any, where: YamlPath) -> tuple[NavLink, ...]:
    links = []
    for number, entry in enumerate(shaped_entries(value, where)):
        link = shaped_mapping(entry, (*where, number), ("title", "url"))
        links.append(NavLink(shaped_text(link["title"], (*where, number, "title")),
                             shaped_text(link["url"], (*where, number, "url"))))
    return tuple(links)


_READERS = {
    "title": shaped_text,
    "description": shaped_text,
    "author": shaped_text,
    "nav": _nav,
    "mission": read_mission,
    "calls_to_action": read_calls_to_action,
    "figures": read_figures,
    "post_call_to_action": read_post_call_to_action,
}


def read_language_settings(
    path: Path, text: str, entries: list[dict[str, Any]], languages: tuple[Language, ...]
) -> dict[str, LanguageSettings]:
    """The settings each entry of `languages:` gives, by the code of its language (`languages`, read from the same
    entries); an entry giving none is left out. Raises ContentError at the line of a value of the wrong shape."""
    found = {}
    for number, (entry, language) in enumerate(zip(entries, languages)):
        where: YamlPath = ("languages", number)
        try:
            given = {key: _READERS[key](entry[key], (*where, key))
                     for key in SETTING_KEYS if entry.get(key) is not None}
        except ShapeError as error:
            raise settings_error(path, text, error) from error
        if given:
            found[language.code] = LanguageSettings(**given)
    return found
