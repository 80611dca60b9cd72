"""Mailing what the contact outbox holds: how each message is composed, and the SMTP server it goes to.

`deliver_due` is the one delivery run the background worker, `flask outbox retry` and the admin's retry all
use (the claim, send and record loop is service/mail/outbox.py's). It needs no request or app context, only
the database and the contact settings.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta
from functools import partial
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from babel import Locale, UnknownLocaleError

from herald_site.i18n import SOURCE_LANGUAGE

from ..db import Database
from ..mail import outbox as mail_outbox
from ..mail.outbox import Outbox, Outcome
from ..queue import RetryPolicy
from .models import ContactMessage
from .settings import ContactSettings
from .smtp import SmtpServer

SUBJECT_PREFIX = "[Contact]"
SUBJECT_WORDS = 8


class OutboxError(Exception):
    """The outbox cannot deliver at all (as opposed to one message failing); the message says what to set."""


def new_message_id(settings: ContactSettings) -> str:
    """A Message-ID in the sender's domain, fixed when the message is taken."""
    return make_msgid(domain=settings.sender.rpartition("@")[2])


def compose(message: ContactMessage, settings: ContactSettings) -> EmailMessage:
    """The mail for one outbox message: to its recipient, from the service, Reply-To the visitor, naming the
    visitor's language (Content-Language and a line) so the team can answer in it."""
    mail = EmailMessage()
    mail["From"] = settings.sender
    mail["To"] = message.recipient or settings.contact_to or ""
    mail["Reply-To"] = Address(display_name=message.name, addr_spec=message.email)
    mail["Subject"] = f"{SUBJECT_PREFIX} {message.subject or _first_words(message.message)}"
    mail["Date"] = format_datetime(message.created)
    mail["Message-ID"] = message.message_id
    topic_line = f"Topic: {message.topic}\n" if message.topic else ""
    language_line = f"Language: {language_name(message.language)}; reply in it if you can.\n" if message.language else ""
    mail.set_content(f"{message.name} <{message.email}> wrote through the contact form:\n{topic_line}"
                     f"{language_line}\n{message.message}\n")
    if message.language:  # after set_content, which sets the Content-* headers afresh
        mail["Content-Language"] = message.language.replace("_", "-")
    return mail


def language_name(code: str) -> str:
    """A catalogue's language named in English for the team, with its code: "French (fr)"."""
    try:
        name = Locale.parse(code).get_display_name(SOURCE_LANGUAGE)
    except (UnknownLocaleError, ValueError):
        name = None
    return f"{name} ({code})" if name else code


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:SUBJECT_WORDS]) + (" ..." if len(words) > SUBJECT_WORDS else "")


def retry_policy(settings: ContactSettings) -> RetryPolicy:
    return RetryPolicy(first=timedelta(seconds=settings.retry_seconds),
                       longest=timedelta(seconds=settings.retry_max_seconds), attempts=settings.max_attempts)


def mail_server(settings: ContactSettings) -> SmtpServer:
    """The configured SMTP server, or an OutboxError saying how to configure one."""
    if settings.smtp is None:
        raise OutboxError("No mail server is configured: set HERALD_SMTP_URL (for instance "
                          "smtp://user:password@mail.example.org:587?starttls=1); until then messages stay queued.")
    return settings.smtp


def deliver_due(db: Database, settings: ContactSettings, *, only_ids: Collection[int] | None = None) -> list[Outcome]:
    """Send every contact message due now (or only those of `only_ids` that are due), each exactly once per run."""
    outbox = Outbox(ContactMessage, partial(compose, settings=settings), retry_policy(settings))
    return mail_outbox.deliver_due(db, outbox, mail_server(settings), only_ids=only_ids)
