"""`log_event()`: record an event from anywhere, and the signal receivers that use it.

Inside a request it fills what it is not given from the request (path, referrer, user agent, and the client
address through ProxyFix); outside one (CLI, tests, background jobs) it records only what it is given. It
never raises: a lost event must not break the action that caused it (see "Contexts" in DESIGN.md).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import has_app_context, has_request_context, request
from flask.sansio.app import App
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from .. import signals
from ..db import database, utcnow
from ..http.client_addresses import client_address
from ..http.origins import site_origin
from .models import EVENT_TYPES, LABEL_LENGTH, PATH_LENGTH
from .salts import salt_for
from .store import EventRow, insert_event
from .visitors import browser_family, referrer_host, tracking_refused, visitor_hash

log = logging.getLogger(__name__)


def _own_hosts() -> set[str]:
    """Host names of the site and the service: referrers from these are not 'another site'."""
    hosts = {urlsplit(request.host_url).hostname} if has_request_context() else set()
    origin = site_origin()
    if origin:
        hosts.add(urlsplit(origin).hostname)
    return {host for host in hosts if host}


def _clip(value: str | None, length: int) -> str | None:
    return value[:length] if value else None


def event_row(event_type: str, *, path: str | None = None, label: str | None = None, referrer: str | None = None,
              user_agent: str | None = None, address: str | None = None,
              within: Session | Connection | None = None) -> EventRow:
    """The row for an event, with what is not given taken from the current request (if any).

    The visitor hash needs an address; a request whose browser sends DNT or Sec-GPC gets none either. Its
    key is the day's salt; pass the transaction the row will join as `within` when it may have written
    already (see `salts.DailySalts.salt_for`).
    """
    track = True
    if has_request_context():
        path = request.path if path is None else path
        referrer = request.referrer if referrer is None else referrer
        user_agent = request.user_agent.string if user_agent is None else user_agent
        address = client_address() if address is None else address
        track = not tracking_refused(request.headers)
    now = utcnow()
    day = now.date()
    return EventRow(
        type=event_type,
        path=_clip(path, PATH_LENGTH),
        label=_clip(label, LABEL_LENGTH),
        referrer_host=referrer_host(referrer, _own_hosts()),
        browser=browser_family(user_agent),
        visitor=visitor_hash(salt_for(day, within), address, user_agent) if address and track else None,
        created=now,
        day=day,
    )


def log_event(event_type: str, *, path: str | None = None, label: str | None = None, referrer: str | None = None,
              user_agent: str | None = None, address: str | None = None, session: Session | None = None) -> bool:
    """Record an event; True when it was. Never raises: problems are logged.

    With `session` the row joins the caller's transaction (the caller commits, one commit for the action and
    its event); a database error in the insert then fails that commit too, as the two are one transaction,
    but nothing else can go wrong there (every value is checked and clipped before). Without, it is committed
    at once in a session of its own. It needs an app context for the database.
    """
    if not has_app_context():
        log.warning("log_event(%r) was called outside an app context; nothing recorded "
                    "(wrap the call in `with app.app_context():`).", event_type)
        return False
    if event_type not in EVENT_TYPES:
        log.warning("log_event(%r): unknown type, nothing recorded; use one of %s.", event_type, EVENT_TYPES)
        return False
    try:
        row = event_row(event_type, path=path, label=label, referrer=referrer, user_agent=user_agent,
                        address=address, within=session)
        if session is not None:
            insert_event(session, row)
        else:
            with database().engine.begin() as connection:  # no ORM session: one INSERT needs none
                insert_event(connection, row)
    except Exception:  # the event is lost, the caller's action must not be
        log.exception("could not record a %r event", event_type)
        return False
    return True


def _value(thing: Any, name: str) -> Any:
    """An attribute of a model object or a key of a dict: what senders pass varies."""
    return thing.get(name) if isinstance(thing, Mapping) else getattr(thing, name, None)


def signal_path(data: Mapping[str, Any]) -> str | None:
    """The page an action happened on: the `path` the sender gives, else a comment's page."""
    for candidate in (data.get("path"), _value(data.get("comment"), "page")):
        if isinstance(candidate, str) and candidate:
            return candidate
    return None


class SignalReceiver:
    """Records one event type when a signal is sent; never raises into the sender's request."""

    def __init__(self, event_type: str) -> None:
        self.event_type = event_type

    def __call__(self, _sender: App, **data: Any) -> None:
        try:
            path = signal_path(data)
        except Exception:  # an odd object from the sender must not break its request
            log.exception("could not read the page of a %r signal", self.event_type)
            path = None
        session = data.get("session")
        log_event(self.event_type, path=path, session=session if isinstance(session, Session) else None)


# Held here for good: blinker keeps only weak references to receivers.
RECEIVERS = (
    (signals.comment_created, SignalReceiver("comment")),
    (signals.thread_created, SignalReceiver("thread")),
    (signals.board_post_created, SignalReceiver("board_post")),
    (signals.contact_received, SignalReceiver("contact")),
)


def subscribe_to_signals(app: App) -> None:
    """Record an event whenever `app` sends one of the signals (only `app`: other apps never cross-talk)."""
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, sender=app)
