"""The language the service answers a visitor in: that of the page they came from, else their browser's.

The page's language is named by a posted `lang` field (or `?lang=` on a page of the service's, like the
board's), or by the language folder its `page` path starts with (`/fr/2024/05/03/clean-air/` is French). A page
at the site's root is in the site's default language when the service was told the site's languages
(HERALD_SITE_LANGUAGES); else it says nothing, and the browser's `Accept-Language` decides, among the languages
Herald ships a catalogue for; English otherwise. Only the human words change: codes and field names stay.
"""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, request
from werkzeug.exceptions import HTTPException

from herald_site.i18n import SOURCE_LANGUAGE, shipped_locales
from herald_site.url_languages import in_language_folder


def visitor_language() -> str:
    """The catalogue locale to answer this request in (one of `shipped_locales()`)."""
    fields = _posted_fields()
    named = shipped_locale(fields.get("lang") or request.args.get("lang"))
    page = fields.get("page") or request.args.get("page")
    return named or _page_language(page) or request.accept_languages.best_match(shipped_locales()) \
        or SOURCE_LANGUAGE


def address_language() -> str | None:
    """The shipped language `?lang=` names in this request's address, or None: what the links between the
    service's pages for visitors carry on, so a visitor stays in it from page to page."""
    return shipped_locale(request.args.get("lang"))


def in_visitor_folder(path: str) -> str:
    """A site path at the root ("/board/") moved into the folder of the visitor's language ("/fr/board/") when the
    service was told the site's languages and that one is among them after the default: where a form post from
    a French page returns when its Referer names no page (a browser sends only the origin across origins)."""
    language = visitor_language()
    code = next((code for code in current_app.config["HERALD_SITE_LANGUAGES"][1:]
                 if shipped_locale(code) == language), None)
    return in_language_folder(path, code)


def _page_language(page: Any) -> str | None:
    """The language of the page at the path `page`: its language folder's; on a site whose languages the service
    was told (HERALD_SITE_LANGUAGES), a page outside the others' folders is in the default, the first. None
    when the path names none."""
    folder = _path_folder(page)
    site_languages = current_app.config["HERALD_SITE_LANGUAGES"]
    if not site_languages or folder is None:
        return shipped_locale(folder)
    code = next((code for code in site_languages[1:] if code.lower() == folder.lower()), site_languages[0])
    return shipped_locale(code) or SOURCE_LANGUAGE  # a language Herald has no words for: its theme reads English


def shipped_locale(code: Any) -> str | None:
    """The shipped locale for a visitor's `code` (its own, else its language's: `fr-CA` gives `fr`), or None.
    Matched against the list, never looked up as a path: the code is whatever the visitor sent."""
    if not isinstance(code, str):
        return None
    parts = code.replace("-", "_").split("_")
    shipped = shipped_locales()
    return next((candidate for candidate in ("_".join(parts), parts[0]) if candidate in shipped), None)


def _path_folder(page: Any) -> str | None:
    """The first folder of a page's path (`/fr/2024/...` gives `fr`), or None."""
    return page.split("/")[1] if isinstance(page, str) and page.startswith("/") else None


def _posted_fields() -> dict[str, Any]:
    """The posted form or JSON object, read leniently: an error answer must not fail on a body too large or
    malformed (the very error it may be answering)."""
    try:
        if request.form:
            return request.form.to_dict()
        value = json.loads(request.get_data(as_text=True) or "{}")
    except (ValueError, RecursionError, HTTPException):
        return {}
    return value if isinstance(value, dict) else {}
