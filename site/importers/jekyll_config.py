"""A Jekyll site's `_config.yml`, read for the import: what becomes site.yml, the permalink style, collections,
front matter defaults and excluded paths, and what of it stays behind (plugins, a theme gem), at its line."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from herald_site.content.settings import SETTING_KEYS
from herald_site.content.social_accounts import NETWORKS
from herald_site.errors import CommandError
from herald_site.importers.output import LeftBehind

CONFIG_FILE = "_config.yml"
DEFAULT_PERMALINK = "date"  # Jekyll's, when _config.yml names none
# Jekyll's own settings (how it builds), which mean nothing to Herald and are not carried into site.yml.
_BUILD_SETTINGS = frozenset({
    "source", "destination", "collections_dir", "plugins_dir", "layouts_dir", "data_dir", "includes_dir", "sass_dir",
    "collections", "safe", "include", "exclude", "keep_files", "encoding", "markdown_ext", "strict_front_matter",
    "show_drafts", "limit_posts", "future", "unpublished", "whitelist", "plugins", "gems", "markdown", "highlighter",
    "lsi", "excerpt_separator", "incremental", "detach", "port", "host", "show_dir_listing", "permalink", "quiet",
    "verbose", "defaults", "liquid", "rdiscount", "redcarpet", "kramdown", "commonmark", "sass", "webrick",
    "livereload", "livereload_port", "paginate", "paginate_path", "theme", "remote_theme", "lang", "locale",
    "twitter", "twitter_username", "github_username", "facebook", "social", "logo", "baseurl", "url", "title",
    "description", "author", "timezone", "feed", "jekyll-archives", "sitemap", "profile", "serving",
})
# Plugins whose work Herald does itself: feeds, a sitemap, page metadata, redirect_from and paged lists.
DONE_BY_HERALD = frozenset({"jekyll-feed", "jekyll-sitemap", "jekyll-seo-tag", "jekyll-redirect-from",
                            "jekyll-paginate"})
_JEKYLL_EXCLUDES = (".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
                    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/")


@dataclass(frozen=True)
class Collection:
    label: str
    output: bool
    permalink: str | None
    line: int


@dataclass(frozen=True)
class DefaultSet:
    """One entry of `defaults`: values for the documents under `path` (a prefix or a glob) of `type`."""

    path: str
    type: str | None
    values: dict[str, Any]

    def applies(self, relative: PurePosixPath, types: tuple[str, ...]) -> bool:
        if self.type is not None and self.type not in types:
            return False
        scope = self.path.strip("/")
        if "*" in scope:
            return fnmatch.fnmatch(str(relative), scope) or fnmatch.fnmatch(str(relative.parent), scope)
        return not scope or str(relative) == scope or str(relative).startswith(scope + "/")

    def weight(self) -> tuple[int, bool]:
        """Jekyll's precedence: a longer path wins, then a set naming a type; at a tie, the later one."""
        return len([part for part in self.path.strip("/").split("/") if part]), self.type is not None


@dataclass(frozen=True)
class JekyllConfig:
    path: Path
    values: dict[str, Any]
    lines: dict[tuple[Any, ...], int]  # the line of each mapping key and list item, by its path of keys

    @property
    def permalink(self) -> str:
        """The site's permalink style or pattern, which pages' and collections' addresses end like."""
        value = self.values.get("permalink")
        return str(value).strip() if value else DEFAULT_PERMALINK

    @property
    def post_permalink(self) -> str:
        """The posts' pattern: the posts collection's own (`collections: {posts: {permalink: ...}}`) or the site's."""
        collections = self.values.get("collections")
        posts = collections.get("posts") if isinstance(collections, dict) else None
        own = posts.get("permalink") if isinstance(posts, dict) else None
        return str(own).strip() if own else self.permalink

    @property
    def collections(self) -> tuple[Collection, ...]:
        given = self.values.get("collections") or {}
        if isinstance(given, list):
            given = {label: {} for label in given}
        return tuple(Collection(str(label), bool((meta or {}).get("output")), (meta or {}).get("permalink"),
                                self.lines.get(("collections", label), 1))
                     for label, meta in given.items() if isinstance(meta, (dict, type(None))) and label != "posts")

    @property
    def defaults(self) -> tuple[DefaultSet, ...]:
        sets = []
        for entry in self.values.get("defaults") or []:
            scope = (entry or {}).get("scope") or {}
            values = (entry or {}).get("values")
            if isinstance(values, dict):
                sets.append(DefaultSet(str(scope.get("path") or ""), scope.get("type"), values))
        return tuple(sets)

    def defaults_for(self, relative: PurePosixPath, types: tuple[str, ...]) -> dict[str, Any]:
        """The `defaults` values for a document at `relative` of `types`, merged in Jekyll's order of precedence
        (its own front matter goes over them)."""
        merged: dict[str, Any] = {}
        applying = [entry for entry in self.defaults if entry.applies(relative, types)]
        for entry in sorted(applying, key=lambda entry: entry.weight()):  # sorted() keeps the written order at ties
            merged.update(entry.values)
        return merged

    def excluded(self, relative: PurePosixPath) -> bool:
        """Whether Jekyll leaves the path out of the site (its `exclude` list and its own, not `include`d)."""
        text = str(relative)
        listed = [*_JEKYLL_EXCLUDES, *map(str, self.values.get("exclude") or [])]
        included = [str(name).strip("/") for name in self.values.get("include") or []]
        if any(text == name or text.startswith(name + "/") for name in included):
            return False
        return any(_matches(text, pattern) for pattern in listed)

    def line(self, *keys: Any) -> int:
        return self.lines.get(keys, 1)


def _matches(path: str, pattern: str) -> bool:
    pattern = pattern.strip("/")
    return path == pattern or path.startswith(pattern + "/") or fnmatch.fnmatch(path, pattern)


def read_config(source: Path) -> JekyllConfig:
    """The site's _config.yml (an empty one when it has none, as Jekyll allows); raises CommandError for a folder
    that holds no Jekyll site, and for a _config.yml that is no YAML mapping or a link leading out of the site."""
    path = source / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        if not (source / "_posts").is_dir():
            raise CommandError(f"{source} has neither {CONFIG_FILE} nor _posts/: give the folder of a Jekyll site")
        return JekyllConfig(path, {}, {})
    if path.is_symlink() or not path.is_file():
        raise CommandError(f"{path} is a link or not a file; the import reads only the site's own files")
    text = path.read_text(encoding="utf-8-sig")
    try:
        values = yaml.safe_load(text) or {}
        node = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise CommandError(f"{path}{where}: not YAML the import can read ({getattr(error, 'problem', error)})") \
            from None
    if not isinstance(values, dict):
        raise CommandError(f"{path}: should map settings to values, like `title: My site`")
    lines: dict[tuple[Any, ...], int] = {}
    _note_lines(node, (), lines)
    return JekyllConfig(path, values, lines)


def _note_lines(node: yaml.Node | None, keys: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[(*keys, key.value)] = key.start_mark.line + 1
            _note_lines(value, (*keys, key.value), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*keys, index)] = item.start_mark.line + 1
            _note_lines(item, (*keys, index), lines)


def site_settings(config: JekyllConfig, static: list[str]) -> tuple[dict[str, Any], list[LeftBehind]]:
    """site.yml's values for the site, and what of _config.yml stays behind (plugins, a theme gem, a key that
    means something else in Herald)."""
    values = config.values
    accounts = social_accounts(values)
    settings: dict[str, Any] = {
        "title": values.get("title") or "My site",
        "description": values.get("description"),
        "url": str(values.get("url") or "https://example.org").rstrip("/"),
        "baseurl": str(values.get("baseurl") or "").rstrip("/") or None,
        "author": as_text(values.get("author")),
        "timezone": values.get("timezone"),
        "language": str(values.get("lang") or values.get("locale") or "").replace("_", "-") or None,
        "permalink": config.post_permalink,
        "liquid": True,  # as Jekyll: every document's Liquid is rendered, also in code not wrapped in raw
        "social": {network: url for network, url in accounts.items() if network in NETWORKS} or None,
        "static": static or None,
    }
    relative = CONFIG_FILE
    left_behind = [LeftBehind(relative, f"it gives no `{key}`; site.yml says {settings[key]} until you write the "
                                        "site's own") for key in ("title", "url") if not values.get(key)]
    left_behind += [LeftBehind(relative, f"the account {url} is on {network}, a network Herald's `social:` does not "
                                         f"know (it knows {', '.join(NETWORKS)}); not carried over")
                    for network, url in accounts.items() if network not in NETWORKS]
    for key, value in values.items():
        if key in _BUILD_SETTINGS:
            continue
        if key in SETTING_KEYS or key in settings:  # Herald's own setting, which means something else there
            left_behind.append(LeftBehind(relative, f"`{key}` means something else in Herald's site.yml; not "
                                                    "carried over", config.line(key)))
        else:
            settings[key] = value  # the site's own values, which its documents read as {{ site.key }}
    for key in ("plugins", "gems"):  # gems: Jekyll 3's name for the list
        for position, plugin in enumerate(values.get(key) or []):
            if plugin not in DONE_BY_HERALD:
                left_behind.append(LeftBehind(relative, f"the plugin {plugin} does not run in Herald",
                                              config.line(key, position)))
    if values.get("collections_dir"):
        left_behind.append(LeftBehind(relative, f"collections_dir: {values['collections_dir']}: the import reads "
                                                "_posts/ and the collections at the top of the site; move them there",
                                      config.line("collections_dir")))
    for key in ("theme", "remote_theme"):
        if values.get(key):
            left_behind.append(LeftBehind(relative, f"the theme {values[key]}: Herald has its own look (see `theme:` "
                                                    "in its site.yml)", config.line(key)))
    for collection in config.collections:
        if not collection.output:
            left_behind.append(LeftBehind(relative, f"the collection {collection.label} has no pages of its own "
                                                    f"(output: false); Herald has no site.{collection.label} to list "
                                                    "it from", collection.line))
    return {key: value for key, value in settings.items() if value is not None}, left_behind


def as_text(value: object) -> object:
    """A value Herald reads as text, as Jekyll's themes show it: a list of authors joined, an author's `name`."""
    if isinstance(value, list):
        return ", ".join(str(as_text(item)) for item in value)
    if isinstance(value, dict) and "name" in value:
        return str(value["name"])
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def social_accounts(values: dict[str, Any]) -> dict[str, str]:
    """The accounts jekyll-seo-tag and common themes read, as Herald's `social:` (network -> URL)."""
    accounts: dict[str, str] = {}
    twitter = values.get("twitter")
    name = twitter.get("username") if isinstance(twitter, dict) else twitter
    for network, user, address in (("twitter", name or values.get("twitter_username"), "https://twitter.com/"),
                                   ("github", values.get("github_username"), "https://github.com/")):
        if isinstance(user, str) and user.strip("@ "):
            accounts[network] = address + user.strip("@ ")
    social = values.get("social")
    links = social.get("links") if isinstance(social, dict) else None
    facebook = values.get("facebook")
    minima = values.get("minima")
    theme_links = minima.get("social_links") if isinstance(minima, dict) else None  # minima 3: [{icon, url}]
    named = [(None, link) for link in (links if isinstance(links, list) else [])]
    named.append((None, facebook.get("publisher") if isinstance(facebook, dict) else None))
    named += [(entry.get("icon"), entry.get("url")) for entry in (theme_links if isinstance(theme_links, list)
                                                                   else []) if isinstance(entry, dict)]
    for network, link in named:
        parts = urlsplit(str(link or ""))
        if parts.scheme in ("http", "https") and parts.hostname:
            host = parts.hostname.removeprefix("www.")
            accounts.setdefault(str(network or host.split(".")[0]), str(link))
    return accounts
