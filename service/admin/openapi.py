"""OpenAPI description of the admin routes that belong to no single concern."""

from typing import Any

from ..openapi_parts import errors

PATHS: dict[str, Any] = {
    "/api/admin/erase": {
        "post": {
            "summary": "Remove everything stored about an email address",
            "operationId": "eraseEmail",
            "security": [{"adminToken": []}],
            "requestBody": {
                "required": True,
                "content": {
                    media: {"schema": {"$ref": "#/components/schemas/EraseRequest"}}
                    for media in ("application/json", "application/x-www-form-urlencoded")
                },
            },
            "responses": {
                "200": {
                    "description": "Rows removed, per concern",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EraseResult"}}},
                },
                **errors(400, 401, 403, 413, 415, 503),
            },
        }
    }
}

SCHEMAS: dict[str, Any] = {
    "EraseRequest": {
        "type": "object",
        "required": ["email"],
        "properties": {"email": {"type": "string", "format": "email", "maxLength": 254}},
    },
    "EraseResult": {
        "type": "object",
        "required": ["email", "removed", "total"],
        "properties": {
            "email": {"type": "string"},
            "removed": {"type": "object", "additionalProperties": {"type": "integer"}},
            "total": {"type": "integer"},
        },
    },
}
