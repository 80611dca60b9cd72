"""What each item of a WordPress export becomes in Herald: a post, a page, a draft or nothing (with the reason),
and the one URL Herald serves it at.

The site's importer writes the files this plan names, and the service's comments import files each comment
under the URL this plan gives its post, so both always agree. Every imported post and page keeps its old path
as its `permalink` (a post without one, under WordPress's plain `?p=N` links, gets Herald's own dated path,
written out too): the URL then depends on nothing else, not even the site's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

from herald_site.importers.output import LeftBehind
from herald_site.importers.wxr import WxrItem, WxrSite
from herald_site.document_urls import DEFAULT_PAGE_PATTERN, DEFAULT_POST_PATTERN, expand, page_values, post_values
from herald_site.slugs import slugify
from herald_site.urls import reserved_owner
from herald_site.written_paths import normalize_url_path

POST, PAGE, ATTACHMENT, MENU_ENTRY = "post", "page", "attachment", "nav_menu_item"
PUBLISHED = frozenset({"publish", "future"})
DRAFTS = frozenset({"draft", "pending"})
LEFT_OUT = {
    "private": "private: only its author and editors could read it",
    "trash": "in the trash",
    "auto-draft": "an automatic draft WordPress never saved",
}


@dataclass(frozen=True)
class PlannedDocument:
    item: WxrItem
    kind: str  # POST or PAGE
    slug: str
    file: PurePosixPath  # relative to the content folder
    url_path: str  # where Herald serves it (its permalink); "" for a draft, which gets its URL when published
    draft: bool


@dataclass(frozen=True)
class ImportPlan:
    documents: tuple[PlannedDocument, ...]
    left_behind: tuple[LeftBehind, ...]

    def comment_pages(self) -> dict[int, str]:
        """Each published post's URL path by its WordPress id: where its comments go (pages show none)."""
        return {document.item.id: document.url_path for document in self.documents
                if document.kind == POST and not document.draft}


def plan_import(site: WxrSite) -> ImportPlan:
    """The import of every item of `site`, in the export's order."""
    planner = _Planner()
    for item in site.items:
        planner.add(item)
    return ImportPlan(tuple(planner.documents), tuple(planner.left_behind))


class _Planner:
    def __init__(self) -> None:
        self.documents: list[PlannedDocument] = []
        self.left_behind: list[LeftBehind] = []
        self.files: set[PurePosixPath] = set()
        self.urls: dict[str, WxrItem] = {}

    def leave(self, item: WxrItem | str, reason: str) -> None:
        self.left_behind.append(LeftBehind(str(item), reason))

    def add(self, item: WxrItem) -> None:
        if item.kind in (ATTACHMENT, MENU_ENTRY):
            return  # media: copied by the importer, listed when missing; menus: `herald_site.importers.wordpress_menu`
        if item.kind not in (POST, PAGE):
            self.leave(item, f"Herald imports posts and pages, not WordPress's {item.kind!r} items")
        elif item.status in LEFT_OUT:
            self.leave(item, LEFT_OUT[item.status])
        elif item.password:
            self.leave(item, "password-protected; a static page cannot ask for the password")
        elif item.status in DRAFTS and item.kind == PAGE:
            self.leave(item, "a draft page; Herald's pages have no drafts (only posts do)")
        elif item.status in DRAFTS or item.status in PUBLISHED:
            self.documents.append(self.document(item, draft=item.status in DRAFTS))
        else:
            self.leave(item, f"its status {item.status!r} is neither published nor a draft")

    def document(self, item: WxrItem, *, draft: bool) -> PlannedDocument:
        slug = slugify(unquote(item.name)) or slugify(item.title) or f"{item.kind}-{item.id}"
        if item.kind == POST:
            stamp = item.date or item.local_date
            stem = f"{stamp:%Y-%m-%d}-{slug}" if stamp else slug
            default_url = expand(DEFAULT_POST_PATTERN, post_values(stamp, slug, ())).path if stamp else ""
            file = self.free_file("posts", stem)
        else:
            file, default_url = self.free_file("pages", slug), expand(DEFAULT_PAGE_PATTERN, page_values(slug)).path
        url_path = "" if draft else self.url_path(item, self.free_default(item, default_url, slug))
        return PlannedDocument(item, item.kind, slug, file, url_path, draft)

    def free_file(self, folder: str, stem: str) -> PurePosixPath:
        """The folder's file named after `stem`, numbered (-2, -3, ...) when an earlier item took the name (two
        pages named "team" in two sections)."""
        number, candidate = 1, PurePosixPath(folder, f"{stem}.md")
        while candidate in self.files:
            number += 1
            candidate = PurePosixPath(folder, f"{stem}-{number}.md")
        self.files.add(candidate)
        return candidate

    def free_default(self, item: WxrItem, default_url: str, slug: str) -> str:
        """Herald's own URL for the item, numbered by its id when Herald makes that page itself (a WordPress page
        named "archive" or "tags") or an earlier item has it."""
        if default_url and (reserved_owner(default_url) or default_url in self.urls):
            return default_url.removesuffix(f"{slug}/") + f"{slug}-{item.id}/"
        return default_url

    def url_path(self, item: WxrItem, default_url: str) -> str:
        """The item's old path when Herald can serve it there, else Herald's own (the report says why)."""
        old = urlsplit(item.link)
        query = parse_qs(old.query)
        if not old.path.strip("/") or "p" in query or "page_id" in query:
            if item.link:
                self.leave(f"the old address {item.link} of {item}",
                           f"a query, which a static site cannot serve; the {item.kind} is at {default_url}")
            return self.claim(item, default_url)
        try:
            path = normalize_url_path(old.path)
        except ValueError as error:
            self.leave(f"the old address {item.link} of {item}", f"{error}; the {item.kind} is at {default_url}")
            return self.claim(item, default_url)
        problem = reserved_owner(path) or (f"{self.urls[path]} has it too" if path in self.urls else None)
        if problem:
            self.leave(f"the old address {item.link} of {item}", f"{problem}; the {item.kind} is at {default_url}")
            return self.claim(item, default_url)
        return self.claim(item, path)

    def claim(self, item: WxrItem, path: str) -> str:
        self.urls[path] = item
        return path

