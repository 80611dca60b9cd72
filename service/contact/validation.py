"""What a contact message must look like; every problem is reported at once, per field."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email

from ..errors import ValidationError

FIELDS = ("name", "email", "subject", "message", "topic")
NAME_MAX = 100
SUBJECT_MAX = 200
MESSAGE_MAX = 10_000


@dataclass(frozen=True)
class ContactSubmission:
    """A visitor's message that passed validation; `email` is normalized, empty optionals are None."""

    name: str
    email: str
    subject: str | None
    message: str
    topic: str | None


def validate_submission(fields: Mapping[str, Any], topics: Collection[str]) -> ContactSubmission:
    """A `ContactSubmission` from posted fields, or a ValidationError naming every bad field."""
    text = {name: str(fields.get(name) or "").strip() for name in FIELDS}
    problems: dict[str, str] = {}
    _check_line(problems, "name", text["name"], required=True, longest=NAME_MAX)
    _check_line(problems, "subject", text["subject"], required=False, longest=SUBJECT_MAX)
    if not text["message"]:
        problems["message"] = "Write a message."
    elif len(text["message"]) > MESSAGE_MAX:
        problems["message"] = f"Keep the message under {MESSAGE_MAX:,} characters."
    email = _checked_email(problems, text["email"])
    if text["topic"] and text["topic"] not in topics:
        choices = ", ".join(sorted(topics)) or "none are configured"
        problems["topic"] = f"Unknown topic {text['topic']!r}; choose one of: {choices} (or leave it empty)."
    if problems:
        raise ValidationError(problems)
    return ContactSubmission(name=text["name"], email=email, subject=text["subject"] or None,
                             message=text["message"], topic=text["topic"] or None)


def _check_line(problems: dict[str, str], field: str, value: str, *, required: bool, longest: int) -> None:
    """Names and subjects end up in mail headers: one line, and not too long."""
    if required and not value:
        problems[field] = f"Fill in the {field}."
    elif len(value) > longest:
        problems[field] = f"Keep the {field} under {longest} characters."
    elif "\n" in value or "\r" in value:
        problems[field] = f"Keep the {field} on one line."


def _checked_email(problems: dict[str, str], value: str) -> str:
    if not value:
        problems["email"] = "Fill in your email address, so we can answer."
        return value
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        problems["email"] = str(error)
        return value
