"""The errors a view raises: `ApiError` (a status, a stable code, a message, per-field messages) and
`ValidationError`, every wrong field at once. service/http/error_answers.py turns them into answers.
"""

from __future__ import annotations

from herald_site.i18n import N_

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """An error a client caused or can act on: status, a stable code, a message, and per-field messages."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.fields = fields or {}


class ValidationError(ApiError):
    """One or more fields are wrong; every problem is reported at once."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(400, N_("Some fields need attention."), code="invalid", fields=fields)
