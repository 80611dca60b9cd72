"""The theme's words and dates in the language of the page being rendered: Jinja's i18n extension, whose gettext
looks up the page's language at each call (`page_languages.page_language`), since the freezer renders every
page, in every language, in one app. Newstyle gettext: `_("Page %(number)s", number=n)` escapes what it is
given, and a `{% trans %}` block's variables likewise."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from flask import Flask

from herald_site.content import ContactTopic
from herald_site.i18n import page_gettext_callables
from herald_site.reader_dates import reader_date
from herald_site.web.page_languages import page_language
from herald_site.web.served_index import current_index


def in_page_language(topic: ContactTopic) -> ContactTopic:
    """A contact topic as the page's readers name it (its `labels` in site.yml)."""
    return dataclasses.replace(topic, label=topic.label_in(page_language()))


def local_date(moment: datetime) -> str:
    """A date as the page's readers write it ("3 May 2024", "3 mai 2024"), in the site's time zone."""
    return reader_date(moment.astimezone(current_index().config.timezone), page_language())


def service_language_query() -> str:
    """What a link to one of the service's pages adds so that page speaks this page's language ("?lang=fr"), on a
    site of several languages; nothing on a site of one, whose links stay as they were."""
    return f"?lang={page_language()}" if len(current_index().config.languages) > 1 else ""


def init_page_words(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.i18n")
    words = page_gettext_callables(page_language)
    app.jinja_env.install_gettext_callables(**words, newstyle=True)  # type: ignore[attr-defined]
    app.add_template_filter(local_date)
    app.add_template_filter(in_page_language)
    app.add_template_global(page_language)  # the forms post it, for the service's answers
    app.add_template_global(service_language_query)  # the links to the service's pages say it
