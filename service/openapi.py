"""`GET /api/openapi.json`: the service's HTTP contract as an OpenAPI 3.1 document.

Each concern describes its own routes in its `openapi.py` (`PATHS` and `SCHEMAS`); this module adds what they
share (the error shape, the common error responses, the admin security scheme, the 429 every admin route may
answer) and merges them.
"""

from __future__ import annotations

import importlib
from typing import Any

from flask import Blueprint, jsonify

from .apidoc import ADMIN
from .http.error_answers import FORM_PAGE_STATUSES

bp = Blueprint("openapi", __name__)

DESCRIBED_CONCERNS = ("comments", "board", "contact", "events", "admin")


def error_response_ref(status: int) -> dict[str, Any]:
    """A reference to one of the shared error responses, for a concern's `responses` map."""
    return {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"}


def errors(*statuses: int) -> dict[str, Any]:
    """The shared error responses for the given statuses, keyed as OpenAPI wants them."""
    return {str(status): error_response_ref(status) for status in statuses}


ERROR_RESPONSES = {
    400: ("BadRequest", "A field is missing or wrong; `fields` says which and why."),
    401: ("Unauthorized", "The admin token is missing or wrong."),
    403: ("Forbidden", "Not allowed: admin disabled, another site's origin, or an expired edit token."),
    404: ("NotFound", "No such thing."),
    405: ("MethodNotAllowed", "The path exists but not with this method."),
    409: ("Conflict", "The request conflicts with the current state (for instance a locked thread)."),
    413: ("TooLarge", "The body is over 64 KB."),
    415: ("UnsupportedMediaType", "Send JSON, a form, or text/plain JSON."),
    429: ("RateLimited", "Too many requests; `Retry-After` says when to try again."),
    503: ("Unavailable", "The database does not answer."),
}

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        }
    },
}

# A plain HTML form post (no JavaScript) that is refused gets a page listing the problems, not JSON.
FORM_ERROR_PAGE = {"text/html": {"schema": {"type": "string"}}}

CORE_PATHS: dict[str, Any] = {
    "/healthz": {
        "get": {
            "summary": "Whether the service and its database answer",
            "operationId": "health",
            "responses": {
                "200": {"description": "All is well", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["status"], "properties": {
                        "status": {"type": "string"}, "database": {"type": "string"}}}}}},
                **errors(503),
            },
        }
    },
    "/api/openapi.json": {
        "get": {
            "summary": "This document",
            "operationId": "openapi",
            "responses": {"200": {"description": "The OpenAPI document",
                                  "content": {"application/json": {"schema": {"type": "object"}}}}},
        }
    },
}


def build_document() -> dict[str, Any]:
    """The whole document: core paths, every concern's paths and schemas, shared components."""
    paths = dict(CORE_PATHS)
    schemas: dict[str, Any] = {"Error": ERROR_SCHEMA}
    for concern in DESCRIBED_CONCERNS:
        module = importlib.import_module(f"service.{concern}.openapi")
        paths.update(_admin_refusals_limited(module.PATHS))
        schemas.update(module.SCHEMAS)
    responses = {
        name: {
            "description": description,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                **(FORM_ERROR_PAGE if status in FORM_PAGE_STATUSES else {}),
            },
            **({"headers": {"Retry-After": {"schema": {"type": "string"}}}} if status == 429 else {}),
        }
        for status, (name, description) in ERROR_RESPONSES.items()
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Herald service", "version": "1",
                 "description": "Comments, message board, contact mail and events for a Herald site."},
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "responses": responses,
            "securitySchemes": {
                "adminToken": {"type": "http", "scheme": "bearer",
                               "description": "HERALD_ADMIN_TOKEN. Wrong or missing tokens are limited per client "
                                              "(HERALD_LIMIT_SIGN_IN, shared with the dashboard's sign-in); over "
                                              "the limit even the right one gets 429 until Retry-After."},
                "editToken": {"type": "http", "scheme": "bearer",
                              "description": "The token in the 201 that created a comment: lets its author "
                                             "change or delete it for HERALD_EDIT_WINDOW_SECONDS"},
            },
        },
    }


def _admin_refusals_limited(paths: dict[str, Any]) -> dict[str, Any]:
    """`paths` with a 429 on every admin operation: refused tokens are limited per client
    (service/http/rate_limits.py)."""
    return {path: {method: _with_rate_limit(operation) if _needs_admin(operation) else operation
                   for method, operation in item.items()}
            for path, item in paths.items()}


def _needs_admin(operation: Any) -> bool:
    return isinstance(operation, dict) and operation.get("security") == ADMIN


def _with_rate_limit(operation: dict[str, Any]) -> dict[str, Any]:
    return {**operation, "responses": dict(sorted({**operation["responses"], **errors(429)}.items()))}


@bp.get("/api/openapi.json")
def openapi_document():  # type: ignore[no-untyped-def]
    return jsonify(build_document())
