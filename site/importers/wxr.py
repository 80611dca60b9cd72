"""Reading a WordPress export (WXR, "WordPress eXtended RSS") into plain records, shared by the site's importer
and the service's comments import.

WXR is RSS 2.0 with WordPress's own elements in the namespace `http://wordpress.org/export/1.N/` (N is 0, 1 or 2
by release): the channel holds the site (title, link, description, language), its authors, then one <item> per
post, page, attachment or menu entry, each with its fields, its terms (<category domain="category|post_tag">),
its postmeta and its comments. The file is parsed with defusedxml, which refuses entity declarations and
external references: an export is a file from elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse

from herald_site.errors import CommandError

CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"
_WP_NAMESPACE = re.compile(r"^\{(http://wordpress\.org/export/1\.\d+/)\}")
_NO_DATE = "0000-00-00 00:00:00"


@dataclass(frozen=True)
class WxrComment:
    id: int
    parent_id: int  # 0 at the top of a thread
    author: str
    author_url: str
    author_email: str  # for the service's erasure by email, which keeps only its keyed hash
    content: str  # HTML as WordPress keeps it
    approved: str  # "1", "0" (held), "spam" or "trash"
    kind: str  # "comment" (or ""), "pingback", "trackback"
    date: datetime | None  # UTC


@dataclass(frozen=True)
class WxrItem:
    id: int
    kind: str  # wp:post_type: post, page, attachment, nav_menu_item, ...
    status: str  # wp:status: publish, draft, pending, future, private, trash, inherit
    title: str
    link: str
    name: str  # wp:post_name, the slug (%-escaped when not ASCII)
    creator: str  # the author's login
    content: str
    excerpt: str
    date: datetime | None  # UTC, from post_date_gmt; None for a draft never saved with a date
    modified: datetime | None  # UTC, from post_modified_gmt
    sticky: bool  # wp:is_sticky: kept at the top of the blog
    local_date: datetime | None  # post_date: the site's wall-clock time, without a zone (a draft has only this)
    parent_id: int
    attachment_url: str
    password: str  # wp:post_password: set when WordPress asked readers for one
    terms: tuple[tuple[str, str, str], ...]  # (domain, name, nicename: the slug of its archive's address)
    meta: dict[str, str] = field(default_factory=dict)
    comments: tuple[WxrComment, ...] = ()
    menu_order: int = 0  # wp:menu_order: a menu entry's place in its menu

    def names(self, domain: str) -> tuple[str, ...]:
        return tuple(name for kind, name, _ in self.terms if kind == domain)

    def nicenames(self, domain: str) -> tuple[tuple[str, str], ...]:
        """The item's terms of `domain` as (name, nicename): WordPress makes an archive's address of the latter."""
        return tuple((name, nicename) for kind, name, nicename in self.terms if kind == domain)

    def __str__(self) -> str:
        return f"{self.kind} {self.id} {self.title!r}"


@dataclass(frozen=True)
class WxrTerm:
    """A term the channel lists (<wp:category>, <wp:tag>, <wp:term>): menu entries name theirs by id."""

    taxonomy: str  # category, post_tag, nav_menu, ...
    slug: str  # the nicename, %-escaped when not ASCII
    name: str


@dataclass(frozen=True)
class WxrSite:
    title: str
    link: str
    description: str
    language: str
    authors: dict[str, str]  # login -> display name
    items: tuple[WxrItem, ...]
    terms: dict[int, WxrTerm] = field(default_factory=dict)  # by term_id

    def by_id(self) -> dict[int, WxrItem]:
        return {item.id: item for item in self.items}


def read_export(path: Path) -> WxrSite:
    """The export at `path`; a CommandError naming the file when it is not a WXR file that parses safely."""
    try:
        channel = parse(path, forbid_dtd=True).getroot().find("channel")
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from error
    except (ParseError, DefusedXmlException) as error:
        raise CommandError(f"{path} is not a WordPress export that can be read safely: {error}") from error
    wxr_version = next((child for child in channel or () if child.tag.endswith("}wxr_version")), None)
    match = _WP_NAMESPACE.match(wxr_version.tag) if wxr_version is not None else None
    if channel is None or match is None:
        raise CommandError(f"{path} is not a WordPress export (WXR): it has no <channel> with <wp:wxr_version>")
    fields = _Fields("{" + match.group(1) + "}")
    authors = {
        fields.text(author, "author_login"): fields.text(author, "author_display_name")
        for author in channel.findall(fields.wp + "author")
    }
    return WxrSite(
        title=_text(channel, "title"),
        link=_text(channel, "link"),
        description=_text(channel, "description"),
        language=_text(channel, "language"),
        authors=authors,
        items=tuple(fields.item(element) for element in channel.findall("item")),
        terms=fields.terms(channel),
    )


def _text(element: Element, tag: str) -> str:
    return (element.findtext(tag) or "").strip()


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _wall_clock(text: str) -> datetime | None:
    """A WordPress date ("2024-05-03 09:30:00"), without a zone; None for none ("0000-00-00 00:00:00")."""
    try:
        return None if text == _NO_DATE else datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _utc(text: str) -> datetime | None:
    moment = _wall_clock(text)
    return moment.replace(tzinfo=UTC) if moment else None


class _Fields:
    """Reads of one export's WordPress elements, in the namespace of its WXR version."""

    def __init__(self, wp: str) -> None:
        self.wp = wp
        self.excerpt = wp.removesuffix("}") + "excerpt/}"

    def text(self, element: Element, name: str) -> str:
        return _text(element, self.wp + name)

    def item(self, element: Element) -> WxrItem:
        text = partial(self.text, element)
        return WxrItem(
            id=_number(text("post_id")),
            kind=text("post_type"),
            status=text("status"),
            title=_text(element, "title"),
            link=_text(element, "link"),
            name=text("post_name"),
            creator=_text(element, DUBLIN_CORE + "creator"),
            content=element.findtext(CONTENT + "encoded") or "",
            excerpt=_text(element, self.excerpt + "encoded"),
            date=_utc(text("post_date_gmt")),
            modified=_utc(text("post_modified_gmt")),
            sticky=text("is_sticky") == "1",
            local_date=_wall_clock(text("post_date")),
            parent_id=_number(text("post_parent")),
            attachment_url=text("attachment_url"),
            password=text("post_password"),
            terms=tuple((term.get("domain", ""), (term.text or "").strip(), term.get("nicename", ""))
                        for term in element.findall("category")),
            meta={self.text(meta, "meta_key"): self.text(meta, "meta_value")
                  for meta in element.findall(self.wp + "postmeta")},
            comments=tuple(self.comment(comment) for comment in element.findall(self.wp + "comment")),
            menu_order=_number(text("menu_order")),
        )

    def terms(self, channel: Element) -> dict[int, WxrTerm]:
        """The channel's categories, tags and other terms by id, each element with its own field names."""
        shapes = (("category", None, "category_nicename", "cat_name"), ("tag", "post_tag", "tag_slug", "tag_name"),
                  ("term", None, "term_slug", "term_name"))
        found: dict[int, WxrTerm] = {}
        for element_name, taxonomy, slug, name in shapes:
            for element in channel.findall(self.wp + element_name):
                kind = taxonomy or self.text(element, "term_taxonomy") or "category"
                found.setdefault(_number(self.text(element, "term_id")),
                                 WxrTerm(kind, self.text(element, slug), self.text(element, name)))
        return found

    def comment(self, element: Element) -> WxrComment:
        text = partial(self.text, element)
        return WxrComment(
            id=_number(text("comment_id")),
            parent_id=_number(text("comment_parent")),
            author=text("comment_author"),
            author_url=text("comment_author_url"),
            author_email=text("comment_author_email"),
            content=element.findtext(self.wp + "comment_content") or "",
            approved=text("comment_approved"),
            kind=text("comment_type"),
            date=_utc(text("comment_date_gmt")) or _utc(text("comment_date")),
        )
