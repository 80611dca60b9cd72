"""The service's HTML pages in the site's look: each is rendered into the site's shell (service/site_shell.py),
with the site's own form macros and its date format.

templates/layout.html puts a page's title, its <head> lines and its content into the shell's slots; the shell
is Markup, and all a page adds goes through Jinja's escaping as before. The site's partials folder is on the
template path under its own name, `partials/`, so the board's forms are the very macros the site's board page
uses (partials/board_forms.html): one wording, one field order, one set of button words. Dates read as on the
site ("7 December 2026", `herald_site.reader_dates`) in the time zone the shell names.

A visitor's page (the board's, an error page) is rendered `render_in_language`, the visitor's
(service/http/languages.py): its words, the partials' and its dates follow it, it wears the site's shell in that
language where the site has one (/fr/_herald/shell.html), else the default's, and its content names its `lang`
and `dir` for the case it wears another's. The dashboard's pages stay English.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from flask import Flask, current_app, g, has_app_context, render_template
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from markupsafe import Markup, escape

from herald_site.content.languages import default_direction
from herald_site.i18n import SOURCE_LANGUAGE, page_gettext_callables, shipped_locales
from herald_site.page_shell import slot
from herald_site.reader_dates import machine_datetime, reader_date
from herald_site.url_languages import language_folder

from .http.languages import shipped_locale
from .site_shell import Shell, ShellSource, language_shell_source, shell_source

EXTENSION_KEY = "herald_shell"
PLAIN_SHELLS_KEY = "herald_plain_shells"
LANGUAGE_SHELLS_KEY = "herald_language_shells"
PLAIN_SHELL = "plain_shell.html"
LANGUAGE_KEY = "herald_page_language"
SITE_PARTIALS = "partials"  # herald_site/web/templates/partials, as the site's templates name it too


def current_shell() -> Shell:
    """The site's shell in the page's language, else the site's default one; until one was read, the plain one
    in the page's language."""
    language = page_language()
    own: ShellSource | None = current_app.extensions[LANGUAGE_SHELLS_KEY].get(language)
    if own is not None:
        shell = own.current()
        if own.has_read():
            return shell
    source: ShellSource = current_app.extensions[EXTENSION_KEY]
    shell = source.current()
    return shell if source.has_read() else current_app.extensions[PLAIN_SHELLS_KEY].get(language, shell)


def _language_shells(app: Flask, default: ShellSource) -> dict[str, ShellSource]:
    """The shell of each language other than the site's default, by the page language that wears it: those
    HERALD_SITE_LANGUAGES names after the default, else every shipped catalogue's but English."""
    site_languages = app.config["HERALD_SITE_LANGUAGES"]
    codes = site_languages[1:] if site_languages else [code for code in shipped_locales() if code != SOURCE_LANGUAGE]
    shells = {}
    for code in codes:
        locale, source = shipped_locale(code), language_shell_source(default, language_folder(code))
        if locale and source and locale not in shells:
            shells[locale] = source
    return shells


def page_language() -> str:
    """The language of the page being rendered: the visitor's on a page rendered `in_language`, else English
    (the dashboard's). A global, as on the site, so the site's partials and their imported macros see it too."""
    return g.get(LANGUAGE_KEY, SOURCE_LANGUAGE) if has_app_context() else SOURCE_LANGUAGE


def render_in_language(template: str, language: str, **context: Any) -> str:
    """`template` rendered with its words, and the partials', in `language` (one of the shipped catalogues)."""
    setattr(g, LANGUAGE_KEY, language)
    return render_template(template, **context)


def site_date(moment: datetime) -> str:
    """A date as the site writes it in the page's language, in the site's time zone: what the board shows."""
    return reader_date(moment.astimezone(current_shell().timezone), page_language())


def utc_time(moment: datetime) -> str:
    """A date as the site writes it, with the time, in UTC: what the dashboard shows (its days are UTC too)."""
    moment = moment.astimezone(UTC)
    return f"{reader_date(moment)}, {moment:%H:%M} UTC"


CODE_SPAN = re.compile(r"`([^`\n]+)`")


def code_spans(text: object) -> Markup:
    """Help texts and problem messages write commands and keys in backticks (`serve`, `label:`): shown as <code>.
    The text is escaped first, so the backtick spans are the only markup it can make."""
    return Markup(CODE_SPAN.sub(r"<code>\1</code>", str(escape(text))))


def _plain_shells(app: Flask) -> dict[str, Shell]:
    """The shell for when the site's was never read, in each shipped language: the site's title, linking to the
    site, its few words and its `lang` the page's."""
    origin = (app.config["HERALD_SITE_ORIGIN"] or "").rstrip("/")
    title = app.config["HERALD_SITE_TITLE"] or origin.partition("://")[2] or "Herald"
    shells = {}
    for language in shipped_locales():
        with app.app_context():
            setattr(g, LANGUAGE_KEY, language)
            html = app.jinja_env.get_template(PLAIN_SHELL).render(
                site_title=title, site_origin=origin, slot=lambda name: Markup(slot(name)))
        shells[language] = Shell.from_html(html)
    return shells


def init_app(app: Flask) -> None:
    own_templates = app.jinja_loader
    assert own_templates is not None
    app.jinja_loader = ChoiceLoader([
        own_templates, PrefixLoader({SITE_PARTIALS: PackageLoader("herald_site.web", f"templates/{SITE_PARTIALS}")}),
    ])
    app.jinja_env.trim_blocks = True  # as the site renders them: block tags leave no blank lines behind
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.i18n")  # the site's partials say their words through gettext
    words = page_gettext_callables(page_language)
    app.jinja_env.install_gettext_callables(**words, newstyle=True)  # type: ignore[attr-defined]
    app.add_template_global(default_direction, "direction_of")
    app.add_template_global(page_language)
    plain_shells = app.extensions[PLAIN_SHELLS_KEY] = _plain_shells(app)
    source = app.extensions[EXTENSION_KEY] = shell_source(
        app.config["HERALD_SITE_SHELL"], app.config["HERALD_SITE_ORIGIN"], plain_shells[SOURCE_LANGUAGE])
    app.extensions[LANGUAGE_SHELLS_KEY] = _language_shells(app, source)
    app.context_processor(lambda: {"shell": current_shell()})
    app.add_template_filter(site_date)
    app.add_template_filter(utc_time)
    app.add_template_filter(code_spans)
    app.add_template_filter(machine_datetime, "iso_datetime")  # as the site's templates name it
