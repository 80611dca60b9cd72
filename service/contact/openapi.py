"""OpenAPI description of the contact route and the admin's outbox routes, merged by service/openapi.py."""

from __future__ import annotations

from typing import Any

from ..openapi_parts import (ADMIN, LANG_PROPERTY, NULLABLE_TEXT, TIMESTAMP, errors, json_response, path_id,
                             request_body, schema_ref)
from ..queue import STATUSES
from .validation import MESSAGE_MAX, NAME_MAX, SUBJECT_MAX

MESSAGE_ID = path_id("message_id", "The outbox message's id.")


PATHS: dict[str, Any] = {
    "/api/contact": {
        "post": {
            "summary": "Send a message to the organisation",
            "description": "Stored in the outbox first, then mailed by SMTP outside the request (to the topic's "
                           "address, or HERALD_CONTACT_TO without a topic), with Reply-To the sender. A failed "
                           "delivery is retried with backoff. With no HERALD_SMTP_URL messages stay in the outbox "
                           "for the admin. A post that fills the hidden honeypot field `phone` is answered the "
                           "same way but nothing is stored (and no `id` is given).",
            "operationId": "sendContactMessage",
            "requestBody": request_body("ContactRequest"),
            "responses": {
                "202": json_response("Queued for delivery", "ContactQueued"),
                "303": {"description": "A plain HTML form post: back to the page it came from with "
                                       "`?herald=contact-sent`",
                        "headers": {"Location": {"required": True, "schema": {"type": "string"}}}},
                **errors(400, 403, 413, 415, 429, 503),
            },
        }
    },
    "/api/admin/contact": {
        "get": {
            "summary": "The contact outbox, newest first",
            "operationId": "listContactOutbox",
            "security": ADMIN,
            "parameters": [
                {"name": "status", "in": "query", "required": False,
                 "description": "Only messages in this state (`failed`: gave up after HERALD_CONTACT_MAX_ATTEMPTS)",
                 "schema": {"type": "string", "enum": [*STATUSES, "all"], "default": "all"}},
                {"name": "limit", "in": "query", "required": False,
                 "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
            ],
            "responses": {"200": json_response("The messages", "ContactOutbox"), **errors(400, 401, 403, 503)},
        }
    },
    "/api/admin/contact/{message_id}/retry": {
        "post": {
            "summary": "Deliver a queued or failed message now",
            "description": "Answers with the message after the attempt: `sent`, or `queued`/`failed` with "
                           "`last_error`. 409 when it was sent already or no HERALD_SMTP_URL is set.",
            "operationId": "retryContactMessage",
            "security": ADMIN,
            "parameters": [MESSAGE_ID],
            "responses": {"200": json_response("The message after the attempt", "ContactRetried"),
                          **errors(401, 403, 404, 409, 503)},
        }
    },
    "/api/admin/contact/{message_id}": {
        "delete": {
            "summary": "Remove a message from the outbox",
            "operationId": "deleteContactMessage",
            "security": ADMIN,
            "parameters": [MESSAGE_ID],
            "responses": {"204": {"description": "Removed"}, **errors(401, 403, 404, 503)},
        }
    },
}

SCHEMAS: dict[str, Any] = {
    "ContactRequest": {
        "type": "object",
        "required": ["name", "email", "message"],
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
            "email": {"type": "string", "format": "email"},
            "subject": {"type": "string", "maxLength": SUBJECT_MAX},
            "message": {"type": "string", "minLength": 1, "maxLength": MESSAGE_MAX},
            "topic": {"type": "string", "description": "One of HERALD_CONTACT_TOPICS; empty for the general address"},
            **LANG_PROPERTY,
        },
    },
    "ContactQueued": {
        "type": "object",
        "required": ["status"],
        "properties": {"status": {"const": "queued"}, "id": {"type": "integer"}},
    },
    "OutboxMessage": {
        "type": "object",
        "required": ["id", "name", "email", "subject", "message", "topic", "recipient", "status", "attempts",
                     "last_error", "next_attempt_at", "created", "sent_at", "message_id"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "email": {"type": "string"},
            "subject": NULLABLE_TEXT,
            "message": {"type": "string"},
            "topic": NULLABLE_TEXT,
            "recipient": {**NULLABLE_TEXT, "description": "null: the general address, once one is configured"},
            "status": {"type": "string", "enum": list(STATUSES)},
            "attempts": {"type": "integer", "minimum": 0},
            "last_error": NULLABLE_TEXT,
            "next_attempt_at": {"type": ["string", "null"], "format": "date-time",
                                "description": "When a queued message is tried next"},
            "created": TIMESTAMP,
            "sent_at": {"type": ["string", "null"], "format": "date-time"},
            "message_id": {"type": "string", "description": "The mail's Message-ID header"},
        },
    },
    "ContactOutbox": {
        "type": "object",
        "required": ["messages"],
        "properties": {"messages": {"type": "array", "items": schema_ref("OutboxMessage")}},
    },
    "ContactRetried": {
        "type": "object",
        "required": ["message"],
        "properties": {"message": schema_ref("OutboxMessage")},
    },
}
