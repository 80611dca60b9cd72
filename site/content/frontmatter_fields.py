"""Typed reads of a document's frontmatter: each value checked, and a bad one recorded as a Problem at its line,
so that every problem of one file is gathered before giving up (`herald_site.content.documents` builds the
Post or Page from them)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

from herald_site.content.calls_to_action import POST_KEY as CALL_TO_ACTION_KEY
from herald_site.content.calls_to_action import post_call_to_action
from herald_site.content.dates import parse_date
from herald_site.content.frontmatter import SourceDocument, frontmatter_line
from herald_site.content.home_settings import PostCallToAction
from herald_site.content.languages import document_language
from herald_site.content.model import ContentProblems, Problem, SiteConfig
from herald_site.content.redirect_values import old_addresses, redirect_target
from herald_site.content.yaml_shapes import ShapeError
from herald_site.document_urls import ExpandedUrl, expand, filled, has_placeholders, placeholder_problem
from herald_site.markdown import Rendered
from herald_site.slugs import slugify
from herald_site.urls import MEDIA_PREFIX
from herald_site.written_paths import normalize_url_path


ALIASES_KEY = "aliases"  # Hugo's redirect_from


class FrontmatterFields:
    """Typed reads of frontmatter values; a bad value is recorded as a Problem at its line."""

    def __init__(self, source: SourceDocument, config: SiteConfig) -> None:
        self.source = source
        self.language, self.problems = document_language(source, config)

    def error(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.source.path, self.source.line_of(key), message, "error", key))

    def text(self, key: str) -> str | None:
        value = self.source.metadata.get(key)
        if value is None:
            return None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip()
        self.error(key, f"`{key}` should be text, got {value!r}")
        return None

    def required_text(self, key: str) -> str:
        value = self.text(key)
        if not value and not any(problem.field == key for problem in self.problems):
            self.error(key, f"missing `{key}`; add `{key}: ...` to the frontmatter")
        return value or ""

    def names(self, key: str) -> tuple[str, ...]:
        """A list of names, written as a YAML list or as one comma-separated string."""
        value = self.source.metadata.get(key)
        if value is None:
            return ()
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list) or any(isinstance(item, (dict, list)) for item in items):
            self.error(key, f"`{key}` should be a list like ['a', 'b'] or a string like 'a, b', got {value!r}")
            return ()
        names = tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))
        for name in names:
            if not slugify(name):
                self.error(key, f"`{key}` entry {name!r} has no letters or digits to make its page's URL from")
        return names

    def title(self) -> str:
        """The title; a document that only redirects (`redirect_to`) may have none, as in Jekyll."""
        return (self.text("title") or "") if "redirect_to" in self.source.metadata else self.required_text("title")

    def redirect_from(self, url_path: str, patterned: ExpandedUrl | None, custom_url: str | None) -> tuple[str, ...]:
        """The old addresses that send the reader to this document at `url_path`: `redirect_from` (one, or a list,
        as the jekyll-redirect-from plugin has it), `aliases` (Hugo's name for them, one without a leading / read
        from the document's folder, as Hugo does) and the .html address site.yml's pattern named, when it gave the
        URL (no `custom_url`)."""
        sources = []
        for key, folder in (("redirect_from", "/"), (ALIASES_KEY, url_path.rstrip("/").rpartition("/")[0] + "/")):
            found, problems = old_addresses(self.source.metadata.get(key), folder)
            for problem in problems:
                self.error(key, f"`{key}` {problem}")
            sources += found
        if patterned and patterned.html_address and custom_url is None:
            sources.append(patterned.html_address)
        return tuple(dict.fromkeys(sources))

    def redirect_to(self) -> str | None:
        """Where the document's URL sends the reader instead: a path on this site or an http(s) address."""
        target = self.text("redirect_to")
        try:
            return redirect_target(target) if target else None
        except ValueError as error:
            self.error("redirect_to", f"`redirect_to` {error}")
            return None

    def flag(self, key: str, default: bool) -> bool:
        value = self.source.metadata.get(key, default)
        if not isinstance(value, bool):
            self.error(key, f"`{key}` should be true or false, got {value!r}")
            return default
        return value

    def draft(self) -> bool:
        """Whether the document is a draft: `draft: true`, or `published: false` as Jekyll has it."""
        return self.flag("draft", False) or not self.flag("published", True)

    def date(self, key: str, config: SiteConfig) -> datetime | None:
        value = self.source.metadata.get(key)
        if value is None:
            return None
        try:
            return parse_date(value, config.timezone)
        except ValueError as error:
            self.error(key, f"`{key}`: {error}")
            return None

    def url_path(self, kind: str, values: dict[str, str] | None) -> str | None:
        """The custom URL from `permalink` (or its synonym `path`), its placeholders, as Jekyll has them in a
        document's own permalink, filled from `values` (a document of `kind`, "posts" or "pages"; None when they
        are unknown, its date missing, which is an error already)."""
        key = self._url_key()
        value = self.text(key)
        if not value:
            return None
        if has_placeholders(value):
            problem = placeholder_problem(value, kind)
            if problem or values is None:
                if problem:
                    self.error(key, f"`{key}` {value!r} {problem}")
                return None
            value = filled(value, values)
        try:
            return normalize_url_path(value)
        except ValueError as error:
            self.error(key, f"`{key}` {error}")
            return None

    def _url_key(self) -> str:
        """The key a custom URL is written under: `permalink`, or its synonym `path` when only that is given."""
        return "path" if "path" in self.source.metadata and "permalink" not in self.source.metadata else "permalink"

    def patterned_url(self, pattern: str, values: dict[str, str]) -> ExpandedUrl | None:
        """The URL site.yml's pattern gives the document, in its language's folder; None, and a problem, when
        that URL cannot be used."""
        expanded = expand(pattern, values, self.language.folder)
        try:
            return ExpandedUrl(normalize_url_path(expanded.path), expanded.html_address)
        except ValueError as error:
            self.error(self._url_key(), f"the URL pattern {pattern!r} of site.yml gives {error}")
            return None

    def in_language(self, url_path: str, config: SiteConfig) -> str:
        """`url_path`, after recording why the document's language forbids it, if it does."""
        problem = self.language.url_problem(url_path, config) if url_path else None
        if problem is not None:
            self.error(self._url_key(), problem)
        return url_path

    def call_to_action(self) -> PostCallToAction | Literal[False] | None:
        """The post's own closing block, False for none, None for the site's (`calls_to_action`)."""
        try:
            return post_call_to_action(self.source.metadata.get(CALL_TO_ACTION_KEY))
        except ShapeError as error:
            line = frontmatter_line(self.source.path, error.where) or self.source.line_of(CALL_TO_ACTION_KEY)
            self.problems.append(Problem(self.source.path, line, error.message, "error", CALL_TO_ACTION_KEY))
            return None

    def summary(self, rendered: Rendered) -> str:
        return self.text("summary") or self.text("description") or rendered.first_paragraph

    def raise_problems(self) -> None:
        if self.problems:
            raise ContentProblems(self.problems)


def image_url(value: str) -> str:
    """Where a frontmatter image lives: absolute URLs and site paths stay, a bare name is in content/media/."""
    if urlsplit(value).scheme or value.startswith("/"):
        return value
    return MEDIA_PREFIX + value.removeprefix("./")


