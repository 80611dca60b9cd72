"""The site's shell, which every page the service renders is wrapped in: where it comes from and how it is kept.

Why a shell, rather than a layout of the service's own: the board, its error pages and the dashboard belong to
the site, so they should show its navigation, footer, stylesheet, title pattern and dates, and follow its changes
without a second edit. The site renders its own layout once with slots for the page's name, the end of <head>
and the content (`herald_site.page_shell` is the contract; a build writes it at /_herald/shell.html with every
link absolute), and the service fills those slots with each page (service/page_look.py).

Where it comes from is one setting, HERALD_SITE_SHELL: a file (read again as soon as it changes: `build.py demo`
points at its build's own), or a URL, by default `{HERALD_SITE_ORIGIN}/_herald/shell.html`. A URL is fetched
with a short timeout, kept in memory and asked again at most every SHELL_REFRESH_SECONDS with If-None-Match
(every SHELL_RETRY_SECONDS while none was fetched yet); only one request at a time asks, the others use the
copy there is. While the site does not answer, or answers
with something that is not a shell, the last good copy stays; until one was ever read (or with no site at all),
a plain shell built in here, with the site's title, stands in. Each failure is logged once.

A page in a language other than the site's default wears that language's shell, which the site writes in the
language's folder (/fr/_herald/shell.html: its `lang`, words, menu, title and footer), read and kept the same
way beside the default's (`language_shell_source`); while it cannot be read, the default's stands in.

Trust: the shell is HTML from the site's own build and goes into pages as it is; visitors' input only ever goes
into its slots, through templates that escape it. The service's pages allow no script at all
(service/http/browser_policy.py), so not even a tampered shell could run one on them.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, tzinfo
from pathlib import Path
from urllib.error import HTTPError, URLError
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup

from herald_site.page_shell import SLOTS, ShellError, split_shell
from herald_site.urls import SHELL

from .config import ConfigError

log = logging.getLogger(__name__)

SHELL_REFRESH_SECONDS = 300.0  # how stale a fetched shell may get: a site's look changes with its deploys
SHELL_RETRY_SECONDS = 30.0  # how soon to ask again while no shell was ever fetched (a site starting up)
SHELL_TIMEOUT_SECONDS = 3.0  # connecting, and each read: a page waits at most this long for a slow site
MAX_SHELL_BYTES = 512 * 1024  # the sample's is 2 kB
URL_SCHEMES = ("http://", "https://")
USER_AGENT = "Herald service (site shell)"


class ShellUnavailable(Exception):
    """The shell could not be read; the message says why."""


@dataclass(frozen=True)
class Shell:
    """A shell cut at its slots, as Markup (it is the site's own HTML), and the time zone its dates read in."""

    before_title: Markup
    before_head: Markup
    before_main: Markup
    after_main: Markup
    timezone: tzinfo

    @classmethod
    def from_html(cls, html: str) -> Shell:
        """The shell in `html`; raises ShellError (from herald_site.page_shell) when it is none."""
        parts = split_shell(html)
        assert len(parts.pieces) == len(SLOTS) + 1  # one piece around each slot, as the fields are
        return cls(*(Markup(piece) for piece in parts.pieces), timezone=_zone(parts.timezone))


def _zone(name: str | None) -> tzinfo:
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


class ShellSource:
    """The shell to wrap pages in now: the last good one read from `location`, else `fallback`.

    Subclasses say when to read again (`_due`) and how to read (`_read`, which returns None when the text is
    unchanged and raises ShellUnavailable when it cannot be read).
    """

    def __init__(self, location: str, fallback: Shell, clock: Callable[[], float] = time.monotonic) -> None:
        self.location = location
        self.fallback = fallback
        self.clock = clock
        self._shell: Shell | None = None
        self._lock = threading.Lock()
        self._last_problem: str | None = None
        self.stand_in = "the plain built-in shell"  # what pages wear until a shell is read, for the log

    def current(self) -> Shell:
        # Before any shell was read every request waits for the reading; after, only the one that reads.
        if self._due() and self._lock.acquire(blocking=not self.has_read()):
            try:
                if self._due():
                    self._refresh()
            finally:
                self._lock.release()
        return self._shell or self.fallback

    def _refresh(self) -> None:
        try:
            text = self._read()
            if text is None:
                return
            self._shell = Shell.from_html(text)
            self._accepted()
            self._last_problem = None
        except (ShellUnavailable, ShellError) as problem:
            if str(problem) != self._last_problem:
                keeping = "the last good copy" if self.has_read() else self.stand_in
                log.warning("The site's shell from %s is unusable (%s); pages use %s.", self.location, problem,
                            keeping)
            self._last_problem = str(problem)

    def has_read(self) -> bool:
        """Whether a good shell was read from `location` (else pages wear `fallback`)."""
        return self._shell is not None

    def _due(self) -> bool:
        raise NotImplementedError

    def _read(self) -> str | None:
        raise NotImplementedError

    def _accepted(self) -> None:
        """Called once what `_read` returned was taken as the shell."""


class FileShell(ShellSource):
    """A shell in a file, read again whenever the file changes (a cheap stat per page)."""

    def __init__(self, location: str, fallback: Shell, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(location, fallback, clock)
        self._seen: object = ()  # the identity of the file last read (or found missing)

    def _identity(self) -> object:
        try:
            found = os.stat(self.location)
        except OSError:
            return None
        return found.st_ino, found.st_size, found.st_mtime_ns

    def _due(self) -> bool:
        return self._identity() != self._seen

    def _read(self) -> str | None:
        self._seen = self._identity()
        try:
            with open(self.location, "rb") as file:
                return _decoded(file.read(MAX_SHELL_BYTES + 1), "utf-8")
        except OSError as error:
            raise ShellUnavailable(error.strerror or str(error)) from error


class UrlShell(ShellSource):
    """A shell at a URL, asked again at most every SHELL_REFRESH_SECONDS (SHELL_RETRY_SECONDS until one was
    fetched), with If-None-Match."""

    def __init__(self, location: str, fallback: Shell, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(location, fallback, clock)
        self._next_check = self._asked_at = float("-inf")
        self._etag: str | None = None
        self._answer_etag: str | None = None

    def _due(self) -> bool:
        return self.clock() >= self._next_check

    def _read(self) -> str | None:
        self._asked_at = self.clock()
        self._next_check = self._asked_at + (SHELL_REFRESH_SECONDS if self.has_read() else SHELL_RETRY_SECONDS)
        headers = {"Accept": "text/html", "User-Agent": USER_AGENT}
        if self._etag:
            headers["If-None-Match"] = self._etag
        request = urllib.request.Request(self.location, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=SHELL_TIMEOUT_SECONDS) as answer:
                self._answer_etag = answer.headers.get("ETag")
                return _decoded(answer.read(MAX_SHELL_BYTES + 1), answer.headers.get_content_charset() or "utf-8")
        except HTTPError as error:
            if error.code == 304:
                return None
            raise ShellUnavailable(f"the site answered {error.code}") from error
        except (URLError, OSError) as error:
            raise ShellUnavailable(str(getattr(error, "reason", error))) from error

    def _accepted(self) -> None:
        self._etag = self._answer_etag
        self._next_check = self._asked_at + SHELL_REFRESH_SECONDS


def _decoded(data: bytes, charset: str) -> str:
    if len(data) > MAX_SHELL_BYTES:
        raise ShellUnavailable(f"it is larger than {MAX_SHELL_BYTES // 1024} kB")
    try:
        return data.decode(charset)
    except (UnicodeDecodeError, LookupError) as error:
        raise ShellUnavailable(f"it is not text in {charset}") from error


class BuiltInShell(ShellSource):
    """No site to take the shell from: always the plain one."""

    def _due(self) -> bool:
        return False


def language_shell_source(default: ShellSource, folder: str) -> ShellSource | None:
    """The shell of the language whose pages live in `folder` ("/fr/"), read as the default's is: the site writes
    it in that folder (/fr/_herald/shell.html beside /_herald/shell.html). None where the default's location is
    not of that shape (a file named otherwise, or no site at all): then every language wears the default's."""
    if not default.location.endswith(SHELL) or isinstance(default, BuiltInShell):
        return None
    source = type(default)(default.location.removesuffix(SHELL) + folder.rstrip("/") + SHELL, default.fallback)
    source.stand_in = "the default language's shell"
    return source


def shell_source(setting: str | None, site_origin: str | None, fallback: Shell) -> ShellSource:
    """Where the shell comes from, given HERALD_SITE_SHELL and HERALD_SITE_ORIGIN (see the module's docstring)."""
    location = setting or (f"{site_origin.rstrip('/')}{SHELL}" if site_origin else None)
    if location is None:
        return BuiltInShell("(none)", fallback)
    if location.startswith(URL_SCHEMES):
        return UrlShell(location, fallback)
    if "://" in location:
        raise ConfigError(f"HERALD_SITE_SHELL={location!r}: use an http(s) URL or a file's path")
    return FileShell(str(Path(location).expanduser()), fallback)
