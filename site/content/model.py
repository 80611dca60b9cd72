"""The content model: plain data that the reader produces and the views consume.

Nothing here reads files or knows HTTP, so the objects can be built in tests, pickled to worker processes
and cached between builds. `herald_site.content` re-exports every name; import from there.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol
from zoneinfo import ZoneInfo

from herald_site.document_urls import DocumentPatterns
from herald_site.markdown import Heading
from herald_site.content.home_settings import HomeSettings, PostCallToAction
from herald_site.content.site_language import Language
from herald_site.markdown.html_facts import opening_paragraph
from herald_site.markdown.videos import Video

if TYPE_CHECKING:  # read apart, in their own modules, which raise ContentErrors
    from herald_site.content.language_settings import LanguageSettings
    from herald_site.content.social_accounts import SocialAccount
    from herald_site.content.theme_settings import SiteTheme

Severity = Literal["error", "warning"]
DocumentKind = Literal["post", "page"]
Stamp = tuple[int, int]
"""A file's size and modification time (ns): what says it is unchanged without reading it."""


def _place(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line is not None else str(path)


class ContentError(Exception):
    """One thing wrong with one content file, with the place to fix it."""

    def __init__(self, path: Path, line: int | None, message: str, field: str | None = None) -> None:
        super().__init__(f"{_place(path, line)}: {message}")
        self.path = path
        self.line = line
        self.message = message
        self.field = field

    def to_problem(self) -> Problem:
        return Problem(self.path, self.line, self.message, "error", self.field)


@dataclass(frozen=True)
class Problem:
    """An error or a warning found in the content; errors stop a build, warnings only under --strict."""

    path: Path
    line: int | None
    message: str
    severity: Severity = "error"
    field: str | None = None

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{_place(self.path, self.line)}: {label}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def as_error(self) -> Problem:
        """The same problem promoted to an error (what --strict does to warnings)."""
        return dataclasses.replace(self, severity="error")


class ContentProblems(Exception):
    """Loading the content found problems; `.problems` lists every one, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        listing = "\n".join(str(problem) for problem in problems)
        super().__init__(f"{count} content problem{'s' if count != 1 else ''}:\n{listing}")


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str


@dataclass(frozen=True)
class ContactTopic:
    """A choice on the contact form; the service mails the message to `address`. `labels` names it in other
    languages of the site, as (code, label) pairs; `label` is the default language's, and any other's."""

    key: str
    label: str
    address: str
    labels: tuple[tuple[str, str], ...] = ()

    def label_in(self, code: str) -> str:
        """The topic's name for readers of `code`: its own label, else its language's (`fr` for `fr-CA`), else
        `label`."""
        own = dict(self.labels)
        return own.get(code) or own.get(code.split("-")[0]) or self.label


@dataclass(frozen=True)
class SiteConfig:
    """Settings from content/site.yml."""

    title: str
    url: str  # absolute base URL without a trailing slash
    language: str = "en"  # the default language's code
    languages: tuple[Language, ...] = (Language("en", "en", "ltr", True),)  # in site.yml's order
    author: str = ""
    description: str = ""
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    service_url: str | None = None
    nav: tuple[NavLink, ...] = ()
    social: tuple[SocialAccount, ...] = ()  # the organisation's accounts (`social:`, content.social_accounts)
    posts_per_page: int = 10
    feed_size: int = 20
    contact_topics: tuple[ContactTopic, ...] = ()
    home: HomeSettings = HomeSettings()
    post_call_to_action: PostCallToAction | None = None  # ends every post that does not set its own
    image: str | None = None  # the default share image's file under content/media/ (`image:`); None: no image
    icon: str | None = None  # the site icon's file under content/media/ (SVG or PNG); None: Herald's own
    theme: SiteTheme | None = None  # the site's colours and fonts (`theme:`); None: Herald's
    # What a language's entry in `languages:` says in its own words (its title, menu, mission...), by code.
    language_settings: dict[str, LanguageSettings] = field(default_factory=dict)
    liquid: bool | None = None  # `liquid:` true, false, or None: auto (herald_site.content.liquid_site)
    static_folders: tuple[str, ...] = ()  # `static:` folders of content/ copied as they are (static_folders)
    permalinks: DocumentPatterns = DocumentPatterns()  # the URL pattern of posts and of pages (`permalink:`)
    redirects: tuple[tuple[str, str], ...] = ()  # site.yml's `redirects`, each (old address, where it leads)
    extra: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **changes: Any) -> SiteConfig:
        return dataclasses.replace(self, **changes)

    def in_language(self, code: str) -> SiteConfig:
        """The settings as the pages of the language `code` show them: its entry's values over the site's."""
        own = self.language_settings.get(code)
        return self if own is None else own.applied_to(self)

    @property
    def is_multilingual(self) -> bool:
        """Whether the site has several languages: only then do file names and folders say one."""
        return len(self.languages) > 1


class DocumentTexts(Protocol):
    """Where a document's Markdown, HTML and table of contents are kept: in memory, or in the build cache.

    One shared keeper serves every document of a build, so thousands of posts do not each hold their HTML (or
    a function to fetch it); a view asks when it renders the document's own page.
    """

    def body(self, document: Post | Page) -> str: ...

    def html(self, document: Post | Page) -> str: ...

    def toc(self, document: Post | Page) -> tuple[Heading, ...]: ...


@dataclass(frozen=True)
class HeldTexts:
    """The texts of one document held in memory (a build without a cache: `check`, `serve`, tests)."""

    body_text: str
    html_text: str
    headings: tuple[Heading, ...]

    def body(self, document: Post | Page) -> str:
        return self.body_text

    def html(self, document: Post | Page) -> str:
        return self.html_text

    def toc(self, document: Post | Page) -> tuple[Heading, ...]:
        return self.headings


class _Document:
    """What posts and pages share: their file, and texts fetched from their keeper when asked for."""

    __slots__ = ()
    source_file: str
    texts: DocumentTexts

    @property
    def source(self) -> Path:
        """The content file; kept as text, since a Path per document costs more than the rest of a rebuild."""
        return Path(self.source_file)

    @property
    def body(self) -> str:
        """The Markdown."""
        return self.texts.body(self)  # type: ignore[arg-type]

    @property
    def html(self) -> str:
        return self.texts.html(self)  # type: ignore[arg-type]

    @property
    def toc(self) -> tuple[Heading, ...]:
        return self.texts.toc(self)  # type: ignore[arg-type]


# The fields up to `extra` are what the build cache keeps of a document (see herald_site.speed.records), in order.
@dataclass(slots=True)
class Post(_Document):
    slug: str
    title: str
    date: datetime  # time-zone aware
    updated: datetime | None
    summary: str
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    author: str
    image: str | None  # a site path ("/media/x.png") or an absolute URL
    image_alt: str  # what the cover shows, for those who cannot see it; "" when it only decorates
    featured: bool
    call_to_action: PostCallToAction | Literal[False] | None  # its own closing block, none (False), or the site's
    draft: bool
    url_path: str  # site-relative, starts and ends with "/"
    reading_minutes: int
    language: str  # the code of one of the site's languages
    translation_key: str  # documents with the same key translate each other (herald_site.content.languages)
    extra: dict[str, Any]  # frontmatter keys Herald does not use
    redirect_from: tuple[str, ...]  # old addresses sending the reader here (`redirect_from`, an .html pattern's)
    redirect_to: str | None  # where its URL sends the reader instead of showing it (`redirect_to`)
    source_file: str
    source_hash: str  # sha256 of the file's bytes (with Liquid: of those and the text rendered, liquid_site)
    texts: DocumentTexts
    card_digest: str = field(default="", compare=False)  # of what listings show of it (herald_site.speed.card_digests), if known

    @property
    def is_published(self) -> bool:
        return not self.draft

    @property
    def lead(self) -> str:
        """The summary shown above the post's body, or "" when the body opens with it: a summary that was not
        written apart is the first paragraph (cut short when long), which the page shows once, in the body."""
        if not self.summary:
            return ""
        return "" if opening_paragraph(self.html).startswith(self.summary.removesuffix("…")) else self.summary

    def is_visible(self, now: datetime, drafts: bool) -> bool:
        """Whether the post belongs in the pages and feeds: drafts and future posts only when asked for."""
        return drafts or (not self.draft and self.date <= now)


@dataclass(slots=True)
class Page(_Document):
    slug: str
    title: str
    url_path: str
    summary: str
    template: str | None  # frontmatter `template`, e.g. "contact"
    language: str
    translation_key: str
    extra: dict[str, Any]
    redirect_from: tuple[str, ...]
    redirect_to: str | None
    draft: bool  # left out of the site, as a post's draft is (`draft: true`, or Jekyll's `published: false`)
    source_file: str
    source_hash: str
    texts: DocumentTexts


@dataclass(frozen=True)
class Taxon:
    """A tag or a category with its visible posts, newest first."""

    name: str
    slug: str
    posts: tuple[Post, ...]


@dataclass(frozen=True)
class Listing:
    """One language's lists: its visible posts, newest first, and the ways to browse them. Each language has its
    home, tags, categories, archive and feeds, made of its own posts only (herald_site.urls)."""

    language: str  # the language's code
    posts: list[Post]
    tags: dict[str, Taxon]  # by slug
    categories: dict[str, Taxon]  # by slug
    years: dict[int, list[Post]]  # newest year first


@dataclass
class SiteIndex:
    """Everything the views need: each language's lists (`listings`), the pages and the ways to browse them.

    `posts`, `tags`, `categories` and `years` are the default language's, which live at the site's root; another
    language's are in `listings[code]` and live in its folder. Every post and page has its page, in its
    language's folder.
    """

    config: SiteConfig
    pages: list[Page]  # every language's
    listings: dict[str, Listing]  # by language code, the default language first, then site.yml's order
    warnings: list[Problem] = field(default_factory=list)
    next_publication: datetime | None = None  # when the next post dated in the future becomes visible
    media: dict[str, Stamp] = field(default_factory=dict)  # the files under content/media/ by their path there
    # The site's theme (herald_site.content.theme_folder): its templates and static files, by their path there.
    theme_templates: dict[str, Stamp] = field(default_factory=dict)
    theme_static: dict[str, Stamp] = field(default_factory=dict)
    static_files: dict[str, Stamp] = field(default_factory=dict)  # the `static:` folders' files, by URL path
    redirects: dict[str, str] = field(default_factory=dict)  # old address -> where it sends the reader
    videos: dict[str, tuple[Video, ...]] = field(default_factory=dict)  # a built document's URL -> its videos

    def __post_init__(self) -> None:
        self._documents: list[Post | Page] = [
            *(post for listing in self.listings.values() for post in listing.posts), *self.pages]
        self._by_url: dict[str, Post | Page] = {doc.url_path: doc for doc in self._documents}
        self._position = {
            post.url_path: number for listing in self.listings.values() for number, post in enumerate(listing.posts)
        }

    @property
    def listing(self) -> Listing:
        """The default language's lists."""
        return self.listings[self.config.language]

    @property
    def posts(self) -> list[Post]:
        """The default language's visible posts, newest first."""
        return self.listing.posts

    @property
    def tags(self) -> dict[str, Taxon]:
        return self.listing.tags

    @property
    def categories(self) -> dict[str, Taxon]:
        return self.listing.categories

    @property
    def years(self) -> dict[int, list[Post]]:
        return self.listing.years

    @property
    def documents(self) -> list[Post | Page]:
        """Every visible post, in every language, then every page: each has a page of its own."""
        return self._documents

    def previous_post(self, post: Post) -> Post | None:
        """The next older post in the post's language, or None for the oldest."""
        posts = self.listings[post.language].posts
        number = self._position[post.url_path] + 1
        return posts[number] if number < len(posts) else None

    def next_post(self, post: Post) -> Post | None:
        """The next newer post in the post's language, or None for the newest."""
        number = self._position[post.url_path] - 1
        return self.listings[post.language].posts[number] if number >= 0 else None

    def find_by_url(self, url_path: str) -> Post | Page | None:
        return self._by_url.get(url_path)

    def translations(self, document: Post | Page) -> dict[str, Post | Page]:
        """The document in each language it is visible in, itself included, by code in the order site.yml lists
        the languages: what a language switcher and hreflang links show. A lookup in a table made once."""
        return self._translation_groups.get(document.translation_key) or {document.language: document}

    @functools.cached_property
    def _translation_groups(self) -> dict[str, dict[str, Post | Page]]:
        order = {language.code: number for number, language in enumerate(self.config.languages)}
        groups: dict[str, dict[str, Post | Page]] = {}
        for document in self._documents:
            groups.setdefault(document.translation_key, {})[document.language] = document
        return {
            key: dict(sorted(group.items(), key=lambda item: order.get(item[0], len(order))))
            for key, group in groups.items()
        }
