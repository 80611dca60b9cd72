"""The theme's words in each language: message catalogues under site/locales/<locale>/LC_MESSAGES/messages.po,
read by Babel and compiled in memory, so no compiled .mo file is committed and no step comes before a build.

Shared by the site's pages and the service's (which render the same partials), hence at the top of site/ and
free of any web framework (`page_gettext_callables` are either's Jinja gettext). A language Herald ships no catalogue for reads the English words (the site's
content may be in any language; its theme's words wait for a catalogue), and the build warns of it.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"  # the language of the templates' own words (the msgids), and of a language without a catalogue
# Herald writes an English date day first ("3 May 2024"): CLDR's international English, whose long date is so.
_BABEL_LOCALES = {"en": "en_001"}


def catalogue_locale(code: str) -> str | None:
    """The folder of site/locales holding the catalogue for the BCP 47 `code`: its own ("pt-BR" -> "pt_BR"),
    else its language's ("fr-CA" -> "fr"); None when Herald ships none."""
    parts = code.replace("-", "_").split("_")
    for candidate in ("_".join(parts), parts[0]):
        if (LOCALES_DIR / candidate / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
            return candidate
    return None


def shipped_locales() -> list[str]:
    """The locales Herald ships a catalogue for, by folder name."""
    return sorted(path.parent.parent.name for path in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def catalogue_path(locale: str) -> Path:
    """The .po file of one of the shipped locales."""
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def N_(message: str) -> str:
    """Mark `message` for `pybabel extract` where it is written, unchanged: it is translated where it is shown
    (the service's answers), in the language of whoever reads it."""
    return message


@functools.cache
def translations(code: str) -> NullTranslations:
    """The theme's words in the language `code`; the templates' own English where Herald ships no catalogue."""
    locale = catalogue_locale(code)
    if locale is None:
        return NullTranslations()
    with catalogue_path(locale).open("rb") as po:
        catalog = read_po(po, locale=locale)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def page_gettext_callables(language: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """gettext, ngettext, pgettext and npgettext saying the theme's words in `language()`, asked at each call:
    the language of the page being rendered, which the site's freezer and the service change page by page. For
    Jinja's i18n extension (`install_gettext_callables(**these, newstyle=True)`)."""
    return {
        "gettext": lambda message: translations(language()).gettext(message),
        "ngettext": lambda singular, plural, number: translations(language()).ngettext(singular, plural, number),
        "pgettext": lambda context, message: translations(language()).pgettext(context, message),
        "npgettext": lambda context, singular, plural, number: translations(language()).npgettext(
            context, singular, plural, number),
    }


@functools.cache
def babel_locale(code: str) -> Locale:
    """The Babel locale formatting dates and numbers for the BCP 47 `code`: its own when CLDR knows it, else its
    language's, else English."""
    language = code.split("-")[0].lower()
    for candidate in (_BABEL_LOCALES.get(code), code.replace("-", "_"), _BABEL_LOCALES.get(language), language):
        if candidate:
            try:
                return Locale.parse(candidate)
            except (UnknownLocaleError, ValueError):
                continue
    return Locale.parse(_BABEL_LOCALES[SOURCE_LANGUAGE])
