"""Every error the service answers is JSON in one shape: {"error": {"code", "message", "fields"}}.

Views raise `ApiError` (or a werkzeug HTTPException); the handlers here turn anything into that shape, so no
request, however malformed, gets an HTML page or a traceback.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify
from sqlalchemy.exc import DBAPIError, OperationalError, TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

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
        super().__init__(400, "Some fields need attention.", code="invalid", fields=fields)


def error_response(status: int, message: str, *, code: str | None = None,
                   fields: dict[str, str] | None = None) -> Response:
    response = jsonify({"error": {"code": code or CODES.get(status, "error"), "message": message,
                                  "fields": fields or {}}})
    response.status_code = status
    return response


def _api_error(error: ApiError) -> Response:
    return error_response(error.status, error.message, code=error.code, fields=error.fields)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    response = error_response(status, error.description or error.name)
    for name, value in error.get_headers():
        if name in {"Allow", "Retry-After", "WWW-Authenticate"}:
            response.headers[name] = value
    if status == 429:
        # Flask-Limiter adds the exact figure after the request; this default covers any other 429.
        response.headers.setdefault("Retry-After", "60")
    return response


def _database_unavailable(error: Exception) -> Response:
    log.warning("database unavailable: %s", error)
    return error_response(503, "The service's database is not answering; try again shortly.")


def _unexpected(error: Exception) -> Response:
    log.exception("unhandled error")
    return error_response(500, "Something went wrong on our side; it has been logged.")


def init_app(app: Flask) -> None:
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(PoolTimeoutError, _database_unavailable)
    app.register_error_handler(DBAPIError, _connection_or_unexpected)
    app.register_error_handler(Exception, _unexpected)


def _connection_or_unexpected(error: DBAPIError) -> Response:
    if error.connection_invalidated:
        return _database_unavailable(error)
    return _unexpected(error)
