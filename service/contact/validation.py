"""What a contact message must look like, checked on the shared toolkit in service/field_checks.py.

The name and subject go into mail headers, so they must stay on one line.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from herald_site.i18n import N_

from ..field_checks import Check, checked, choice, email, line, text_block

FIELDS = ("name", "email", "subject", "message", "topic")
NAME_MAX = 100
SUBJECT_MAX = 200
MESSAGE_MAX = 10_000

CHECKS: dict[str, Check] = {
    "name": line(NAME_MAX, missing=N_("Fill in the name."), one_line=True),
    "email": email(missing=N_("Fill in your email address, so we can answer.")),
    "subject": line(SUBJECT_MAX, one_line=True),
    "message": text_block(MESSAGE_MAX, missing=N_("Write a message.")),
}


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
    return ContactSubmission(**checked(fields, {**CHECKS, "topic": choice(sorted(topics), optional=True)}))
