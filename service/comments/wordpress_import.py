"""WordPress's comments brought into the service (`flask --app service import wordpress EXPORT.xml`).

Each comment goes under the URL path its post has on the imported site (the plan `build.py import wordpress`
follows, `herald_site.importers.wordpress_plan`), threaded as it was, with its date. Approved comments are
published, held ones wait for moderation; spam, trash, pingbacks and trackbacks, the comments of posts the site
does not publish and those of pages (which show no comments) stay behind. A reply to a comment left behind
hangs from that comment's own parent.

Nothing of a commenter's address comes over: the IP is never read, the email is kept only as a keyed hash
(`store.email_hash`) by which an erasure of that address finds the comment. Text is never trusted
as HTML: it is turned into Markdown and rendered as every visitor's text is (`service/visitor_text.py`). Each
comment's WordPress id is recorded (`ImportedComment`), so a second run adds nothing, and a comment removed
since stays removed. Two imports at one moment take turns (`_one_import_at_a_time`), so the second adds nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, delete, false, insert, select, text
from sqlalchemy.orm import Session

from herald_site.importers.wordpress_html import comment_markdown
from herald_site.importers.wordpress_plan import PAGE, plan_import
from herald_site.importers.wxr import WxrComment, WxrItem, WxrSite

from ..db import utcnow
from ..visitor_text import render_visitor_text
from .models import APPROVED, AUTHOR_MAX, PENDING, SOURCE_MAX, WEBSITE_MAX, Comment, ImportedComment
from .store import email_hash

STATUSES = {"1": APPROVED, "0": PENDING}
LEFT_OUT = {"spam": "spam", "trash": "in the trash"}
ANONYMOUS = "Anonymous"
_INSERT_COMMENT = insert(cast(Table, Comment.__table__))


@dataclass(frozen=True)
class CommentImportReport:
    added: Counter[str]  # by status
    already_there: int
    left_behind: Counter[str]  # by reason

    def __str__(self) -> str:
        lines = [f"Added {self.added[APPROVED]} published and {self.added[PENDING]} held comments "
                 f"({self.already_there} were already there)."]
        lines += [f"Left behind: {count} {reason}." for reason, count in sorted(self.left_behind.items())]
        return "\n".join(lines)


def import_wordpress_comments(session: Session, site: WxrSite) -> CommentImportReport:
    """Store the comments of `site`'s imported posts and pages that are not stored yet; the caller commits."""
    source = f"wordpress {site.link}"[:SOURCE_MAX]
    page_paths = plan_import(site).comment_pages()
    every: dict[int, WxrComment] = {}
    pages: dict[int, str] = {}
    left_behind: Counter[str] = Counter()
    for item in site.items:
        for comment in item.comments:
            every[comment.id] = comment
            reason = _reason_left_out(comment) or _reason_page_left_out(item, page_paths)
            if reason:
                left_behind[reason] += 1
            else:
                pages[comment.id] = page_paths[item.id]
    _one_import_at_a_time(session)
    stored = dict(session.execute(select(ImportedComment.source_id, ImportedComment.comment_id)
                                  .where(ImportedComment.source == source)).all())
    importer = _Importer(session, source, every, pages, stored)
    for wordpress_id in sorted(pages):
        importer.store(wordpress_id)
    return CommentImportReport(importer.added, len(set(pages) & set(stored)), left_behind)


def _one_import_at_a_time(session: Session) -> None:
    """Take the write lock on comment_imports before reading which comments came over: an import started while
    another runs waits for it to commit, then finds its comments and adds none. PostgreSQL locks the table against
    other writers (reads go on); SQLite takes its one write lock with a delete of nothing. A database that gives up
    waiting (SQLite's busy timeout, a server's lock_timeout) stops the command, saying another import runs."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"LOCK TABLE {ImportedComment.__tablename__} IN EXCLUSIVE MODE"))
    else:
        connection.execute(delete(cast(Table, ImportedComment.__table__)).where(false()))


def _reason_page_left_out(item: WxrItem, page_paths: dict[int, str]) -> str | None:
    if item.id in page_paths:
        return None
    if item.kind == PAGE:
        return "comments on pages (Herald shows comments under posts only)"
    return f"comments on {item.kind}s the site does not publish"


def _reason_left_out(comment: WxrComment) -> str | None:
    if comment.kind in ("pingback", "trackback"):
        return "pingbacks and trackbacks"
    if comment.approved in LEFT_OUT:
        return f"comments marked {LEFT_OUT[comment.approved]}"
    if comment.approved not in STATUSES:
        return f"comments in WordPress's state {comment.approved!r}"
    return None


class _Importer:
    """Stores comments parents first, each once, remembering the id each WordPress comment got here."""

    def __init__(self, session: Session, source: str, every: dict[int, WxrComment], pages: dict[int, str],
                 stored: dict[int, int]) -> None:
        self.session, self.source, self.every, self.pages = session, source, every, pages
        self.ids = dict(stored)  # WordPress id -> id here
        self.added: Counter[str] = Counter()

    def parent_of(self, comment: WxrComment) -> int | None:
        """The WordPress id of the nearest ancestor that comes over, or None at the top of the thread."""
        seen, parent = {comment.id}, comment.parent_id
        while parent and parent not in self.pages and parent not in seen:
            seen.add(parent)
            ancestor = self.every.get(parent)
            parent = ancestor.parent_id if ancestor else 0
        return parent if parent in self.pages else None

    def store(self, wordpress_id: int, chain: frozenset[int] = frozenset()) -> int | None:
        if wordpress_id in self.ids:
            return self.ids[wordpress_id]
        comment = self.every[wordpress_id]
        parent = self.parent_of(comment)
        if parent in chain:  # an export whose replies loop: the loop's first comment starts a thread
            parent = None
        parent_id = self.store(parent, chain | {wordpress_id}) if parent else None
        body = comment_markdown(comment.content) or "…"
        status = STATUSES[comment.approved]
        values = {"page": self.pages[wordpress_id], "parent_id": parent_id,
                  "author": comment.author.strip()[:AUTHOR_MAX] or ANONYMOUS, "email": None,
                  "website": _website(comment.author_url), "body": body, "html": render_visitor_text(body),
                  "status": status, "created": comment.date or utcnow(), "edited": None, "edit_secret_hash": None}
        inserted = self.session.connection().execute(_INSERT_COMMENT, values)
        self.ids[wordpress_id] = new_id = inserted.inserted_primary_key[0]
        self.session.add(ImportedComment(source=self.source, source_id=wordpress_id, comment_id=new_id,
                                         email_hash=email_hash(comment.author_email) if comment.author_email else None))
        self.added[status] += 1
        return new_id


def _website(url: str) -> str | None:
    """The commenter's site when it is an http(s) address the column holds."""
    url = url.strip()
    return url if url.startswith(("http://", "https://")) and len(url) <= WEBSITE_MAX else None
