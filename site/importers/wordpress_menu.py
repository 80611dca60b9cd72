"""The WordPress site's menu as Herald's `nav:`: the entries (nav_menu_item) of its main menu, in their order, each
leading to where its page is now.

A site may have several menus (header, footer, social); Herald has one, so the import takes the menu named like a
main one ("Primary", "Main menu"), else the one with most entries, and reports the others. Herald's menu is flat:
an entry under another is reported, not carried. An entry leads to an imported post or page (its new path), a
category's or tag's list (Herald's, when published posts have that term), or its own address (a link to the old
site pointed at the new one, as in the bodies). An entry whose page did not come over is left out and reported,
since a menu link to a missing page would break the build.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from herald_site.importers.output import LeftBehind
from herald_site.importers.wordpress_archives import term_page
from herald_site.importers.wordpress_plan import MENU_ENTRY, PlannedDocument
from herald_site.importers.wxr import WxrItem, WxrSite

_MAIN_NAME = re.compile(r"\b(primary|main)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ImportedMenu:
    name: str  # the WordPress menu it came from; "" when the export has none
    nav: tuple[dict[str, str], ...]  # site.yml's `nav:` entries, {title, url}
    left_behind: tuple[LeftBehind, ...]


def import_menu(site: WxrSite, documents: Iterable[PlannedDocument], relink: Callable[[str], str]) -> ImportedMenu:
    """`nav:` from the site's main menu; `relink` points a link to the old site at its page here."""
    menus: dict[str, list[WxrItem]] = {}
    for item in site.items:
        if item.kind == MENU_ENTRY and item.status == "publish":
            menus.setdefault(next(iter(item.names("nav_menu")), ""), []).append(item)
    if not menus:
        return ImportedMenu("", (), ())
    name = max(menus, key=lambda menu: (bool(_MAIN_NAME.search(menu)), len(menus[menu])))
    left_behind = [LeftBehind(f"the menu {other!r} ({len(entries)} {'entry' if len(entries) == 1 else 'entries'})",
                              f"Herald has one menu, `nav:`, made of the menu {name!r}; add its entries there "
                              "or link them from a page") for other, entries in menus.items() if other != name]
    entries = _Entries(site, list(documents), relink, name)
    nav = []
    for item in sorted(menus[name], key=lambda entry: entry.menu_order):
        if item.meta.get("_menu_item_menu_item_parent", "0") not in ("", "0"):
            left_behind.append(entries.leave(item, "it sits under another entry, and Herald's menu is flat (one "
                                                   "level): add it to `nav:` or link it from its parent's page"))
            continue
        link = entries.link(item, left_behind)
        if link is not None:
            nav.append(link)
    return ImportedMenu(name, tuple(nav), tuple(left_behind))


class _Entries:
    """Where each entry of one menu leads on the imported site."""

    def __init__(self, site: WxrSite, documents: list[PlannedDocument], relink: Callable[[str], str],
                 menu: str) -> None:
        self.site, self.documents, self.relink, self.menu = site, documents, relink, menu
        self.host = urlsplit(site.link).netloc
        self.by_id = {document.item.id: document for document in documents}
        self.items = site.by_id()

    def leave(self, item: WxrItem, reason: str) -> LeftBehind:
        return LeftBehind(f"the menu entry {self.title(item)!r} of {self.menu!r}", reason)

    def title(self, item: WxrItem) -> str:
        """The entry's label: its own, else (as WordPress shows it) its page's title or its term's name."""
        if item.title:
            return html.unescape(item.title)
        target = self._object_id(item)
        if item.meta.get("_menu_item_type") == "taxonomy":
            term = self.site.terms.get(target)
            return html.unescape(term.name) if term else ""
        linked = self.items.get(target)
        return html.unescape(linked.title) if linked else ""

    def link(self, item: WxrItem, left_behind: list[LeftBehind]) -> dict[str, str] | None:
        """The entry as `nav:` holds it, or None (with the reason in `left_behind`) when it has nowhere to lead."""
        kind = item.meta.get("_menu_item_type", "")
        url, problem = {"post_type": self._document_url, "taxonomy": self._term_url,
                        "custom": self._custom_url}.get(kind, self._unknown)(item)
        title = self.title(item) or url
        if url is None or not title:
            left_behind.append(self.leave(item, problem or "it has no label"))
            return None
        if problem:
            left_behind.append(self.leave(item, problem))
        return {"title": title, "url": url}

    def _object_id(self, item: WxrItem) -> int:
        value = item.meta.get("_menu_item_object_id", "")
        return int(value) if value.isdigit() else 0

    def _document_url(self, item: WxrItem) -> tuple[str | None, str | None]:
        document = self.by_id.get(self._object_id(item))
        if document is None:
            linked = self.items.get(self._object_id(item))
            return None, (f"it leads to {linked or f'item {self._object_id(item)}'}, which was not imported"
                          + (" (see its own line)" if linked else ""))
        if not document.url_path:
            return None, f"it leads to {document.item}, a draft, which has no address until it is published"
        return document.url_path, None

    def _term_url(self, item: WxrItem) -> tuple[str | None, str | None]:
        term = self.site.terms.get(self._object_id(item))
        if term is None:
            return None, f"it leads to term {self._object_id(item)}, which the export does not list"
        path = term_page(self.documents, term.taxonomy, term.name)
        if path is None:
            return None, (f"it leads to the {term.taxonomy} {html.unescape(term.name)!r}, which has no list page "
                          "here (Herald lists the categories and tags of published posts)")
        return path, None

    def _custom_url(self, item: WxrItem) -> tuple[str | None, str | None]:
        address = item.meta.get("_menu_item_url", "").strip()
        if not address or address == "#":
            return None, "it links nowhere (a heading for the entries under it)"
        url = self.relink(address)
        if urlsplit(url).netloc == self.host and self.host:
            return url, (f"it links to {url}, a page of the old site that was not imported (the entry keeps the "
                         "old address)")
        return url, None

    def _unknown(self, item: WxrItem) -> tuple[str | None, str | None]:
        kind = item.meta.get("_menu_item_type", "")
        return None, f"it leads to a {kind or 'kind of'} page Herald does not make"
