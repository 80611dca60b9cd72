"""OpenAPI description of the social routes (the admin's dashboard pages are HTML, outside the contract)."""

from __future__ import annotations

from typing import Any

from ..openapi_parts import TIMESTAMP, errors, json_response
from .settings import NETWORKS

NETWORK = {"type": "string", "enum": list(NETWORKS)}

PATHS: dict[str, Any] = {
    "/api/social": {
        "get": {
            "summary": "Where a post was syndicated, and the replies brought home from there",
            "description": "The copies of the post on each account, and the published replies to them (their "
                           "HTML cleaned by the visitors' allowlist), oldest first.",
            "operationId": "getPageSocial",
            "parameters": [{"name": "page", "in": "query", "required": True, "schema": {"type": "string"},
                            "description": "The post's path on the site"}],
            "responses": {"200": json_response("The copies and replies", "PageSocial"), **errors(400, 503)},
        }
    },
}

COPY = {"type": "object", "required": ["network", "account", "url"],
        "properties": {"network": NETWORK, "account": {"type": "string"}, "url": {"type": "string"}}}
REPLY = {"type": "object", "required": ["network", "handle", "author", "url", "html", "created"],
         "properties": {"network": NETWORK, "handle": {"type": "string"}, "author": {"type": "string"},
                        "url": {"type": "string"}, "html": {"type": "string"}, "created": TIMESTAMP}}

SCHEMAS: dict[str, Any] = {
    "PageSocial": {
        "type": "object",
        "required": ["copies", "replies"],
        "properties": {"copies": {"type": "array", "items": COPY}, "replies": {"type": "array", "items": REPLY}},
    },
}
