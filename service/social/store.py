"""Syndication's storage: accounts and when they were connected, the copies to make, replies kept in step."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.orm import Session

from .. import queue
from ..db import UTCDateTime
from ..moderation import APPROVED
from .bluesky_client import record_key
from .feed import FeedPost
from .models import SocialAccount, SocialCopy, SocialReply
from .remote import FetchedReply, RemotePost
from .settings import BLUESKY, Account


def connected_accounts(session: Session, accounts: Iterable[Account], *, now: datetime) -> list[SocialAccount]:
    """The stored row of each configured account, made (connected at `now`) the first time it is seen."""
    rows = []
    for account in accounts:
        row = session.scalars(select(SocialAccount).where(SocialAccount.network == account.network,
                                                          SocialAccount.name == account.name)).one_or_none()
        if row is None:
            row = SocialAccount(network=account.network, name=account.name, connected_at=now)
            session.add(row)
            session.flush()
        rows.append(row)
    return rows


def copy_key(account: SocialAccount, post: FeedPost) -> str:
    """The key that makes a second attempt at the same copy land on the first: Mastodon's Idempotency-Key, or a
    Bluesky record key, from the post and the account alone."""
    digest = hashlib.sha256(f"herald|{account.network}|{account.name}|{post.url}".encode()).hexdigest()
    if account.network == BLUESKY:
        return record_key(post.published, int(digest[:8], 16))
    return digest[:32]


def plan_copies(session: Session, account: SocialAccount, posts: Sequence[FeedPost], *, now: datetime) -> int:
    """Queue a copy of every post published since the account was connected that has none yet; how many."""
    known = set(session.scalars(select(SocialCopy.page).where(SocialCopy.account_id == account.id)))
    added = 0
    for post in posts:
        if post.published < account.connected_at or post.page in known:
            continue
        known.add(post.page)
        session.add(SocialCopy(account_id=account.id, page=post.page, url=post.url, title=post.title,
                               summary=post.summary, image=post.image, published=post.published,
                               key=copy_key(account, post), status=queue.QUEUED, attempts=0, next_attempt_at=now))
        added += 1
    session.flush()
    return added


def claim_copy(session: Session, *, now: datetime, due_before: datetime, stale_before: datetime,
               only_ids: Sequence[int] | None = None) -> SocialCopy | None:
    return queue.claim_next(session, SocialCopy, now=now, due_before=due_before, stale_before=stale_before,
                            only_ids=only_ids)


def record_posted(session: Session, copy_id: int, remote: RemotePost, *, now: datetime) -> None:
    queue.finish(session, SocialCopy, copy_id, status=queue.SENT, sent_at=now, last_error=None,
                 remote_id=remote.id, remote_url=remote.url)


def account_of(session: Session, copy: SocialCopy) -> SocialAccount:
    return session.get_one(SocialAccount, copy.account_id)


def posted_copies(session: Session, *, since: datetime) -> list[SocialCopy]:
    """The copies posted since `since`, whose replies are to be fetched."""
    return list(session.scalars(select(SocialCopy).where(SocialCopy.status == queue.SENT, SocialCopy.sent_at >= since)
                                .order_by(SocialCopy.id)))


def keep_replies(session: Session, copy_id: int, fetched: Sequence[FetchedReply], *, new_status: str) -> None:
    """Make the copy's stored replies what was fetched: new ones added (`new_status`), changed ones updated,
    those gone at the source removed. A reply's moderation status stays as it was."""
    stored = {reply.remote_id: reply for reply in session.scalars(select(SocialReply)
                                                                  .where(SocialReply.copy_id == copy_id))}
    seen = set()
    for reply in fetched:
        seen.add(reply.id)
        row = stored.get(reply.id)
        if row is None:
            row = SocialReply(copy_id=copy_id, remote_id=reply.id, status=new_status)
            session.add(row)
        row.handle, row.author, row.url = reply.handle[:300], reply.author[:300], reply.url
        row.html, row.created = reply.html, reply.created
    gone = [row.id for remote_id, row in stored.items() if remote_id not in seen]
    if gone:
        session.execute(delete(SocialReply).where(SocialReply.id.in_(gone)))


def page_copies(session: Session, page: str) -> list[tuple[SocialCopy, SocialAccount]]:
    """The copies made of the post at `page`, with their accounts."""
    statement = (select(SocialCopy, SocialAccount).join(SocialAccount, SocialAccount.id == SocialCopy.account_id)
                 .where(SocialCopy.page == page, SocialCopy.status == queue.SENT).order_by(SocialAccount.network))
    return [(copy, account) for copy, account in session.execute(statement)]


def page_replies(session: Session, copy_ids: Sequence[int]) -> list[SocialReply]:
    """The published replies to these copies, oldest first."""
    statement = (select(SocialReply).where(SocialReply.copy_id.in_(list(copy_ids)), SocialReply.status == APPROVED)
                 .order_by(SocialReply.created, SocialReply.id))
    return list(session.scalars(statement))


def copies_for_dashboard(session: Session, limit: int) -> list[tuple[SocialCopy, SocialAccount]]:
    """The newest copies with their accounts, for the dashboard."""
    statement = (select(SocialCopy, SocialAccount).join(SocialAccount, SocialAccount.id == SocialCopy.account_id)
                 .order_by(SocialCopy.id.desc()).limit(limit))
    return [(copy, account) for copy, account in session.execute(statement)]


def all_accounts(session: Session) -> list[SocialAccount]:
    return list(session.scalars(select(SocialAccount).order_by(SocialAccount.network, SocialAccount.name)))


@dataclass(frozen=True)
class PostingRecord:
    """Whether an account's credentials have been tried (nothing checks them before the first post), and when
    it last posted: the proof that they work."""

    tried: bool
    last_posted: datetime | None


def posting_records(session: Session) -> dict[int, PostingRecord]:
    """Each account's posting record, by account id; an account with no copy yet has none."""
    statement = (select(SocialCopy.account_id, func.max(SocialCopy.attempts),
                        func.max(case((SocialCopy.status == queue.SENT, SocialCopy.sent_at)), type_=UTCDateTime))
                 .group_by(SocialCopy.account_id))
    return {account_id: PostingRecord(tried=bool(attempts), last_posted=sent_at)
            for account_id, attempts, sent_at in session.execute(statement)}


def replies_for_dashboard(session: Session, limit: int) -> list[tuple[SocialReply, SocialCopy]]:
    """The newest replies with the copy each answers, for moderation."""
    statement = (select(SocialReply, SocialCopy).join(SocialCopy, SocialCopy.id == SocialReply.copy_id)
                 .order_by(SocialReply.created.desc(), SocialReply.id.desc()).limit(limit))
    return [(reply, copy) for reply, copy in session.execute(statement)]


def moderate_reply(session: Session, reply_id: int, status: str) -> bool:
    """Publish (approved) or hide a reply; False when there is none with that id."""
    return session.execute(update(SocialReply).where(SocialReply.id == reply_id).values(status=status)).rowcount > 0


def requeue_copy(session: Session, copy_id: int, *, now: datetime) -> bool:
    """Make a waiting or failed copy due now; False when it is posted, being posted, or gone."""
    return bool(queue.requeue(session, SocialCopy, [copy_id], now=now))
