"""Rebuilding only what an edit touches: a signature for every output URL, made from the content it shows.

A post's page shows the post, its cover's size, its neighbours' titles and the call to action that ends it; a
listing shows its posts' cards; the home page's first page the mission, calls to action, figures and featured
posts too; a feed its latest posts; the page for unknown addresses the latest posts' links; the sitemap every
page's URL; and every page shows the site's other settings and the theme: Herald's, in the code, and the site's
own templates and static files under content/theme/ (pages link a theme file by a digest of its content, so a
changed file renders them all again; only the files whose bytes changed are then replaced). On a site of several
languages a page also links its versions in the others (a document's translations, the same list in each
language that has it), and each language's lists are signed at their URLs in its folder. A URL's signature is a
digest of exactly those inputs (a post stands for itself by its file's path and hash, since a Post is a
function of its file, site.yml and the Markdown settings, which every signature includes; the home page's
settings and the posts' closing call to action, the site's and each language's own, only in the signatures of the
pages of their language that show them; each language's menu, which leads to its translations, in all). A rebuild
keeps the previous file of every URL whose signature is unchanged and renders the others: the output then
equals a clean build of the same content. Nothing here needs Flask, so a build with nothing to do stays cheap.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from herald_site import markdown
from herald_site.content.index import NOT_FOUND_LATEST, featured_posts, media_file
from herald_site.content.localized_settings import settings_in
from herald_site.content.home_settings import HomeSettings
from herald_site.content.model import Listing, Page, Post, Problem, SiteIndex, Stamp
from herald_site.content.settings import MEDIA_FOLDER
from herald_site.content.walk import ContentFiles
from herald_site.speed.cache import BuildCache
from herald_site.speed.card_digests import card_digest, digest
from herald_site.url_languages import LANGUAGE, ValuesKey, language_versions, values_key
from herald_site.urls import (
    ARCHIVE,
    ARCHIVE_YEAR,
    ATOM_FEED,
    CATEGORY,
    HOME,
    ICONS,
    MEDIA,
    NETLIFY_REDIRECTS,
    NOT_FOUND,
    PYGMENTS_CSS,
    ROBOTS,
    RSS_FEED,
    SHARE_MASTODON,
    SHELL_PAGE,
    SITE_THEME_CSS,
    SITEMAP,
    STATIC,
    TAG,
    TAG_FEED,
    TAG_INDEX,
    VIDEO_POSTER,
    VIDEO_SITEMAP,
    UrlShape,
    pages,
    site_paths,
)

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # site/: all of Herald's static side
# The libraries whose output lands in the files; a new version of one may change any page.
WRITERS = ("Flask", "Jinja2", "Werkzeug", "Frozen-Flask", "feedgen", "Markdown", "Pygments", "MarkupSafe", "Pillow",
           "CairoSVG", "Babel")

Signatures = dict[str, str]
"""Output URL (as Frozen-Flask freezes it, e.g. "/tags/air/") -> digest of what the page shows."""


@functools.cache
def code_version() -> str:
    """A digest of Herald's own code, templates and theme and of the versions of the libraries that write pages."""
    code = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            code.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes())
    code.update(repr([version(name) for name in WRITERS]).encode())
    return code.hexdigest()


def stamp(document: Post | Page) -> str:
    """What stands for a whole document (its file) in the signatures of the pages that show all of it."""
    return f"{document.source_file}\0{document.source_hash}"


def cover_stamp(post: Post, index: SiteIndex) -> Stamp | None:
    """What a page shows of a post's cover file beside the post's own file (its size, read from the file)."""
    if not post.image:
        return None
    found = media_file(index, post.image)
    return found[1] if found else None


def link(post: Post | None) -> tuple[str, str] | None:
    """What a link to a post shows: previous and next on a post's page, the archive's lists."""
    return (post.url_path, post.title) if post else None


@dataclass
class _Signer:
    base: str
    index: SiteIndex
    signatures: Signatures = field(default_factory=dict)
    _versions: dict[str, dict[ValuesKey, list[str]]] = field(default_factory=dict)  # language_versions by endpoint

    def sign(self, url: str, *parts: object) -> None:
        self.signatures[url] = digest(self.base, url, *parts)

    def shown(self, posts: Iterable[Post], covers: bool = True) -> str:
        """What a listing shows of its posts: their cards, each digested once (a post shows in a dozen), and
        their covers' files unless it shows no covers."""
        if not covers:
            return ",".join([card_digest(post) for post in posts])
        return ",".join([f"{card_digest(post)}{cover_stamp(post, self.index)}" for post in posts])

    def versions(self, shape: UrlShape, **values: object) -> list[str] | None:
        """The languages having the list page of `values`, which its hreflang links and switcher show; None on a
        site of one language."""
        if not self.index.config.is_multilingual:
            return None
        if shape.endpoint not in self._versions:
            self._versions[shape.endpoint] = language_versions(self.index, shape)
        return self._versions[shape.endpoint].get(values_key(values))

    def listing(
        self, shape: UrlShape, posts: list[Post] | tuple[Post, ...], per_page: int, *parts: object, **values: object
    ) -> None:
        every = list(pages(len(posts), per_page, **values))
        for number, page in enumerate(every):
            shown = self.shown(posts[number * per_page : (number + 1) * per_page])
            self.sign(shape.path(**page), len(posts), len(every), shown, self.versions(shape, **page), *parts)


def page_signatures(
    index: SiteIndex,
    *,
    content_dir: Path,
    settings: Iterable[object] = (),
    comments_of: Callable[[Post], object] = lambda post: None,
    fetched_posters: dict[str, tuple[int, int]] | None = None,
) -> Signatures:
    """The signature of every URL the site builds.

    `settings` are build options that show in pages (drafts, overrides); `comments_of` gives what the build
    baked into a post's page. On a site of several languages a page shows its versions in the others too (its
    hreflang links and the language switcher): a document's translations, or the languages having the same list.
    `fetched_posters` are the stamps of the hosted videos' posters the build fetched, by file name.
    """
    config = index.config
    theme = (sorted(index.theme_templates.items()), sorted(index.theme_static.items()))
    home_words = {"mission": None, "calls_to_action": None, "figures": None, "post_call_to_action": None}
    own_words = {code: dataclasses.replace(own, **home_words) for code, own in config.language_settings.items()}
    everywhere = dataclasses.replace(  # the home page's settings and the block ending posts: below
        config, home=HomeSettings(), post_call_to_action=None, language_settings=own_words)
    menus = [settings_in(index, language.code).nav for language in config.languages]  # lead to translations
    base = digest(code_version(), markdown.MARKDOWN_SETTINGS_VERSION, repr(everywhere), menus, theme, *settings)
    signer = _Signer(base, index)
    closings = {language.code: repr(config.in_language(language.code).post_call_to_action)
                for language in config.languages}  # ends the posts of the language that set none of their own
    translated = (lambda document: [version.url_path for version in index.translations(document).values()]
                  ) if config.is_multilingual else (lambda document: None)
    for listing in index.listings.values():  # a post's neighbours are in its language
        posts = listing.posts
        for number, post in enumerate(posts):
            newer = posts[number - 1] if number > 0 else None
            older = posts[number + 1] if number + 1 < len(posts) else None
            signer.sign(post.url_path, stamp(post), link(newer), link(older), comments_of(post), translated(post),
                        closings[post.language] if post.call_to_action is None else None, cover_stamp(post, index))
    for page in index.pages:
        signer.sign(page.url_path, stamp(page), translated(page))
    for source, target in index.redirects.items():  # a redirect page shows where it leads, and the site's url
        signer.sign(source, target)
    for url in site_paths(index, (NETLIFY_REDIRECTS,)):
        signer.sign(url, sorted(index.redirects.items()))
    for listing in index.listings.values():
        _sign_listing(signer, index, listing)
    taxa_counts = [(listing.language, slug, len(taxon.posts)) for listing in index.listings.values()
                   for slug, taxon in [*listing.tags.items(), *listing.categories.items()]]
    years = [(listing.language, list(listing.years)) for listing in index.listings.values()]
    listed = [(document.url_path, document.translation_key) for document in index.documents]
    signer.sign(SITEMAP.path(), listed, taxa_counts, years)  # it lists the URLs of the pages and their versions
    for values in NOT_FOUND.values(index):  # it shows the latest posts of its language
        latest = index.listings[values.get(LANGUAGE, config.language)].posts[:NOT_FOUND_LATEST]
        signer.sign(NOT_FOUND.path(**values), [(link(post), post.date.isoformat()) for post in latest])
    # What these show is all in the base (the settings, the site's theme files) or in the code (Herald's theme).
    for url in site_paths(index, (SHELL_PAGE, SHARE_MASTODON, PYGMENTS_CSS, SITE_THEME_CSS, STATIC)):
        signer.sign(url)
    for name, file_stamp in index.media.items():
        signer.sign(MEDIA.path(filename=name), file_stamp)
    _sign_videos(signer, index, fetched_posters or {})
    for name, file_stamp in index.static_files.items():  # copied as they are (herald_site.build.static_copies)
        signer.sign(f"/{name}", file_stamp)
    icon = (content_dir / MEDIA_FOLDER / config.icon).stat() if config.icon else None  # else Herald's, in the code
    for url in site_paths(index, ICONS):  # the manifest shows the site's title and language too, which are in the base
        signer.sign(url, (icon.st_size, icon.st_mtime_ns) if icon else None)
    return signer.signatures


def _sign_videos(signer: _Signer, index: SiteIndex, fetched_posters: dict[str, tuple[int, int]]) -> None:
    """A drawn poster is the same for every video, a fetched one is its file; the video sitemap lists every video
    with its page's summary; robots.txt names that sitemap when there is one."""
    every = [(url, index.find_by_url(url).summary, videos)  # type: ignore[union-attr]
             for url, videos in sorted(index.videos.items())]
    for values in VIDEO_POSTER.values(index):
        signer.sign(VIDEO_POSTER.path(**values), fetched_posters.get(f"{values['name']}.jpg"))
    for url in site_paths(index, (VIDEO_SITEMAP,)):
        signer.sign(url, repr(every))
    signer.sign(ROBOTS.path(), bool(index.videos))


def _sign_listing(signer: _Signer, index: SiteIndex, listing: Listing) -> None:
    """The lists of one language: its home, archive, feeds, tags and categories, each list page with the languages
    that have it too."""
    per_page, feed_size = index.config.posts_per_page, index.config.feed_size
    language = {LANGUAGE: listing.language} if listing.language != index.config.language else {}
    posts = listing.posts
    signer.listing(HOME, posts, per_page, **language)
    home = HOME.path(**language)
    home_settings = repr(index.config.in_language(listing.language).home)
    signer.sign(home, signer.signatures[home], home_settings, signer.shown(featured_posts(posts)))
    signer.sign(ARCHIVE.path(**language), [(link(post), post.date.isoformat()) for post in posts])
    for year, year_posts in listing.years.items():
        signer.sign(ARCHIVE_YEAR.path(year=year, **language), signer.shown(year_posts, covers=False),
                    signer.versions(ARCHIVE_YEAR, year=year))
    latest = [stamp(post) for post in posts[:feed_size]]
    signer.sign(RSS_FEED.path(**language), latest)
    signer.sign(ATOM_FEED.path(**language), latest)
    tags = listing.tags.items()
    signer.sign(TAG_INDEX.path(**language), [(slug, taxon.name, len(taxon.posts)) for slug, taxon in tags])
    for slug, taxon in tags:
        signer.listing(TAG, taxon.posts, per_page, taxon.name, slug=slug, **language)
        signer.sign(TAG_FEED.path(slug=slug, **language), taxon.name, [stamp(post) for post in taxon.posts[:feed_size]])
    for slug, taxon in listing.categories.items():
        signer.listing(CATEGORY, taxon.posts, per_page, taxon.name, slug=slug, **language)


@dataclass(frozen=True)
class Manifest:
    """What a build wrote: each URL's signature (None: rebuild it every time) and file, and where."""

    out_dir: str
    out_identity: tuple[int, int] | None  # device and inode of the published folder, to know it is still ours
    files: dict[str, tuple[str | None, str]]  # URL -> (signature, file path relative to the output)
    pages: int
    feeds: int


def folder_identity(folder: Path) -> tuple[int, int] | None:
    try:
        stat = folder.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def reusable_files(previous: Manifest | None, out_dir: Path, signatures: Signatures) -> dict[str, str]:
    """URL -> file (relative to `out_dir`) of the previous build that the new one can keep as it is.

    The output folder must be the one that build published (the same inode); its files are not checked one
    by one, which would cost a build of thousands of pages more than the rest of a no-change build.
    """
    if previous is None or previous.out_dir != str(out_dir) or previous.out_identity != folder_identity(out_dir):
        return {}
    return {
        url: relative
        for url, (signature, relative) in previous.files.items()
        if signature is not None and signatures.get(url) == signature
    }


def nothing_changed(previous: Manifest | None, out_dir: Path, signatures: Signatures) -> bool:
    """Whether the published folder already is what this build would write."""
    if previous is None or previous.files.keys() != signatures.keys():
        return False
    return len(reusable_files(previous, out_dir, signatures)) == len(signatures)


def manifest_key(out_dir: Path) -> str:
    return f"manifest:{out_dir}"


def previous_manifest(cache: BuildCache | None, out_dir: Path) -> Manifest | None:
    """What the last build into `out_dir` wrote, when the cache remembers it."""
    found = cache.state(manifest_key(out_dir)) if cache is not None else None
    return found if isinstance(found, Manifest) else None


@dataclass(frozen=True)
class BuildInputs:
    """Everything a build reads, by name, size and modification time, with what it found in them."""

    digest: str  # of every content file's stamp, the code version and the build options
    visible_until: datetime | None  # a post dated then becomes visible: the same inputs build another site
    warnings: list[Problem]


def inputs_digest(files: ContentFiles, options: Iterable[object]) -> str:
    """A digest that changes whenever a content file is saved, added or deleted, or the code or an option
    changes; it costs one stat per file, not a read."""
    return files.digest(code_version(), markdown.MARKDOWN_SETTINGS_VERSION, *options)


def inputs_key(out_dir: Path) -> str:
    return f"inputs:{out_dir}"


def unchanged_inputs(cache: BuildCache, out_dir: Path, digest: str, now: datetime) -> BuildInputs | None:
    """What the last build into `out_dir` found, when it read exactly these inputs and its output is in place."""
    found = cache.state(inputs_key(out_dir))
    if not isinstance(found, BuildInputs) or found.digest != digest:
        return None
    if found.visible_until is not None and now >= found.visible_until:
        return None
    previous = previous_manifest(cache, out_dir)
    if previous is None or previous.out_identity != folder_identity(out_dir):
        return None
    return found
