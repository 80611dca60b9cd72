"""Where a template or a static file comes from: the site's theme folder first, then Herald's.

As in Hugo's lookup order or a Flask app's template folder before its blueprints', the site's own
`content/theme/templates/blog/post.html` is used wherever Herald renders or includes `blog/post.html`, and
`content/theme/static/theme.css` is served at /static/theme.css; everything else is Herald's. Herald's
originals stay reachable under the prefix `herald/`, so an override can extend the template it replaces and
change one block:

    {% extends "herald/base.html" %}
    {% block content %}<p class="banner">...</p>{{ super() }}{% endblock %}

Nothing is read through a link leading out of the content folder: the walk leaves such files out (and reports
each as an error), so a static file is served from the theme only when the walk listed it, and a template is
read only when it lies inside the content folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, TemplateNotFound
from jinja2.loaders import split_template_path

from herald_site.confined import lies_inside
from herald_site.content.model import Stamp
from herald_site.content.theme_folder import THEME_STATIC, THEME_TEMPLATES
from herald_site.urls import STATIC_FOLDER
from herald_site.web.served_index import site_content

HERALD_TEMPLATES = Path(__file__).resolve().parent / "templates"
HERALD_PREFIX = "herald"  # "herald/base.html" is always Herald's own base.html


class _SiteTemplates(FileSystemLoader):
    """The templates under content/theme/templates/, none of them read through a link leading out of the
    content folder (the walk reports the link; the page falls back to Herald's template meanwhile)."""

    def __init__(self, content_dir: Path) -> None:
        self.folder, self.content_dir = content_dir / THEME_TEMPLATES, content_dir
        super().__init__(self.folder)

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if not lies_inside(self.content_dir, os.path.join(self.folder, *split_template_path(template))):
            raise TemplateNotFound(template)
        return super().get_source(environment, template)


def theme_templates(content_dir: Path) -> BaseLoader:
    """The templates of the site in `content_dir`: "herald/NAME" is Herald's NAME, any other name the site's
    template when it has one, else Herald's."""
    herald = FileSystemLoader(HERALD_TEMPLATES)
    return ChoiceLoader([PrefixLoader({HERALD_PREFIX: herald}), _SiteTemplates(content_dir), herald])


def static_source(filename: str) -> tuple[Path, Stamp | None]:
    """The folder the file at /static/`filename` is served from, with the stamp of the site's file (None for
    Herald's own, which ships with the code)."""
    content = site_content()
    stamp = content.index.theme_static.get(filename)
    if stamp is None:
        return STATIC_FOLDER, None
    return (content.content_dir / THEME_STATIC).resolve(), stamp  # absolute: Flask reads a relative one from the package
