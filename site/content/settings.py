"""Reading content/site.yml into a SiteConfig, with errors that name the line of the bad setting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from herald_site.content.calls_to_action import SITE_KEYS as CALL_TO_ACTION_KEYS
from herald_site.content.calls_to_action import site_calls_to_action
from herald_site.content.frontmatter import parse_yaml_mapping, yaml_line
from herald_site.content.language_settings import read_language_settings
from herald_site.content.languages import canonical_code, read_languages
from herald_site.content.model import ContactTopic, ContentError, NavLink, SiteConfig
from herald_site.content.redirect_values import redirect_target
from herald_site.content.share_frontmatter import SHARE_IMAGE_SUFFIXES
from herald_site.content.site_language import Language
from herald_site.content.social_accounts import SOCIAL_KEY, read_social_accounts
from herald_site.content.static_folders import STATIC_KEY, read_static_folders
from herald_site.content.theme_settings import THEME_KEY, read_theme
from herald_site.content.walk import link_out
from herald_site.document_urls import DocumentPatterns, placeholder_problem, sample_url, spelled_out
from herald_site.written_paths import normalize_url_path, redirect_source

CONFIG_FILE = "site.yml"
LIQUID_KEY = "liquid"  # which documents Liquid renders (herald_site.content.liquid_site)
_KNOWN_KEYS = frozenset(
    {"title", "url", "language", "languages", "author", "description", "timezone", "service_url", "nav", SOCIAL_KEY,
     "posts_per_page", "feed_size", "contact_topics", "icon", "image", "permalink", "permalinks", "redirects",
     THEME_KEY, LIQUID_KEY, STATIC_KEY}
) | CALL_TO_ACTION_KEYS
MEDIA_FOLDER = "media"
ICON_SUFFIXES = (".svg", ".png")
SETTING_KEYS = _KNOWN_KEYS  # the keys Herald reads itself: an importer keeps another tool's settings off them
T = TypeVar("T")


class _Settings:
    """Typed access to the parsed YAML; each failure is a ContentError at the setting's line."""

    def __init__(self, path: Path, data: dict[str, Any], key_lines: dict[str, int]) -> None:
        self.path, self.data, self.key_lines = path, data, key_lines

    def fail(self, key: str, message: str) -> ContentError:
        return ContentError(self.path, self.key_lines.get(key, 1), message, key)

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, f"missing `{key}`; add `{key}: ...` to {CONFIG_FILE}")
        if not isinstance(value, str):
            raise self.fail(key, f"`{key}` should be text, got {value!r}")
        return value.strip()

    def url(self, key: str, *, required: bool) -> str | None:
        if not required and self.data.get(key) is None:
            return None
        value = self.text(key)
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise self.fail(key, f"`{key}` should be an absolute URL such as https://example.org, got {value!r}")
        return value.rstrip("/")

    def positive_int(self, key: str, default: int) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(key, f"`{key}` should be a whole number of at least 1, got {value!r}")
        return value

    def records(self, key: str, fields: tuple[str, ...]) -> list[dict[str, str]]:
        """A list of mappings that each give every one of `fields` as text."""
        items = self.data.get(key) or []
        shape = ", ".join(f"{name}: ..." for name in fields)
        if not isinstance(items, list):
            raise self.fail(key, f"`{key}` should be a list of entries like `- {{{shape}}}`")
        for item in items:
            if not isinstance(item, dict) or any(not isinstance(item.get(name), str) for name in fields):
                raise self.fail(key, f"each entry of `{key}` needs {', '.join(fields)} as text, like `- {{{shape}}}`")
        return items

    def topic_labels(self, topic: dict[str, Any], languages: tuple[Language, ...]) -> tuple[tuple[str, str], ...]:
        """A contact topic's `labels`: its name in other languages of the site, like `{fr: Presse}`."""
        value = topic.get("labels") or {}
        shape = "`labels: {fr: Presse, ar: الصحافة}`"
        if not isinstance(value, dict) or not all(isinstance(text, str) and text.strip() for text in value.values()):
            raise self.fail("contact_topics", f"a contact topic's `labels` should map a language to text, like {shape}")
        codes = {language.code for language in languages}
        labels = []
        for code, label in value.items():
            canonical = canonical_code(str(code))
            if canonical not in codes:
                raise self.fail("contact_topics", f"the labels of contact topic {topic['key']!r} name {code!r}, "
                                f"which is not one of the site's languages ({', '.join(sorted(codes))})")
            labels.append((canonical, label.strip()))
        return tuple(labels)

    def timezone(self) -> ZoneInfo:
        name = self.text("timezone", "UTC")
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as error:
            message = f"unknown time zone {name!r}; use a name such as Europe/London or UTC"
            raise self.fail("timezone", message) from error

    def media_file(self, key: str, media: Path, suffixes: tuple[str, ...], kinds: str) -> str | None:
        """The path under `media` of the file `key` names, checked to be one of `kinds` there."""
        if self.data.get(key) is None:
            return None
        name = self.text(key).removeprefix(f"/{MEDIA_FOLDER}/")
        if not name.lower().endswith(suffixes):
            raise self.fail(key, f"`{key}` should be {kinds} file in {media}, got {name!r}")
        path = (media / name).resolve()
        if not path.is_relative_to(media.resolve()) or not path.is_file():
            raise self.fail(key, f"`{key}` {name} not found: there is no file {media / name}")
        return path.relative_to(media.resolve()).as_posix()

    def liquid(self) -> bool | None:
        """`liquid:` true (every document), false (none) or auto, the default (herald_site.content.liquid_site)."""
        value = self.data.get(LIQUID_KEY, "auto")
        if value == "auto" or value is None:
            return None
        if not isinstance(value, bool):
            raise self.fail(LIQUID_KEY, f"`{LIQUID_KEY}` should be true, false or auto, got {value!r}")
        return value


def read_document_patterns(path: Path, text: str, data: dict[str, Any]) -> DocumentPatterns:
    """The URL patterns of posts and pages: `permalink` (posts, as Jekyll's `_config.yml` has it) or `permalinks:
    {posts: ..., pages: ...}`; a pattern with a placeholder its kind has no value for, or leading out of the site,
    is a ContentError at its line."""
    given: dict[str, tuple[object, tuple[str, ...]]] = {}
    if data.get("permalink") is not None:
        given["posts"] = data["permalink"], ("permalink",)
    kinds = data.get("permalinks")
    if kinds is not None and (not isinstance(kinds, dict) or not set(kinds) <= {"posts", "pages"}):
        example = "`permalinks: {posts: /news/:year/:title/, pages: /:title/}`"
        raise ContentError(path, yaml_line(text, ("permalinks",)), "`permalinks` should map `posts` and `pages` to "
                           f"URL patterns, like {example}", "permalinks")
    for kind, value in (kinds or {}).items():
        if kind in given:
            raise ContentError(path, yaml_line(text, ("permalinks", kind)), "the posts' URL pattern is given twice, "
                               "as `permalink` and as `permalinks: posts`; keep one", "permalinks")
        given[kind] = value, ("permalinks", kind)
    patterns = {}
    for kind, (value, where) in given.items():
        line = yaml_line(text, where)
        if not isinstance(value, str) or not value.strip():
            raise ContentError(path, line, f"`{'.'.join(where)}` should be a URL pattern like /:year/:title/ or one "
                               "of the styles pretty, date, ordinal, weekdate, none", where[0])
        pattern = spelled_out(value)
        problem = placeholder_problem(pattern, kind)
        if problem:
            raise ContentError(path, line, f"`{'.'.join(where)}` {value!r} {problem}", where[0])
        try:
            normalize_url_path(sample_url(pattern))
        except ValueError as error:
            raise ContentError(path, line, f"`{'.'.join(where)}` {error}", where[0]) from error
        patterns[kind] = pattern
    return DocumentPatterns(**patterns)


def read_redirects(path: Path, text: str, settings: _Settings) -> tuple[tuple[str, str], ...]:
    """site.yml's `redirects`: each old address (`from`) with where it leads (`to`, a path on this site or an
    http(s) address), as Netlify's `_redirects` lists them."""
    found = []
    for number, item in enumerate(settings.records("redirects", ("from", "to"))):
        line = yaml_line(text, ("redirects", number))
        for key, read in (("from", redirect_source), ("to", redirect_target)):
            try:
                item[key] = read(item[key])
            except ValueError as error:
                raise ContentError(path, line, f"a redirect's `{key}` {error}", "redirects") from error
        found.append((item["from"], item["to"]))
    return tuple(found)


# Stands in for a setting that cannot be read, or for all of them, so the documents still get checked and every
# problem is listed at once.
FALLBACK_CONFIG = SiteConfig(title="", url="http://localhost")
# The settings that decide which addresses the site has. While one of them cannot be read, links are not checked:
# against its default every link to a French page, a static file or a post's dated address would be "missing".
ADDRESS_KEYS = frozenset({"url", "language", "languages", "timezone", "posts_per_page", STATIC_KEY, "permalink",
                          "permalinks", "redirects"})


@dataclass(frozen=True)
class SettingsRead:
    """site.yml read one setting at a time: the settings (a bad one at its default), and the errors in order."""

    config: SiteConfig
    errors: tuple[ContentError, ...] = ()
    failed_keys: frozenset[str] = frozenset()

    @property
    def addresses_known(self) -> bool:
        """Whether every setting deciding the site's addresses was read, so that links can be checked."""
        return self.failed_keys.isdisjoint(ADDRESS_KEYS)


class _Collected:
    """Reads settings one by one, noting the error of a bad one and putting its default in its place, so that one
    mistake neither hides the others nor drops the settings that were right."""

    def __init__(self) -> None:
        self.errors: list[ContentError] = []
        self.failed_keys: set[str] = set()

    def read(self, key: str, default: T, reader: Callable[[], T]) -> T:
        try:
            return reader()
        except ContentError as error:
            self.errors.append(error)
            self.failed_keys.add(key)
            return default


def _default(_key: str, default: T, _reader: Callable[[], T]) -> T:
    """A setting not read, since what it is read against could not be."""
    return default


def load_config(content_dir: Path) -> SiteConfig:
    """The settings in content_dir/site.yml; raises ContentError naming the line of the first bad setting, or the
    file when it is missing or a link leading out of the content folder (which is not read)."""
    settings = read_settings(content_dir)
    if settings.errors:
        raise settings.errors[0]
    return settings.config


def read_settings(content_dir: Path) -> SettingsRead:
    """Every setting of content_dir/site.yml that can be read, and an error for each that cannot; raises
    ContentError when there is nothing to read (no file, a link out of the folder, YAML that does not parse)."""
    path = content_dir / CONFIG_FILE
    refused = link_out(content_dir, path)
    if refused is not None:
        raise refused
    if not path.is_file():
        raise ContentError(path, None, f"{CONFIG_FILE} not found; create it with at least `title` and `url`")
    text = path.read_text(encoding="utf-8-sig")
    data, key_lines = parse_yaml_mapping(text, path)
    settings = _Settings(path, data, key_lines)
    collected = _Collected()
    read = collected.read
    defaults = FALLBACK_CONFIG
    languages = read("languages", defaults.languages, lambda: read_languages(path, data, key_lines))
    # What each language says is read against the languages: with those unread it is left at its default.
    by_language = read if "languages" not in collected.failed_keys else _default
    home, post_call_to_action = read("calls_to_action", (defaults.home, None),
                                     lambda: site_calls_to_action(path, text, data))
    config = SiteConfig(
        title=read("title", "", lambda: settings.text("title")),
        url=read("url", defaults.url, lambda: settings.url("url", required=True) or ""),
        language=next(language.code for language in languages if language.default),
        languages=languages,
        author=read("author", "", lambda: settings.text("author", "")),
        description=read("description", "", lambda: settings.text("description", "")),
        timezone=read("timezone", defaults.timezone, settings.timezone),
        service_url=read("service_url", None, lambda: settings.url("service_url", required=False)),
        nav=read("nav", (), lambda: tuple(
            NavLink(item["title"], item["url"]) for item in settings.records("nav", ("title", "url")))),
        social=read(SOCIAL_KEY, (), lambda: read_social_accounts(path, text, data.get(SOCIAL_KEY))),
        image=read("image", None, lambda: settings.media_file("image", content_dir / MEDIA_FOLDER, SHARE_IMAGE_SUFFIXES,
                                                              "a PNG, JPEG or WebP")),
        posts_per_page=read("posts_per_page", defaults.posts_per_page,
                            lambda: settings.positive_int("posts_per_page", defaults.posts_per_page)),
        feed_size=read("feed_size", defaults.feed_size, lambda: settings.positive_int("feed_size", defaults.feed_size)),
        contact_topics=by_language("contact_topics", (), lambda: tuple(
            ContactTopic(item["key"], item["label"], item["address"], settings.topic_labels(item, languages))
            for item in settings.records("contact_topics", ("key", "label", "address")))),
        home=home,
        post_call_to_action=post_call_to_action,
        icon=read("icon", None, lambda: settings.media_file("icon", content_dir / MEDIA_FOLDER, ICON_SUFFIXES,
                                                            "an SVG or PNG")),
        theme=read(THEME_KEY, None, lambda: read_theme(path, text, data.get(THEME_KEY))),
        language_settings=by_language("languages", {}, lambda: read_language_settings(
            path, text, data.get("languages") or [], languages)),
        liquid=read(LIQUID_KEY, None, settings.liquid),
        static_folders=read(STATIC_KEY, (), lambda: read_static_folders(
            path, data.get(STATIC_KEY), key_lines.get(STATIC_KEY, 1), content_dir)),
        permalinks=read("permalinks", defaults.permalinks, lambda: read_document_patterns(path, text, data)),
        redirects=read("redirects", (), lambda: read_redirects(path, text, settings)),
        extra={key: value for key, value in data.items() if key not in _KNOWN_KEYS},
    )
    return SettingsRead(config, tuple(collected.errors), frozenset(collected.failed_keys))
