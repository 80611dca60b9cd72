"""Mastodon through Mastodon.py, the maintained client: it takes the server's URL and an Idempotency-Key as
plain arguments, so the service adds nothing of its own to the protocol."""

from __future__ import annotations

from datetime import UTC, datetime

from mastodon import (Mastodon, MastodonAPIError, MastodonError, MastodonNetworkError, MastodonNotFoundError,
                      MastodonRatelimitError)

from herald_site.visitor_html import clean_html

from .failures import UNEXPECTED, UNREACHABLE, http_summary
from .remote import USER_AGENT, FetchedReply, NetworkError, RemoteGone, RemotePost
from .settings import Account

REPLIES_MAX = 500  # the most replies kept per post: a fetch stays bounded however busy a thread gets
HTML_MAX = 20_000  # characters of a reply's HTML read at most (Mastodon's own limit is far below)


def connect(account: Account, *, timeout: float) -> Mastodon:
    """A client for the account, to use for one run (it keeps the connection to the server open)."""
    return Mastodon(access_token=account.secret, api_base_url=account.server, request_timeout=timeout,
                    ratelimit_method="throw", user_agent=USER_AGENT)


def post_status(account: Account, text: str, key: str, *, timeout: float) -> RemotePost:
    """Post `text` publicly; sent again with the same `key`, Mastodon answers with the first status instead."""
    try:
        status = connect(account, timeout=timeout).status_post(text, visibility="public", idempotency_key=key)
    except MastodonError as error:
        raise _network_error(account, error) from error
    return RemotePost(str(status["id"]), str(status["url"]))


def replies(client: Mastodon, account: Account, status_id: str) -> list[FetchedReply]:
    """The replies under a status (its context's descendants); RemoteGone when the status was deleted."""
    try:
        context = client.status_context(status_id)
    except MastodonNotFoundError as error:
        raise RemoteGone(f"status {status_id} is gone from {account.server}") from error
    except MastodonError as error:
        raise _network_error(account, error) from error
    return [_reply(status) for status in context["descendants"][:REPLIES_MAX]]


def _reply(status: dict) -> FetchedReply:
    account = status["account"]
    created = status["created_at"]
    if not isinstance(created, datetime):
        created = datetime.fromisoformat(str(created))
    return FetchedReply(id=str(status["id"]), handle=str(account["acct"]),
                        author=str(account.get("display_name") or account["acct"]),
                        url=str(status.get("url") or status["uri"]),
                        html=clean_html(str(status.get("content") or "")[:HTML_MAX]),
                        created=created if created.tzinfo else created.replace(tzinfo=UTC))


def _network_error(account: Account, error: MastodonError) -> NetworkError:
    """The NetworkError for what Mastodon.py raised, its short line from the HTTP status Mastodon.py keeps in
    its arguments (message, status, reason, the server's error)."""
    arguments = error.args
    if isinstance(error, MastodonAPIError) and len(arguments) > 3 and isinstance(arguments[1], int):
        summary = http_summary(arguments[1], str(arguments[3]) if arguments[3] else None)
    elif isinstance(error, MastodonRatelimitError):
        summary = http_summary(429, "too many requests")
    else:
        summary = UNREACHABLE if isinstance(error, MastodonNetworkError) else UNEXPECTED
    return NetworkError(f"Mastodon at {account.server}: {error}", summary)
