"""One syndication run: read the site's feed, queue a copy of each new post per account, post what is due,
and bring the replies home. The background worker, `flask social sync` and the dashboard's retry all use it.

Each copy goes through the stored queue (service/queue.py): claimed (a commit), posted, recorded (another
commit). A run killed between posting and recording leaves the copy claimed; once the claim goes stale it is
posted again with the same key, which Mastodon (Idempotency-Key) and Bluesky (the record key) answer with the
first post, so nothing shows twice. Failures wait and retry with backoff, like the contact outbox's mail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import requests
from mastodon import Mastodon

from ..db import Database, utcnow
from ..moderation import APPROVED, PENDING
from ..queue import SENT, RetryPolicy, record_failure
from . import failures, mastodon_client, store
from .bluesky_client import BlueskySession, LinkCard, thread_replies
from .feed import FeedUnavailable, read_feed
from .models import SocialCopy
from .page_image import page_image
from .remote import USER_AGENT, NetworkError, RemoteGone, RemotePost
from .settings import BLUESKY, MASTODON, Account, SocialSettings

log = logging.getLogger(__name__)

# A claim older than this belongs to a run that died mid-post; well inside the hour Mastodon keeps a key.
CLAIM_LEASE = timedelta(minutes=10)
RETRY_POLICY = RetryPolicy(first=timedelta(minutes=1), longest=timedelta(hours=6), attempts=12)


@dataclass
class SyncReport:
    """What a run did: copies queued, each attempt's outcome, replies fetched, and what went wrong."""

    queued: int = 0
    outcomes: list[tuple[int, str, str | None]] = field(default_factory=list)  # (copy id, status, error)
    replies: int = 0
    problems: list[str] = field(default_factory=list)


def sync(db: Database, settings: SocialSettings, *, moderation: str,
         clock: Callable[[], datetime] = utcnow) -> SyncReport:
    """A whole run: read the feed, post what is due, fetch replies."""
    report = SyncReport()
    if settings.accounts and settings.feed_url:
        plan(db, settings, report, now=clock())
    post_due(db, settings, report, clock=clock)
    fetch_replies(db, settings, report, new_status=PENDING if moderation == "queue" else APPROVED, clock=clock)
    return report


def post_now(db: Database, settings: SocialSettings, copy_ids: Sequence[int],
             clock: Callable[[], datetime] = utcnow) -> SyncReport:
    """Post these copies if they are due (the dashboard's retry makes them so), and nothing else."""
    report = SyncReport()
    post_due(db, settings, report, clock=clock, only_ids=copy_ids)
    return report


def plan(db: Database, settings: SocialSettings, report: SyncReport, *, now: datetime) -> None:
    """Queue a copy of every post the feed lists that is newer than its account's connection."""
    with db.session() as session:
        accounts = store.connected_accounts(session, settings.accounts, now=now)
    try:
        posts = read_feed(str(settings.feed_url), timeout=settings.timeout)
    except FeedUnavailable as error:
        report.problems.append(str(error))
        return
    with db.session() as session:
        for account in accounts:
            report.queued += store.plan_copies(session, account, posts, now=now)


def post_due(db: Database, settings: SocialSettings, report: SyncReport, *, clock: Callable[[], datetime],
             only_ids: Sequence[int] | None = None) -> None:
    """Post every copy due now, each once per run, signing in to Bluesky at most once per run (sign-ins are
    limited per day)."""
    started = clock()
    bluesky: dict[Account, BlueskySession] = {}
    while True:
        now = clock()
        with db.session() as session:
            copy = store.claim_copy(session, now=now, due_before=started, stale_before=now - CLAIM_LEASE,
                                    only_ids=only_ids)
            row = store.account_of(session, copy) if copy is not None else None
        if copy is None or row is None:
            return
        network, name = row.network, row.name
        account = _configured(settings, network, name)
        try:
            if account is None:
                raise NetworkError(f"{network} account {name} is no longer configured; set its variables again",
                                   "The account is no longer configured.")
            remote = publish(account, copy, timeout=settings.timeout, bluesky=bluesky)
        except Exception as error:  # whatever goes wrong is recorded on the copy and retried, never lost
            reason = failures.stored(error.summary if isinstance(error, NetworkError) else failures.UNEXPECTED,
                                     f"{type(error).__name__}: {error}")
            log.warning("copy %s of %s on %s not posted (attempt %s): %s", copy.id, copy.page, network,
                        copy.attempts, reason)
            with db.session() as session:
                status = record_failure(session, copy, reason, now=clock(), policy=RETRY_POLICY)
            report.outcomes.append((copy.id, status, reason))
            continue
        with db.session() as session:
            store.record_posted(session, copy.id, remote, now=clock())
        report.outcomes.append((copy.id, SENT, None))


def _configured(settings: SocialSettings, network: str, name: str) -> Account | None:
    account = settings.account(network)
    return account if account is not None and account.name == name else None


def publish(account: Account, copy: SocialCopy, *, timeout: float,
            bluesky: dict[Account, BlueskySession]) -> RemotePost:
    """Post one copy on its network, under the copy's key (`bluesky`: the run's signed-in sessions)."""
    if account.network == MASTODON:
        return mastodon_client.post_status(account, f"{copy.title}\n\n{copy.url}", copy.key, timeout=timeout)
    image = copy.image or page_image(copy.url, timeout=timeout)
    card = LinkCard(url=copy.url, title=copy.title, description=copy.summary, image=image)
    if account not in bluesky:
        bluesky[account] = BlueskySession(account, timeout=timeout)
    return bluesky[account].publish(copy.title, card, copy.key)


def fetch_replies(db: Database, settings: SocialSettings, report: SyncReport, *, new_status: str,
                  clock: Callable[[], datetime]) -> None:
    """Bring the replies of every copy posted within HERALD_SOCIAL_REPLIES_DAYS in step with its network (older
    conversations keep what was last fetched: the polling stays bounded); a network that fails keeps its too."""
    with db.session() as session:
        copies = [(copy, store.account_of(session, copy))
                  for copy in store.posted_copies(session, since=clock() - settings.replies_window)]
    mastodon: dict[Account, Mastodon] = {}
    with requests.Session() as appview:  # one connection to each server for the whole run
        appview.headers["User-Agent"] = USER_AGENT
        for copy, row in copies:
            account = _configured(settings, row.network, row.name)
            if account is None or copy.remote_id is None:
                continue
            try:
                if account.network == BLUESKY:
                    fetched = thread_replies(appview, settings.bluesky_appview, copy.remote_id,
                                             timeout=settings.timeout)
                else:
                    if account not in mastodon:
                        mastodon[account] = mastodon_client.connect(account, timeout=settings.timeout)
                    fetched = mastodon_client.replies(mastodon[account], account, copy.remote_id)
            except RemoteGone:
                fetched = []
            except NetworkError as error:
                report.problems.append(f"replies of {copy.page} on {account.network}: {error}")
                continue
            with db.session() as session:
                store.keep_replies(session, copy.id, fetched, new_status=new_status)
            report.replies += len(fetched)
