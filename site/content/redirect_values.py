"""Redirects as editors write them: old addresses (`redirect_from`, site.yml's `from`) and where they lead
(`redirect_to`, site.yml's `to`), read apart from where they are written so frontmatter and site.yml agree."""

from __future__ import annotations

from urllib.parse import urlsplit

from herald_site.written_paths import redirect_source


def old_addresses(value: object, folder: str = "/") -> tuple[list[str], list[str]]:
    """The old addresses a `redirect_from` value gives (one address, or a list, as jekyll-redirect-from has it),
    as site paths, and what is wrong with the rest, each a sentence to follow the key's name. One written without
    a leading / is read from `folder` (Hugo reads its `aliases` from the document's folder)."""
    written = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    if value is not None and not all(isinstance(item, str) and item.strip() for item in written or [None]):
        return [], [f"should be an old address like /old-name/ or a list of them, got {value!r}"]
    sources, problems = [], []
    for item in written:
        try:
            source = redirect_source(item)
            sources.append(source if item.strip().startswith("/") else folder + source.lstrip("/"))
        except ValueError as error:
            problems.append(str(error))
    return sources, problems


def redirect_target(value: str) -> str:
    """Where a redirect leads: a path on this site ("/new/") or an http(s) address; raises ValueError saying
    what is wrong with anything else (a scheme-relative "//host/", javascript:, ...)."""
    target = value.strip()
    if target.startswith("/") and not target.startswith("//") or urlsplit(target).scheme in ("http", "https"):
        return target
    raise ValueError(f"should be a path on this site like /new-name/ or an http(s) address, got {target!r}")
