"""Syndication's tables: the accounts and when each was connected, each post's copy per account, and the
replies fetched back from the copies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime
from ..queue import QueuedColumns

URL_MAX = 2000
TITLE_MAX = 500
HIDDEN = "hidden"  # a reply the admin hid: kept, so the next fetch does not bring it back


class SocialAccount(Base):
    """An account the service posts to, first seen configured at `connected_at`: nothing older is posted."""

    __tablename__ = "social_accounts"
    __table_args__ = (UniqueConstraint("network", "name", name="uq_social_accounts_network_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(253))  # the Mastodon server's host, the Bluesky handle
    connected_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SocialCopy(QueuedColumns, Base):
    """One post on one account: a row of the stored queue (service/queue.py), then the remote post's id and URL.

    `key` is fixed when the row is made: Mastodon's Idempotency-Key, Bluesky's record key, so an attempt made
    again after a crash finds the first one instead of posting twice.
    """

    __tablename__ = "social_copies"
    __table_args__ = (
        UniqueConstraint("account_id", "page", name="uq_social_copies_account_page"),
        Index("ix_social_copies_due", "status", "next_attempt_at"),
        Index("ix_social_copies_page", "page"),
        {"sqlite_autoincrement": True},  # an id is never given again: the dashboard's retry names it
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("social_accounts.id", ondelete="CASCADE"))
    page: Mapped[str] = mapped_column(String(URL_MAX))  # the post's path on the site, as comments name it
    url: Mapped[str] = mapped_column(String(URL_MAX))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    summary: Mapped[str] = mapped_column(Text, default="")
    image: Mapped[str | None] = mapped_column(String(URL_MAX))
    published: Mapped[datetime] = mapped_column(UTCDateTime)
    key: Mapped[str] = mapped_column(String(64))
    remote_id: Mapped[str | None] = mapped_column(String(URL_MAX))  # a Mastodon status id, a Bluesky at:// URI
    remote_url: Mapped[str | None] = mapped_column(String(URL_MAX))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SocialReply(Base):
    """A reply to a copy, as last fetched: sanitized HTML, its author's handle and the link to the original."""

    __tablename__ = "social_replies"
    __table_args__ = (UniqueConstraint("copy_id", "remote_id", name="uq_social_replies_copy_remote"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    copy_id: Mapped[int] = mapped_column(ForeignKey("social_copies.id", ondelete="CASCADE"))
    remote_id: Mapped[str] = mapped_column(String(URL_MAX))
    handle: Mapped[str] = mapped_column(String(300))
    author: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(URL_MAX))
    html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))  # approved or pending, as HERALD_MODERATION says; or hidden
    created: Mapped[datetime] = mapped_column(UTCDateTime)
