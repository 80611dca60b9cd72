"""`build.py import wordpress EXPORT.xml`: a WordPress export (WXR) as a Herald content folder.

Published posts and pages become Markdown files with their dates, authors, categories, tags, excerpts and
featured images, and keep their old addresses as `permalink`; drafts stay drafts; media come from the uploads
folder (or the old site); site.yml is written when the folder has none, with redirects from the old site's
list pages to Herald's (`herald_site.importers.wordpress_archives`). What could not come over is listed in
the report, printed and kept as import-report.txt beside the content folder's site.yml.

Running it again into the same folder is safe: the files it writes are written again from the export (edits
made to them since are replaced), nothing else in the folder is touched, and an existing site.yml is kept.
"""

from __future__ import annotations

import html
import re
import shlex
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import yaml

from herald_site.importers.output import (
    SETTINGS_FILE,
    ImportReport,
    LeftBehind,
    write_document,
    write_report,
    write_settings,
)
from herald_site.importers.wordpress_archives import archive_redirects
from herald_site.importers.wordpress_html import Attachment, body_markdown
from herald_site.importers.wordpress_media import MediaImport, uploads_path
from herald_site.importers.wordpress_menu import ImportedMenu, import_menu
from herald_site.importers.wordpress_plan import ATTACHMENT, POST, PlannedDocument, plan_import
from herald_site.importers.wxr import WxrItem, WxrSite, read_export
from herald_site.slugs import slugify
from herald_site.urls import MEDIA_PREFIX
from herald_site.written_paths import normalize_url_path

MEDIA_FOLDER = "media"
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class WordPressImportReport(ImportReport):
    media_copied: int = 0
    media_downloaded: int = 0
    menu: ImportedMenu = ImportedMenu("", (), ())
    media_missing: int = 0
    comments: bool = False  # whether imported posts have comments, for the service's import

    def other_files(self) -> str:
        return (f"{self.media_copied + self.media_downloaded} media files ({self.media_copied} copied, "
                f"{self.media_downloaded} downloaded)")

    def details(self) -> list[str]:
        """The menu, when the existing site.yml kept the import from writing it: ready to paste."""
        if self.wrote_settings or not self.menu.nav:
            return []
        menu = yaml.safe_dump({"nav": list(self.menu.nav)}, sort_keys=False, allow_unicode=True)
        return [f"The menu {self.menu.name!r}, not written since {SETTINGS_FILE} was kept; to use it, put this "
                f"in {SETTINGS_FILE}:", *("    " + line for line in menu.splitlines())]

    def next_steps(self) -> list[str]:
        export, content = shlex.quote(str(self.source)), shlex.quote(str(self.content_dir))
        steps = []
        if self.media_missing:
            files = "file" if self.media_missing == 1 else "files"
            steps.append(f"Import again with --uploads DIR to bring the {self.media_missing} missing media {files} "
                         f"(the pages link {'it' if self.media_missing == 1 else 'them'} at the old site): python "
                         f"build.py import wordpress {export} --content {content} --uploads DIR")
        if self.menu.nav and self.wrote_settings:
            steps.append(f"Review the menu: `nav:` in {self.content_dir / SETTINGS_FILE}, {len(self.menu.nav)} "
                         f"entries from the WordPress menu {self.menu.name!r}.")
        elif self.menu.nav:
            steps.append(f"Review the menu printed above and put it in {SETTINGS_FILE}'s `nav:` if you want it.")
        else:
            steps.append(f"The export has no menu: write one as `nav:` in {SETTINGS_FILE} (a list of title and url).")
        if self.comments:
            steps.append("Bring the comments of the imported posts into the service, run where the service's "
                         f"environment is set (its DATABASE_URL and SECRET_KEY): flask --app service import "
                         f"wordpress {export}")
        steps.append(f"Build the site: python build.py build --content {content}")
        return steps


def import_wordpress(export: Path, content_dir: Path, *, uploads: Path | None = None,
                     download: bool = True) -> WordPressImportReport:
    """Write the content of `export` into `content_dir` and return (and keep) the report of the import."""
    site = read_export(export)
    plan = plan_import(site)
    content_dir.mkdir(parents=True, exist_ok=True)
    media = MediaImport(content_dir / MEDIA_FOLDER, uploads, download)
    archives = archive_redirects(plan.documents)
    writer = _Writer(site, media, plan.documents, archives)
    left_behind = list(plan.left_behind)
    for item in site.items:
        if item.kind == ATTACHMENT and item.attachment_url:
            media.media_url(item.attachment_url)
    for document in plan.documents:
        left_behind += writer.write(content_dir, document)
    left_behind += [LeftBehind(f"media file {path}",
                               f"{why}; the pages that show it link it at the old site: {_reimport_advice(path)} "
                               f"(putting the file in {MEDIA_FOLDER}/ by hand does not change those links)")
                    for path, why in sorted(media.missing.items())]
    menu = import_menu(site, plan.documents, writer.relink)
    left_behind += menu.left_behind
    wrote_settings = write_settings(content_dir, "Written by `build.py import wordpress` from the export's channel "
                                    "and menu; edit freely.", _settings(site, archives, menu.nav))
    if archives and not wrote_settings:
        left_behind.append(LeftBehind(
            f"the old site's {len(archives)} list addresses ({', '.join(list(archives)[:3])}, ...)",
            f"the existing {SETTINGS_FILE} was kept, so their redirects were not written into it; an import into "
            "a folder without one writes them under `redirects:`"))
    report = WordPressImportReport(
        export, content_dir,
        posts=sum(document.kind == POST for document in plan.documents),
        drafts=sum(document.draft for document in plan.documents),
        pages=sum(document.kind != POST for document in plan.documents),
        media_copied=len(media.copied), media_downloaded=len(media.downloaded),
        wrote_settings=wrote_settings, left_behind=tuple(left_behind), menu=menu,
        media_missing=len(media.missing),
        comments=any(document.item.comments for document in plan.documents if document.kind == POST
                     and not document.draft),
    )
    write_report(content_dir, report)
    return report


def _settings(site: WxrSite, archives: dict[str, str], nav: tuple[dict[str, str], ...]) -> dict[str, Any]:
    """site.yml from the export's channel (the site's name, address, description and language), with its menu
    (`herald_site.importers.wordpress_menu`) and the old list pages' redirects
    (`herald_site.importers.wordpress_archives`)."""
    address = urlsplit(site.link)
    values: dict[str, Any] = {
        "title": html.unescape(site.title) or address.netloc or "My site",
        "url": f"{address.scheme}://{address.netloc}" if address.netloc else "https://example.org",
        "description": html.unescape(site.description), "language": site.language, "nav": list(nav),
        "redirects": [{"from": source, "to": target} for source, target in archives.items()]}
    return {key: value for key, value in values.items() if value}


def _terms(item: WxrItem, domain: str, left_behind: list[LeftBehind]) -> list[str]:
    """The item's categories or tags; a name without a letter or digit, in any script, to make its page's URL of
    (one of symbols only, such as "★") is left out and reported."""
    names = []
    for name in map(html.unescape, item.names(domain)):
        if slugify(name):
            names.append(name)
        else:
            kind = "category" if domain == "category" else "tag"
            left_behind.append(LeftBehind(str(item), f"its {kind} {name!r} has no letter or digit to make "
                                                     "the URL of its page from"))
    return names


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


class _Writer:
    """Writes each planned document, its links to the old site pointed at the new one."""

    def __init__(self, site: WxrSite, media: MediaImport, documents: tuple[PlannedDocument, ...],
                 archives: dict[str, str]) -> None:
        self.site, self.media = site, media
        self.unkept: dict[str, None] = {}  # the current document's links to the old site's other pages, in order
        self.host = urlsplit(site.link).netloc
        self.items = site.by_id()
        self.new_paths = {document.item.id: document.url_path for document in documents if document.url_path}
        self.kept_paths = {"/", *self.new_paths.values()}
        self.by_old_path = {path: self.new_paths[item.id] for item in site.items
                            if item.id in self.new_paths and (path := self._old_path(item.link))}
        self.by_old_path.update((path, target) for source, target in archives.items()  # a category's list, ...
                                if (path := self._old_path(source)) and path not in self.by_old_path)
        self.attachments: dict[int, Attachment] = {}
        self.children: dict[int, list[Attachment]] = {}  # each post's own attachments, for a [gallery] without ids
        for item in site.items:
            if item.kind == ATTACHMENT:
                attachment = Attachment(item.attachment_url, item.meta.get("_wp_attachment_image_alt", ""),
                                        item.excerpt)
                self.attachments[item.id] = attachment
                self.children.setdefault(item.parent_id, []).append(attachment)

    def _old_path(self, link: str) -> str | None:
        try:
            return normalize_url_path(urlsplit(link).path) if link else None
        except ValueError:
            return None

    def relink(self, url: str) -> str:
        """An old site's upload as its /media/ URL, a link to an imported post as its path, to its home as /;
        a link to another of its pages (a category's archive) as the old address, noted in `unkept`."""
        media_url = self.media.media_url(url)
        if media_url is not None:
            return media_url
        parts = urlsplit(url)
        if parts.netloc not in ("", self.host) or parts.scheme not in ("", "http", "https"):
            return url
        if not parts.netloc and (not parts.path or parts.path in self.kept_paths
                                 or parts.path.startswith(MEDIA_PREFIX)):
            return url  # "#part" of this very page, or a link made here already
        query = parse_qs(parts.query)
        by_id = next((self.new_paths.get(int(values[0])) for key in ("p", "page_id")
                      if (values := query.get(key)) and values[0].isdigit()), None)
        old_path = self._old_path(parts.path or "/")
        new_path = by_id or ("/" if old_path == "/" and not query else self.by_old_path.get(old_path or ""))
        if new_path is None:
            self.unkept.setdefault(url, None)
            return urljoin(self.site.link + "/", url)
        return new_path + (f"#{parts.fragment}" if parts.fragment else "")

    def write(self, content_dir: Path, document: PlannedDocument) -> list[LeftBehind]:
        item = document.item
        self.unkept = {}
        converted = body_markdown(item.content, relink=self.relink, attachments=self.attachments,
                                  children=self.children.get(item.id, ()))
        left_behind = [LeftBehind(str(item), f"the shortcode {name} was removed (the text it enclosed is kept)")
                       for name in converted.dropped]
        left_behind += [LeftBehind(str(item), f"it links to {url}, a page of the old site that was not imported "
                                              "(the link keeps the old address)") for url in self.unkept]
        frontmatter = self._frontmatter(document, left_behind)
        if "{{" in converted.markdown or "{%" in converted.markdown:
            frontmatter["render_with_liquid"] = False  # WordPress shows such braces as they are; so does Herald
        write_document(content_dir, document.file, frontmatter, converted.markdown)
        return left_behind

    def _frontmatter(self, document: PlannedDocument, left_behind: list[LeftBehind]) -> dict[str, Any]:
        item = document.item
        values: dict[str, Any] = {"title": html.unescape(item.title) or document.slug}
        if document.kind == POST:
            values["date"] = item.date or item.local_date
            values["updated"] = item.modified if item.date and item.modified and item.modified > item.date else None
            values["author"] = self.site.authors.get(item.creator) or item.creator or None
            values["categories"] = _terms(item, "category", left_behind) or None
            values["tags"] = _terms(item, "post_tag", left_behind) or None
            values.update(self._featured_image(item, left_behind))
            values["featured"] = item.sticky or None
            values["draft"] = document.draft or None
        values["summary"] = _plain(item.excerpt) or None
        values["permalink"] = document.url_path or None
        return {key: value for key, value in values.items() if value is not None}

    def _featured_image(self, item: WxrItem, left_behind: list[LeftBehind]) -> dict[str, str]:
        """The post's cover, in media/; none (and a report line) when the file did not come over, since Herald's
        pages show no cover from another host."""
        thumbnail_id = item.meta.get("_thumbnail_id", "")
        if not thumbnail_id.isdigit() or int(thumbnail_id) == 0:
            return {}
        thumbnail = self.items.get(int(thumbnail_id))
        if thumbnail is None or not thumbnail.attachment_url:
            left_behind.append(LeftBehind(str(item), f"its featured image (attachment {thumbnail_id}) is not in "
                                                     "the export, so the post has no cover"))
            return {}
        url = thumbnail.attachment_url
        image = self.media.media_url(url)
        if image is None or not image.startswith(MEDIA_PREFIX):
            left_behind.append(LeftBehind(str(item), _cover_advice(url, uploads_path(url))))
            return {}
        alt = thumbnail.meta.get("_wp_attachment_image_alt", "")
        return {"image": image, "image_alt": alt} if alt else {"image": image}


def _cover_advice(url: str, upload: PurePosixPath | None) -> str:
    """Why a post has no cover, and how to give it its old one."""
    if upload is None:
        return (f"its featured image {url} is not one of the site's uploads, so the post has no cover (Herald shows "
                f"none from another host): save the picture in {MEDIA_FOLDER}/ and set `image:` in the post")
    return (f"its featured image {url} could not be copied or downloaded, so the post has no cover (Herald shows "
            f"none from another host): {_reimport_advice(upload)}")


def _reimport_advice(upload: PurePosixPath) -> str:
    return f"import again with --uploads DIR, DIR being a copy of the old site's wp-content/uploads holding {upload}"
