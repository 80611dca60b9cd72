"""`GET /api/openapi.json`: the service's HTTP contract as an OpenAPI 3.1 document.

Each concern describes its own routes in its `openapi.py` (`PATHS` and `SCHEMAS`); this module adds what they
share (the error shape, the common error responses of openapi_parts.py, the security schemes, the 429 every
admin route may answer) and merges them. The dashboard's pages are HTML for people and stay out, except the one
that answers JSON when asked (the Content section's media upload, service/cms/openapi.py).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from .admin import openapi as admin_openapi
from .admin.signin import COOKIE_NAME
from .board import openapi as board_openapi
from .cms import openapi as cms_openapi
from .comments import openapi as comments_openapi
from .contact import openapi as contact_openapi
from .events import openapi as events_openapi
from .http.error_answers import FORM_PAGE_STATUSES
from .openapi_parts import ADMIN, ERROR_RESPONSES, errors
from .social import openapi as social_openapi

bp = Blueprint("openapi", __name__)

DESCRIPTIONS = (comments_openapi, board_openapi, contact_openapi, events_openapi, social_openapi, admin_openapi,
                cms_openapi)


LANGUAGE_NOTE = ("In the visitor's language (its code in Content-Language): a posted `lang` field, or the language "
                 "folder of the `page` path (/fr/...), else Accept-Language among the shipped languages, else "
                 "English. The code and the field names never change.")
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string", "description": LANGUAGE_NOTE},
                "fields": {"type": "object", "additionalProperties": {"type": "string"},
                           "description": "Each wrong field's message, by the field's name; in the same language."},
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
    for module in DESCRIPTIONS:
        paths.update(_admin_refusals_limited(module.PATHS))
        schemas.update(module.SCHEMAS)
    responses = {
        name: {
            "description": description,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                **(FORM_ERROR_PAGE if status in FORM_PAGE_STATUSES else {}),
            },
            "headers": {"Content-Language": {"schema": {"type": "string"}, "description": "The message's language"},
                        **({"Retry-After": {"schema": {"type": "string"}}} if status == 429 else {})},
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
                "dashboardSession": {"type": "apiKey", "in": "cookie", "name": COOKIE_NAME,
                                     "description": "The dashboard's signed session cookie, set by its sign-in "
                                                    "page (the admin token or a person's sign-in link); a post "
                                                    "carries the session's CSRF token in its form"},
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
