"""`POST /api/contact`: take a visitor's message into the outbox; the worker mails it after the response."""

from __future__ import annotations

from flask import Response

from .. import signals
from ..db import get_session, utcnow
from ..http.answers import accepted
from ..http.languages import in_visitor_folder, visitor_language
from ..http.posted_fields import is_bot_post, read_fields
from ..http.rate_limits import rate_limited
from . import bp
from .delivery import new_message_id
from .store import add_message
from .validation import FIELDS, validate_submission
from .worker import contact_settings, start_worker

bp.before_app_request(start_worker)
NOTICE = "contact-sent"  # ?herald=... on the page a form goes back to


@bp.post("/api/contact")
@rate_limited("HERALD_LIMIT_CONTACT")
def submit() -> Response:
    """202 for scripts, a 303 back to the page for plain forms; bots get the same answer without an id."""
    fields = read_fields(FIELDS)
    if is_bot_post(fields):
        return accepted(NOTICE, fallback_path=in_visitor_folder("/"), body={"status": "queued"})
    settings = contact_settings()
    submission = validate_submission(fields, settings.topics)
    session = get_session()
    message = add_message(session, submission, recipient=settings.recipient_for(submission.topic),
                          message_id=new_message_id(settings), now=utcnow(), language=visitor_language())
    session.commit()
    signals.send(signals.contact_received, message_id=message.id, topic=message.topic)
    return accepted(NOTICE, fallback_path=in_visitor_folder("/"), body={"status": "queued", "id": message.id})
