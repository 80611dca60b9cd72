"""The shell at /_herald/shell.html: the site's look around an empty page, which the service dresses its own
pages in (the contract is herald_site.page_shell).

Frozen like every page, so it follows each change of site.yml and the theme; it is no page for readers:
its URL does not end in "/", which keeps it out of the sitemap, and it asks search engines not to index it.
A theme may override shell.html or base.html, which it extends: a build whose shell lost one of its slots fails,
since the service could not use it.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from markupsafe import Markup

from herald_site.errors import BuildError
from herald_site.page_shell import SLOTS, TIMEZONE_META, ShellError, slot, split_shell
from herald_site.urls import SHELL_PAGE
from herald_site.web.templating import ABSOLUTE_LINKS
from herald_site.web.url_catalog import serves

bp = Blueprint("shell", __name__)

# What the shell shows in a slot's place on its own; the service puts its page's own <head> lines there.
PLACEHOLDERS = {"head": '<meta name="robots" content="noindex">'}


@serves(bp, SHELL_PAGE)
def shell() -> str:
    slots = {name: Markup(slot(name, PLACEHOLDERS.get(name, ""))) for name in SLOTS}
    html = render_template("shell.html", slots=slots, timezone_meta=TIMEZONE_META, **{ABSOLUTE_LINKS: True})
    try:
        split_shell(html)
    except ShellError as error:
        raise BuildError(
            f"{SHELL_PAGE.path()}, the site's look that the service wraps its pages in, is broken: {error}. A "
            "template in content/theme/templates/ (shell.html, or base.html, which it extends) must keep the "
            "blocks title, scripts and content, and show them."
        ) from error
    return html

