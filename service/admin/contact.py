"""The contact outbox for the admin: read it, retry a message now, delete one."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from sqlalchemy.orm import Session

from ..audit.store import record
from ..contact.delivery import OutboxError, deliver_due, mail_server
from ..contact.models import ContactMessage
from ..contact.store import delete_message, get_message, list_messages, requeue
from ..contact.worker import contact_settings
from ..db import database, get_session, utcnow
from ..field_checks import checked, choice, whole_number
from ..http.admin_token import admin_required
from ..http.errors import ApiError
from ..http.url_ids import or_404
from ..queue import QUEUED, STATUSES
from . import bp

STATUS_FILTERS = (*STATUSES, "all")
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
OUTBOX_QUERY = {"status": choice(STATUS_FILTERS, default="all"),
                "limit": whole_number(1, MAX_LIMIT, default=DEFAULT_LIMIT)}


@bp.get("/api/admin/contact")
@admin_required
def outbox() -> Response:
    query = checked(request.args, OUTBOX_QUERY)
    status = None if query["status"] == "all" else query["status"]
    messages = list_messages(get_session(), status, limit=query["limit"])
    return jsonify({"messages": [outbox_entry(message) for message in messages]})


@bp.post("/api/admin/contact/<id:message_id>/retry")
@admin_required
def retry(message_id: int) -> Response:
    """Deliver one queued or failed message now and answer with what became of it."""
    settings = contact_settings()
    try:
        mail_server(settings)
    except OutboxError as error:
        raise ApiError(409, str(error), code="smtp_not_configured") from error
    session = get_session()
    _existing(session, message_id)
    if not requeue(session, [message_id], now=utcnow()):
        raise ApiError(409, f"Contact message {message_id} is already sent or being sent.")
    record(session, "outbox.retry", f"contact message {message_id}")
    session.commit()
    deliver_due(database(), settings, only_ids=[message_id])
    session.expire_all()
    return jsonify({"message": outbox_entry(_existing(session, message_id))})


@bp.delete("/api/admin/contact/<id:message_id>")
@admin_required
def remove(message_id: int) -> Response:
    session = get_session()
    if not delete_message(session, message_id):
        raise ApiError(404, f"No contact message {message_id}.")
    record(session, "outbox.delete", f"contact message {message_id}")
    session.commit()
    return Response(status=204)


def _existing(session: Session, message_id: int) -> ContactMessage:
    return or_404(get_message(session, message_id), f"No contact message {message_id}.")


def outbox_entry(message: ContactMessage) -> dict[str, Any]:
    """A message as the admin API shows it, delivery state included."""
    return {
        "id": message.id,
        "name": message.name,
        "email": message.email,
        "subject": message.subject,
        "message": message.message,
        "topic": message.topic,
        "recipient": message.recipient,
        "status": message.status,
        "attempts": message.attempts,
        "last_error": message.last_error,
        "next_attempt_at": message.next_attempt_at.isoformat() if message.status == QUEUED else None,
        "created": message.created.isoformat(),
        "sent_at": message.sent_at.isoformat() if message.sent_at else None,
        "message_id": message.message_id,
    }
