"""Building blocks of the concerns' OpenAPI descriptions (each `service/<concern>/openapi.py`).

service/openapi.py merges the descriptions and holds the shared components these pieces point at.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .http.url_ids import ID_SCHEMA

ADMIN: list[dict[str, list[str]]] = [{"adminToken": []}]
FORM_MEDIA_TYPES = ("application/json", "application/x-www-form-urlencoded")
TIMESTAMP = {"type": "string", "format": "date-time"}
NULLABLE_TEXT = {"type": ["string", "null"]}


def schema_ref(name: str) -> dict[str, str]:
    """A reference to one of the document's schemas."""
    return {"$ref": f"#/components/schemas/{name}"}


def json_response(description: str, schema: str, **extra: Any) -> dict[str, Any]:
    """A response whose JSON body is the named schema."""
    return {"description": description, "content": {"application/json": {"schema": schema_ref(schema)}}, **extra}


def request_body(schema: str, *, required: bool = True,
                 media_types: Iterable[str] = FORM_MEDIA_TYPES) -> dict[str, Any]:
    """A request body of the named schema, as JSON or as an HTML form (or the media types given)."""
    return {"required": required, "content": {media: {"schema": schema_ref(schema)} for media in media_types}}


def path_id(name: str, description: str) -> dict[str, Any]:
    """A database id in the path (the `<id:...>` converter's range)."""
    return {"name": name, "in": "path", "required": True, "description": description, "schema": ID_SCHEMA}
