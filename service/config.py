"""The service's settings: defaults that run on one machine with no set-up, overridden by the environment.

Every setting is read once, in `create_app`; nothing reads the environment at import time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

KIB = 1024

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # None: a SQLite file under the instance folder
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_KEY_PREFIX": "herald",  # lets several sites (or test runs) share one Redis
    "HERALD_ADMIN_TOKEN": None,  # None: admin routes refuse everyone; else at least SECRET_MINIMUM characters
    "SECRET_KEY": None,  # None: a random key kept in instance/secret_key; else at least SECRET_MINIMUM bytes
    "HERALD_SITE_TITLE": None,  # in the plain shell, until the site's was read; None: the site's host
    "HERALD_SITE_ORIGIN": None,  # e.g. https://cleanair.example.org; None: no cross-origin access at all
    "HERALD_SITE_SHELL": None,  # a file or URL; None: {HERALD_SITE_ORIGIN}/_herald/shell.html (site_shell.py)
    "HERALD_SITE_LANGUAGES": "",  # "en,fr,ar": the site's languages, its default first; empty: not known
    "HERALD_SMTP_URL": None,  # e.g. smtp://user:pass@mail.example.org:587?starttls=1
    "HERALD_CONTACT_TO": None,
    "HERALD_CONTACT_FROM": "herald@localhost",
    "HERALD_CONTACT_TOPICS": "",  # "press=press@example.org,volunteering=help@example.org"
    "HERALD_CONTACT_WORKER": True,  # deliver in a background thread; off: only `flask outbox retry` sends
    "HERALD_CONTACT_POLL_SECONDS": 30.0,  # how often the worker looks for retries that have come due
    "HERALD_CONTACT_RETRY_SECONDS": 60.0,  # wait after the first failed attempt; doubles with each one
    "HERALD_CONTACT_RETRY_MAX_SECONDS": 3600.0,  # the longest wait between two attempts
    "HERALD_CONTACT_MAX_ATTEMPTS": 10,  # after this many failed attempts a message is marked failed
    "HERALD_SMTP_TIMEOUT": 10.0,  # seconds to wait for the mail server on each step
    "HERALD_SOCIAL_FEED": None,  # the site's Atom feed; None: {HERALD_SITE_ORIGIN}/atom.xml
    "HERALD_MASTODON_URL": None,  # e.g. https://mastodon.social; with HERALD_MASTODON_TOKEN, posts go there
    "HERALD_MASTODON_TOKEN": None,
    "HERALD_BLUESKY_HANDLE": None,  # e.g. cleanair.bsky.social; with HERALD_BLUESKY_APP_PASSWORD
    "HERALD_BLUESKY_APP_PASSWORD": None,
    "HERALD_BLUESKY_SERVICE": None,  # the account's PDS; None: https://bsky.social
    "HERALD_BLUESKY_APPVIEW": None,  # where public threads are read; None: https://public.api.bsky.app
    "HERALD_SOCIAL_WORKER": True,  # syndicate and fetch replies in a background thread; off: only `flask social sync`
    "HERALD_SOCIAL_POLL_SECONDS": 300.0,  # how often the worker reads the feed, posts and fetches replies
    "HERALD_SOCIAL_TIMEOUT": 10.0,  # seconds to wait for a network's answer
    "HERALD_SOCIAL_REPLIES_DAYS": 30.0,  # replies are fetched for the copies posted in this many days
    "HERALD_CMS_BACKEND": None,  # local | github | gitlab; None: no content manager (service/cms/)
    "HERALD_CMS_REPOSITORY": None,  # local: the working clone the service commits in and pushes from
    "HERALD_CMS_BRANCH": "main",  # the branch saves are committed to
    "HERALD_CMS_CONTENT_PATH": "content",  # the site's content folder inside the repository
    "HERALD_CMS_COMMITTER": "Herald <herald@localhost>",  # each commit's committer; its author is the editor
    "HERALD_CMS_MIRROR": None,  # github, gitlab: where the branch's content is mirrored; None: instance/cms-mirror
    "HERALD_CMS_TIMEOUT": 20.0,  # seconds to wait for the repository host's answer
    "HERALD_CMS_WORKER": True,  # retry queued saves in a background thread; off: only `flask content retry`
    "HERALD_CMS_POLL_SECONDS": 60.0,  # how often the worker looks for saves whose retry has come due
    "HERALD_CMS_RETRY_SECONDS": 60.0,  # wait after a save's first failed attempt; doubles with each one
    "HERALD_CMS_RETRY_MAX_SECONDS": 3600.0,  # the longest wait between two attempts
    "HERALD_CMS_MAX_ATTEMPTS": 48,  # then the save is marked failed (kept; `flask content retry --all`)
    "HERALD_GITHUB_REPOSITORY": None,  # github: owner/name
    "HERALD_GITHUB_TOKEN": None,  # github: a fine-grained token, Contents: read and write on that repository
    "HERALD_GITHUB_API": "https://api.github.com",
    "HERALD_GITLAB_PROJECT": None,  # gitlab: the project's id or path (group/name)
    "HERALD_GITLAB_TOKEN": None,  # gitlab: a project access token with the api scope
    "HERALD_GITLAB_API": "https://gitlab.com/api/v4",
    "HERALD_TRUSTED_PROXIES": 0,
    "HERALD_MODERATION": "auto",  # auto | queue
    "HERALD_CMS_REVIEW": False,  # on: an editor's Publish is a submission an admin or another editor publishes
    "HERALD_EDIT_WINDOW_SECONDS": 15 * 60,
    "HERALD_AUTO_MIGRATE": True,
    "MAX_CONTENT_LENGTH": 64 * KIB,
    # Limits a person never meets but a burst does (Flask-Limiter's notation).
    "HERALD_LIMIT_COMMENTS": "5 per minute; 60 per hour",
    "HERALD_LIMIT_BOARD": "5 per minute; 60 per hour",
    "HERALD_LIMIT_CONTACT": "3 per minute; 20 per hour",
    "HERALD_LIMIT_EVENTS": "120 per minute",
    "HERALD_LIMIT_EDITS": "20 per minute",
    "HERALD_LIMIT_SIGN_IN": "10 per minute; 50 per hour",
    "HERALD_LIMIT_SOCIAL_RETRY": "10 per minute",
    "HERALD_LIMIT_CONTENT_PREVIEW": "120 per minute",  # the editor's live preview asks about once a second
    "HERALD_LIMIT_CONTENT_UPLOAD": "30 per minute",
}

BOOLEAN_SETTINGS = {"RATELIMIT_ENABLED", "HERALD_AUTO_MIGRATE", "HERALD_CONTACT_WORKER", "HERALD_SOCIAL_WORKER",
                    "HERALD_CMS_REVIEW", "HERALD_CMS_WORKER"}
INTEGER_SETTINGS = {"HERALD_TRUSTED_PROXIES", "HERALD_EDIT_WINDOW_SECONDS", "MAX_CONTENT_LENGTH"}
MODERATION_MODES = ("auto", "queue")
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")  # en, pt-BR, zh-Hant-TW
SECRET_MINIMUM = 32  # bytes of a key, characters of a token: past guessing, even offline
MAKE_A_SECRET = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
SET_SECRET_KEY = (f"Set SECRET_KEY to the output of {MAKE_A_SECRET}, or leave it unset to have one kept in the "
                  "instance folder.")


class ConfigError(ValueError):
    """A setting has a value the service cannot run with; the message names the setting and what it takes."""


def _parse(name: str, raw: str) -> Any:
    if name in BOOLEAN_SETTINGS:
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(f"{name}={raw!r}: use 1 or 0")
    if name in INTEGER_SETTINGS:
        try:
            return int(raw)
        except ValueError as error:
            raise ConfigError(f"{name}={raw!r}: use a whole number") from error
    return raw


def settings_from_environ(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings the environment gives, parsed; unknown variables are ignored."""
    return {name: _parse(name, environ[name]) for name in DEFAULTS if environ.get(name) is not None}


def resolve_settings(overrides: Mapping[str, Any] | None, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Defaults, then the environment, then explicit overrides (tests pass a dict), validated."""
    settings = dict(DEFAULTS)
    settings.update(settings_from_environ(os.environ if environ is None else environ))
    settings.update(overrides or {})
    if settings["HERALD_MODERATION"] not in MODERATION_MODES:
        raise ConfigError(f"HERALD_MODERATION={settings['HERALD_MODERATION']!r}: use one of {', '.join(MODERATION_MODES)}")
    if settings["HERALD_TRUSTED_PROXIES"] < 0:
        raise ConfigError("HERALD_TRUSTED_PROXIES must be 0 or more")
    if settings["SECRET_KEY"] is not None:  # set, even to nothing (a variable filled from a missing file)
        check_secret_key(settings["SECRET_KEY"], "SECRET_KEY")
    settings["HERALD_SITE_LANGUAGES"] = site_languages(settings["HERALD_SITE_LANGUAGES"])
    token = settings["HERALD_ADMIN_TOKEN"]
    if token and len(token) < SECRET_MINIMUM:
        raise ConfigError(f"HERALD_ADMIN_TOKEN has {len(token)} characters; it needs at least {SECRET_MINIMUM}, "
                          f"or anyone may guess it. Make one with {MAKE_A_SECRET}")
    return settings


def site_languages(raw: str | Sequence[str]) -> tuple[str, ...]:
    """The site's language codes from "en,fr,ar" (or a list), its default first; each a BCP 47 code."""
    codes = tuple(code.strip() for code in (raw.split(",") if isinstance(raw, str) else raw) if code.strip())
    wrong = [code for code in codes if not LANGUAGE_CODE.fullmatch(code)]
    if wrong:
        raise ConfigError(f"HERALD_SITE_LANGUAGES: {', '.join(map(repr, wrong))} is no language code; list the "
                          "site's, its default first, as in site.yml: en,fr,ar")
    return codes


def check_secret_key(key: str, source: str, remedy: str = SET_SECRET_KEY) -> None:
    """Refuse a key too short to keep edit tokens and keyed hashes unforgeable, saying where it came from."""
    size = len(key.encode())
    if size < SECRET_MINIMUM:
        raise ConfigError(f"{source} holds a key of {size} bytes; it needs at least {SECRET_MINIMUM}, or edit tokens "
                          f"can be forged. {remedy}")


def positive_setting(config: Mapping[str, Any], name: str) -> float:
    """A setting that is a number above 0 (seconds, a count), or a ConfigError naming it."""
    try:
        value = float(config[name])
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{name}={config[name]!r}: use a number of seconds (or a count) above 0") from error
    if value <= 0:
        raise ConfigError(f"{name}={config[name]!r}: use a number above 0")
    return value
