"""The sign-in link's mail: written to a stored outbox (`sign_in_mails`) first, then delivered by the shared
delivery run (service/mail/outbox.py) through HERALD_SMTP_URL, or, with no mail server, printed on the
service's console (service/mail/console.py). The body, which holds the link, is emptied once it is sent.

Delivery is tried at once, in the request that asked for the link (a person is waiting for it); a mail the
server refused stays queued and the people worker (worker.py) tries it again with the contact outbox's backoff.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy.orm import Session

from ..contact.delivery import retry_policy
from ..contact.settings import ContactSettings
from ..db import Database
from ..mail.console import ConsoleMailer
from ..mail.outbox import Mailer, Outbox, Outcome, deliver_due
from ..queue import QUEUED
from .links import INVITATION, LIFETIME_WORDS
from .models import Person, SignInMail
from .roles import ROLE_SUMMARIES

CONSOLE = ConsoleMailer()


def queue_link_mail(db: Session, person: Person, *, purpose: str, link: str, dashboard: str, inviter: str | None,
                    sender: str, now: datetime) -> SignInMail:
    """Store the mail carrying `link` to `person`; the caller commits, then calls `deliver`."""
    lifetime = LIFETIME_WORDS[purpose]
    if purpose == INVITATION:
        subject = f"You are invited to the dashboard at {dashboard}"
        opening = (f"{inviter or 'The admin'} invited you to the dashboard at {dashboard} as {person.role} "
                   f"({ROLE_SUMMARIES[person.role]}).")
    else:
        subject = f"Your sign-in link for the dashboard at {dashboard}"
        opening = f"Here is the link you asked for to sign in to the dashboard at {dashboard}."
    body = (f"Hello {person.name},\n\n{opening}\n\nOpen this link to sign in:\n\n{link}\n\n"
            f"It works once, within {lifetime}. Nobody needs a password: to sign in again later, type your "
            f"address on the dashboard's sign-in page and a new link is mailed to you.\n\n"
            f"If you did not expect this mail, ignore it; nothing happens unless the link is opened.\n")
    mail = SignInMail(recipient=person.email, subject=subject, body=body,
                      message_id=make_msgid(domain=sender.rpartition("@")[2]), status=QUEUED, attempts=0,
                      next_attempt_at=now, created=now)
    db.add(mail)
    db.flush()
    return mail


def compose(row: SignInMail, *, sender: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = row.recipient
    mail["Subject"] = row.subject
    mail["Date"] = format_datetime(row.created)
    mail["Message-ID"] = row.message_id
    mail.set_content(row.body)
    return mail


def sign_in_outbox(settings: ContactSettings) -> Outbox:
    """The sign-in mail's outbox: sent by the contact settings' server and sender, with their retries."""
    return Outbox(SignInMail, lambda row: compose(row, sender=settings.sender), retry_policy(settings),
                  sent_values={"body": ""})


def mailer_for(settings: ContactSettings) -> Mailer:
    """HERALD_SMTP_URL's server, or the console when none is set."""
    return settings.smtp or CONSOLE


def deliver(db: Database, settings: ContactSettings, only_ids: Sequence[int] | None = None) -> list[Outcome]:
    return deliver_due(db, sign_in_outbox(settings), mailer_for(settings), only_ids=only_ids)
