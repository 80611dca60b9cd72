"""The site's URL shapes: one declaration per kind of page says where it lives, as Pelican derives every URL
from one setting per kind (ARTICLE_URL, TAG_URL, ...).

Each `UrlShape` below is read by everything that needs to know a URL's shape:
- the views register their routes at its Werkzeug rules (`herald_site.web.url_catalog.serves`);
- the freezer builds, and the sitemap lists, the URLs its `values` give for the content index;
- the content checks know from it which links lead to a page, and which URLs a post or page may not take
  (`reserved_owner`: the URLs of a reserved kind, the folders it owns, and any path that would have to be a file
  of one and a folder at once);
- the incremental build signs each URL by it (`herald_site.speed.signatures`).
Nothing here imports Flask: the content reads it too. Every page URL ends in "/" (frozen as ``.../index.html``);
files keep their names. A listing of posts is `paginated`: page 1 at its rule, page N >= 2 under ``page/N/``.

================================  ===============================================================
URL                               what it is
================================  ===============================================================
``/``, ``/page/N/``               home: the latest posts, page N >= 2 of them
post ``url_path``                 ``/YYYY/MM/DD/slug/`` (the post's date in the site's time zone;
                                  slug from the file name, Jekyll's date prefix dropped), or site.yml's
                                  pattern (herald_site.document_urls), or the post's ``permalink``/``path``
page ``url_path``                 ``/slug/`` from the file name in content/pages/, or site.yml's pattern,
                                  or its ``permalink``
``/tags/``                        the index of tags
``/tags/<slug>/``                 a tag's posts, ``/tags/<slug>/page/N/`` for N >= 2
``/tags/<slug>/feed.xml``         a tag's RSS feed
``/categories/<slug>/``           a category's posts, ``/categories/<slug>/page/N/`` for N >= 2
``/archive/``, ``/archive/Y/``    all posts by year, one year's posts
``/feed.xml``, ``/atom.xml``      the RSS 2.0 and Atom 1.0 feeds of the latest posts
``/sitemap.xml``, ``/robots.txt`` for crawlers
``/404.html``                     the page a host serves for unknown paths (each language's in its
                                  folder too: ``/fr/404.html``)
``redirect_from`` addresses       a page sending the reader on to a post or page (``/old/``,
                                  ``/old.html``), and ``/_redirects``, Netlify's list of them
``/favicon.ico``, ``/apple-touch-icon.png``, ``/icon-N.png``, ``/site.webmanifest``
                                  the site icon in the sizes browsers and phones ask for, and the
                                  web app manifest listing them
``/media/<path>``                 the files under content/media/
``/_herald/shell.html``           the site's look around an empty page, which the service wraps its own
                                  pages in (herald_site.page_shell); out of the sitemap, noindex (each
                                  language's in its folder too: ``/fr/_herald/shell.html``)
``/static/<path>``                the theme's files under site/web/static/
================================  ===============================================================

A post's own URL is ``/YYYY/MM/DD/slug/`` (its date in the site's time zone; the slug from the file name, Jekyll's
date prefix and language suffix dropped) and a page's ``/slug/`` (from its file name in content/pages/), unless
site.yml's URL patterns (herald_site.document_urls) or its `permalink` (or `path`) say otherwise: both are served
by the one catch-all rule of `DOCUMENT`.

On a site of several languages, the default language's pages are those above, at the root. Another language's
live in its folder (herald_site.url_languages): its posts and pages (``/fr/YYYY/MM/DD/slug/``, ``/fr/slug/``)
and its own home, tags, categories, archive and feeds, made of its posts (``/fr/``, ``/fr/tags/<slug>/``,
``/fr/feed.xml``):
each `localized` shape is registered again under `LANGUAGE_RULE`, its values naming the language as "lang". The
404 page is localized too: a host serves a language's for the paths under its folder it lacks; and so is the
shell, which the service wraps its pages in a language with (``/fr/_herald/shell.html``). The
sitemap, robots.txt, the icons, the media and the theme are the site's, once.
Herald also writes files for its own use under ``/_herald/``, such as `SHELL`, the site's look around an
empty page that the service wraps its own pages in (herald_site.page_shell).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from herald_site.url_languages import (
    LANGUAGE,
    UrlValues,
    in_language_folder,
    localized_rules,
    localized_values,
)
from herald_site.written_paths import REDIRECT_FILE_SUFFIX

if TYPE_CHECKING:
    from herald_site.content.model import Listing, SiteIndex

STATIC_FOLDER = Path(__file__).resolve().parent / "web" / "static"  # the theme's files, served by `STATIC`
APP_ICON_SIZES = (192, 512)  # what the web app manifest lists (Android's home screen and splash screen)
PAGE_RULE = "page/<int(min=2):page>/"  # after a paginated rule: page N >= 2 of the listing
PAGE_FILE = "index.html"  # the file a page URL ("/a/b/") is written to, in its folder
# The converter of such an address ("fr/old.html", herald_site.web.url_catalog.HtmlFile): a path converter would
# need ".html" written in the rule, and that static suffix would outweigh "/<lang>/404.html" in Werkzeug's matcher.
HTML_FILE = "html_file"
HTML_FILE_PATTERN = r"[^/].*?\.html"

# A Werkzeug rule's variables, and what each converter Herald uses matches (Werkzeug's own patterns).
_VARIABLE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
_CONVERTED = {None: r"[^/]+", "int": r"\d+", "path": r"[^/].*?", HTML_FILE: HTML_FILE_PATTERN}


def one_url(site: SiteIndex, listing: Listing) -> Iterable[UrlValues]:
    """For a kind of page without variables: its one URL (in each language, for a localized kind)."""
    return ({},)


ValuesOf = Callable[["SiteIndex", "Listing"], Iterable[UrlValues]]
"""The values of every URL of a kind of page, for a site and the lists of one of its languages (a kind that is not
localized gets the default language's and may ignore them)."""


@dataclass(frozen=True)
class UrlShape:
    """One kind of page: the endpoint serving it, its Werkzeug rule, and the values of every URL it has."""

    endpoint: str  # "blueprint.view"
    rule: str  # Werkzeug's rule, e.g. "/tags/<slug>/"
    values_in: ValuesOf = one_url  # the values of its URLs in one language's lists
    paginated: bool = False  # a listing of posts: page N >= 2 at rule + PAGE_RULE, `values_in` give every "page"
    reserved: bool = True  # no post or page may take one of its URLs, nor a path inside a folder it owns
    localized: bool = False  # each language has its own: the default's at `rule`, another's under its folder
    listed: bool = True  # an HTML page the sitemap lists (not a redirect)
    _templates: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        templates = tuple(_VARIABLE.sub(r"{\2}", rule) for rule, _ in self.root_rules)
        object.__setattr__(self, "_templates", templates)

    def values(self, site: SiteIndex) -> Iterator[UrlValues]:
        """The values of every URL of the site, each language's in turn for a localized kind: those of a language
        other than the default name it as "lang" ({"slug": "air", "page": 1, "lang": "fr"})."""
        yield from localized_values(site, self) if self.localized else self.values_in(site, site.listing)

    @property
    def root_rules(self) -> tuple[tuple[str, UrlValues], ...]:
        """Every (rule, defaults) of its URLs at the site's root, as the default language has them."""
        if self.paginated:
            return (self.rule, {"page": 1}), (self.rule + PAGE_RULE, {})
        return ((self.rule, {}),)

    @property
    def rules(self) -> tuple[tuple[str, UrlValues], ...]:
        """Every (rule, defaults) the view is registered at: a localized kind's again under LANGUAGE_RULE."""
        return localized_rules(self.root_rules) if self.localized else self.root_rules

    @property
    def is_page(self) -> bool:
        """Whether its URLs are HTML pages (ending in "/"), which the sitemap lists; else they are files."""
        return self.rule.endswith("/")

    @property
    def owned_folders(self) -> tuple[str, ...]:
        """The folders all of whose paths are of this kind: "/tags/" for "/tags/<slug>/", "/page/" for the home's
        pages; none for "/icon-<int:size>.png" or the catch-all of the documents."""
        literals = (rule.partition("<")[0] for rule, _ in self.root_rules if "<" in rule)
        return tuple(literal for literal in literals if literal.endswith("/") and literal != "/")

    def path(self, **values: Any) -> str:
        """The site path of the URL with `values`, as written (before %-escaping): TAG.path(slug="air", page=2);
        with `lang` (a code, or None for the default language), in that language's folder."""
        later_page = self.paginated and values.get("page", 1) != 1
        path = self._templates[1 if later_page else 0].format(**values)
        return in_language_folder(path, values.get(LANGUAGE))

    def file_patterns(self) -> Iterator[str]:
        """Regular expressions of the files its URLs are written to at the root ("/tags/[^/]+/index\\.html"); a
        language's folder keeps them too (herald_site.content.languages strips the folder before asking)."""
        for rule, _ in self.root_rules:
            pattern = "".join(
                _CONVERTED[part[0] or None] if isinstance(part, tuple) else re.escape(part) for part in _parts(rule)
            )
            yield pattern + re.escape(PAGE_FILE) if rule.endswith("/") else pattern


def _parts(rule: str) -> Iterator[str | tuple[str, str]]:
    """A rule's literal text and its variables (converter, name), in order."""
    position = 0
    for match in _VARIABLE.finditer(rule):
        yield rule[position : match.start()]
        yield match.group(1) or "", match.group(2)
        position = match.end()
    yield rule[position:]


def page_count(item_count: int, per_page: int) -> int:
    """How many pages a listing has; an empty listing still has its first page."""
    return max(1, math.ceil(item_count / per_page))


def pages(item_count: int, per_page: int, **values: Any) -> Iterator[UrlValues]:
    """The values of every page of a listing of `item_count` posts."""
    for number in range(1, page_count(item_count, per_page) + 1):
        yield {**values, "page": number}


def _home_pages(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    return pages(len(listing.posts), site.config.posts_per_page)


def _tag_pages(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    for slug, tag in listing.tags.items():
        yield from pages(len(tag.posts), site.config.posts_per_page, slug=slug)


def _category_pages(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    for slug, category in listing.categories.items():
        yield from pages(len(category.posts), site.config.posts_per_page, slug=slug)


def _years(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    return ({"year": year} for year in listing.years)


def _tag_slugs(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    return ({"slug": slug} for slug in listing.tags)


def _media_files(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    return ({"filename": name} for name in site.media)


def _app_icon_sizes(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    return ({"size": size} for size in APP_ICON_SIZES)


def _documents(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    return ({"url_path": document.url_path.strip("/")} for document in site.documents)


def _folder_redirects(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    return ({"url_path": source.strip("/")} for source in site.redirects if source.endswith("/"))


def _file_redirects(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    return ({"url_path": source.strip("/")} for source in site.redirects if source.endswith(REDIRECT_FILE_SUFFIX))


def _drawn_posters(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    names = {video.drawn_poster.removesuffix(".jpg") for videos in site.videos.values() for video in videos}
    return ({"name": name} for name in sorted(names - {""}))


def _if_videos(site: SiteIndex, listing: Listing) -> Iterable[UrlValues]:
    return one_url(site, listing) if site.videos else ()


def _if_redirects(site: SiteIndex, listing: Listing) -> Iterable[UrlValues]:
    return one_url(site, listing) if site.redirects else ()


@functools.cache
def herald_static_files() -> tuple[str, ...]:
    """Herald's own theme files, by their path under STATIC_FOLDER (they ship with the code)."""
    found = (path for path in STATIC_FOLDER.rglob("*") if path.is_file() and not path.name.startswith("."))
    return tuple(sorted(path.relative_to(STATIC_FOLDER).as_posix() for path in found))


def _static_files(site: SiteIndex, listing: Listing) -> Iterator[UrlValues]:
    """The site's own theme files, then Herald's that they do not replace."""
    names = [*site.theme_static, *(name for name in herald_static_files() if name not in site.theme_static)]
    return ({"filename": name} for name in names)


def _site_theme(site: SiteIndex, listing: Listing) -> Iterable[UrlValues]:
    return one_url(site, listing) if site.config.theme else ()


# Every kind of page, in the order the freezer builds them and the sitemap lists them.
HOME = UrlShape("blog.home", "/", _home_pages, paginated=True, localized=True)  # the latest posts
TAG_INDEX = UrlShape("blog.tags", "/tags/", localized=True)
TAG = UrlShape("blog.tag", "/tags/<slug>/", _tag_pages, paginated=True, localized=True)
CATEGORY = UrlShape("blog.category", "/categories/<slug>/", _category_pages, paginated=True, localized=True)
ARCHIVE = UrlShape("blog.archive", "/archive/", localized=True)  # every post by year
ARCHIVE_YEAR = UrlShape("blog.archive_year", "/archive/<int:year>/", _years, localized=True)
RSS_FEED = UrlShape("feeds.rss", "/feed.xml", localized=True)  # RSS 2.0 of the latest posts
ATOM_FEED = UrlShape("feeds.atom", "/atom.xml", localized=True)  # Atom 1.0 of the latest posts
TAG_FEED = UrlShape("feeds.tag_rss", "/tags/<slug>/feed.xml", _tag_slugs, localized=True)  # RSS 2.0 of a tag's posts
SITEMAP = UrlShape("seo.sitemap", "/sitemap.xml")
ROBOTS = UrlShape("seo.robots", "/robots.txt")
MEDIA = UrlShape("assets.media", "/media/<path:filename>", _media_files)  # the files under content/media/
PYGMENTS_CSS = UrlShape("assets.pygments_stylesheet", "/static/pygments.css")  # code highlighting's colours
SITE_THEME_CSS = UrlShape("assets.site_theme_stylesheet", "/static/site-theme.css", _site_theme)  # site.yml's theme
# The site icon in the sizes browsers and phones ask for, and the web app manifest listing them.
FAVICON = UrlShape("icons.favicon", "/favicon.ico")
TOUCH_ICON = UrlShape("icons.touch_icon", "/apple-touch-icon.png")
APP_ICON = UrlShape("icons.app_icon", "/icon-<int:size>.png", _app_icon_sizes)
WEB_MANIFEST = UrlShape("icons.manifest", "/site.webmanifest")
# The page asking a visitor for their Mastodon server, which the share links under posts lead to; not for search.
SHARE_MASTODON = UrlShape("share.mastodon", "/share/mastodon/", localized=True, listed=False)
NOT_FOUND = UrlShape("errors.not_found_page", "/404.html", localized=True)  # a host serves it for unknown paths
# The site's look around an empty page, which the service wraps its own pages in; a file, so out of the sitemap.
SHELL_PAGE = UrlShape("shell.shell", "/_herald/shell.html", localized=True)  # each language's: /fr/_herald/...
DOCUMENT = UrlShape("permalinks.show", "/<path:url_path>/", _documents, reserved=False)  # every post and page
# An old address that redirects to a page (`redirect_from`, site.yml's `redirects`): a folder, served by DOCUMENT's
# rule and view (the same endpoint), or an .html file. Netlify's `_redirects` file says the same with 301s.
REDIRECT = UrlShape(DOCUMENT.endpoint, DOCUMENT.rule, _folder_redirects, reserved=False, listed=False)
REDIRECT_FILE = UrlShape("permalinks.redirect_file", f"/<{HTML_FILE}:url_path>", _file_redirects, reserved=False)
VIDEO_POSTER = UrlShape("videos.poster", "/video-posters/<name>.jpg", _drawn_posters)  # a host's video's poster
VIDEO_SITEMAP = UrlShape("videos.sitemap", "/video-sitemap.xml", _if_videos)  # Google's video sitemap
NETLIFY_REDIRECTS = UrlShape("seo.netlify_redirects", "/_redirects", _if_redirects)
# The theme's files: the site's under content/theme/static/, and Herald's under site/web/static/.
STATIC = UrlShape("assets.static_file", "/static/<path:filename>", _static_files)

SHAPES = (
    HOME, TAG_INDEX, TAG, CATEGORY, ARCHIVE, ARCHIVE_YEAR, RSS_FEED, ATOM_FEED, TAG_FEED, SITEMAP, ROBOTS, MEDIA,
    PYGMENTS_CSS, SITE_THEME_CSS, FAVICON, TOUCH_ICON, APP_ICON, WEB_MANIFEST, SHARE_MASTODON, NOT_FOUND, SHELL_PAGE,
    DOCUMENT, REDIRECT, REDIRECT_FILE, NETLIFY_REDIRECTS, STATIC, VIDEO_POSTER, VIDEO_SITEMAP,
)  # fmt: skip
ICONS = (FAVICON, TOUCH_ICON, APP_ICON, WEB_MANIFEST)
MEDIA_PREFIX, STATIC_PREFIX = MEDIA.owned_folders[0], STATIC.owned_folders[0]
SHELL = SHELL_PAGE.path()  # where the service fetches the shell from the site
HERALD_FOLDER = "/_herald/"  # files Herald writes for its own use, not for readers: all of it is reserved


def site_paths(site: SiteIndex, shapes: Iterable[UrlShape] = SHAPES) -> Iterator[str]:
    """The path of every URL of `shapes` the site has."""
    for shape in shapes:
        for values in shape.values(site):
            yield shape.path(**values)


def output_file(url_path: str) -> str:
    """The file a URL is written to, from the site's root: "/a/" -> "/a/index.html", "/feed.xml" stays."""
    return url_path + PAGE_FILE if url_path.endswith("/") else url_path


def enclosing_files(url_path: str) -> Iterator[str]:
    """The folders the file of `url_path` lies in, as files would be named: "/a/b/" -> "/a", "/a/b"."""
    parts = output_file(url_path).split("/")[1:-1]
    for end in range(1, len(parts) + 1):
        yield "/" + "/".join(parts[:end])


# The folders whose every path is Herald's ("/tags/", "/page/", "/media/", ...).
RESERVED_FOLDERS = (*(folder for shape in SHAPES if shape.reserved for folder in shape.owned_folders), HERALD_FOLDER)


@functools.cache
def _reserved_files() -> re.Pattern[str]:
    """Any file a reserved kind of page is written to."""
    return re.compile("|".join(pattern for shape in SHAPES if shape.reserved for pattern in shape.file_patterns()))


@functools.cache
def _inside_reserved_file() -> re.Pattern[str]:
    """A path lying inside a file a reserved kind of page is written to: one test instead of one per folder."""
    return re.compile(f"(?:{_reserved_files().pattern})/.*", re.DOTALL)


def reserved_owner(url_path: str) -> str | None:
    """Why a post or page may not take `url_path`, or None when it is free.

    Taken are the URLs of the reserved kinds, the folders they own, and the paths whose file would lie in a folder
    that is one of their files ("/feed.xml/x/", "/index.html/").
    """
    if url_path.startswith(RESERVED_FOLDERS):
        folder = next(folder for folder in RESERVED_FOLDERS if url_path.startswith(folder))
        return f"Herald generates every page under {folder}"
    file = output_file(url_path)
    if _reserved_files().fullmatch(file):
        return "it is a page Herald generates"
    if _inside_reserved_file().fullmatch(file):
        enclosing = next(path for path in enclosing_files(url_path) if _reserved_files().fullmatch(path))
        return f"its file would lie inside {enclosing}, a file Herald generates"
    return None
