"""content/theme/: a site's own templates and static files, each taking the place of Herald's at the same path.

`theme/templates/partials/posts.html` replaces Herald's `partials/posts.html`, and `theme/static/theme.css` the
file served at /static/theme.css; a file Herald has no counterpart of is added (`/static/logo.svg`). The web
side looks there first (`herald_site.web.theme_lookup`); here the folder is checked. Its files are never posts,
pages or media, whatever their names (the walk takes documents from posts/ and pages/ only), and a link in it
leading out of the content folder is refused by the walk like any other.
"""

from __future__ import annotations

from herald_site.content.model import Problem
from herald_site.content.walk import ContentFiles
from herald_site.urls import SHAPES, STATIC_PREFIX

THEME_FOLDER = "theme"
TEMPLATES = "templates"  # Jinja templates, by the path Herald's templates have
STATIC = "static"  # files served at /static/<the same path>
THEME_TEMPLATES, THEME_STATIC = f"{THEME_FOLDER}/{TEMPLATES}", f"{THEME_FOLDER}/{STATIC}"

# The files under /static/ that Herald writes itself (code highlighting, the site's colours and fonts): a file of
# the same name in theme/static/ could never be served.
GENERATED_STATIC = tuple(
    shape.path().removeprefix(STATIC_PREFIX) for shape in SHAPES
    if shape.rule.startswith(STATIC_PREFIX) and "<" not in shape.rule
)


def theme_problems(files: ContentFiles) -> list[Problem]:
    """A static file at a URL Herald writes itself (an error: it would never be served), and a file in neither
    templates/ nor static/ (a warning: Herald does not use it, and it most likely belongs in one of them)."""
    problems = []
    for name in files.files_under(THEME_STATIC):
        if name in GENERATED_STATIC:
            message = (
                f"Herald writes {STATIC_PREFIX}{name} itself, so this file would never be served; give it "
                "another name (and link it from a template of the theme)"
            )
            problems.append(Problem(files.root / THEME_STATIC / name, None, message, "error"))
    for name in files.files_under(THEME_FOLDER):
        if name.partition("/")[0] not in (TEMPLATES, STATIC):
            message = (
                f"Herald does not use this file: a theme keeps its templates in {THEME_TEMPLATES}/ and the "
                f"files served at {STATIC_PREFIX} in {THEME_STATIC}/; move it into one of them"
            )
            problems.append(Problem(files.root / THEME_FOLDER / name, None, message, "warning"))
    return problems
