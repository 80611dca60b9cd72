"""Site paths as editors write them (a permalink, an old address that redirects), read into the paths Herald
writes, or refused with a message saying what is wrong: nothing an editor writes may lead out of the site."""

from __future__ import annotations

import re
from urllib.parse import unquote

REDIRECT_FILE_SUFFIX = ".html"  # an old address naming an HTML file: its redirect page is that file


def normalize_url_path(raw: str) -> str:
    """A custom permalink as a site path with one leading and one trailing slash: "a/b" -> "/a/b/".

    Raises ValueError, saying what is wrong, for a value that could lead anywhere but to a page of this site
    once the freezer, a browser or a web server reads it: a full URL (scheme://...), a "." or ".." part, a backslash
    or a control character, also when written with %-escapes (%2e%2e, or %252e%252e escaped twice).
    """
    return "/" + "".join(f"{part}/" for part in _site_path_parts(raw))


def redirect_source(raw: str) -> str:
    """An old address that redirects, as a site path: "/old.html" stays a file, anything else is a folder like a
    permalink ("old" -> "/old/", whose index.html a host serves for "/old" too). Raises ValueError as
    `normalize_url_path` does."""
    parts = _site_path_parts(raw)
    if parts and parts[-1].endswith(REDIRECT_FILE_SUFFIX) and not raw.strip().endswith("/"):
        return "/" + "/".join(parts)
    return "/" + "".join(f"{part}/" for part in parts)


def _site_path_parts(raw: str) -> list[str]:
    """The parts of a site path written by an editor, checked as `normalize_url_path` says."""
    text = raw.strip()
    decoded = _unescaped(text)
    shown = f"{text!r}" + (f" (read as {decoded!r})" if decoded != text else "")
    if _FULL_URL.match(decoded):
        raise ValueError(f"{shown} is a full URL; a permalink is a path on this site, like /school-streets/")
    control = _CONTROL.search(decoded)
    if control:
        raise ValueError(f"{shown} has the control character U+{ord(control.group()):04X}; delete it")
    if "\\" in decoded:
        raise ValueError(f"{shown} has a backslash; separate the parts of a path with /")
    dots = next((part for part in decoded.split("/") if part in (".", "..")), None)
    if dots:
        raise ValueError(
            f"{shown} has a {dots!r} part, which would lead outside the site; write the path from the site's "
            "root, like /campaigns/join/"
        )
    return [part for part in text.split("/") if part]


# "//a/b" is no URL of its own here: Herald has always read it as the path /a/b/ (repeated slashes count once).
_FULL_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _unescaped(text: str) -> str:
    """`text` with its %-escapes decoded until none is left: a server or a second tool may decode it again."""
    while (decoded := unquote(text)) != text:
        text = decoded
    return text
