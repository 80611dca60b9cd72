"""Building blocks of the concerns' OpenAPI descriptions (each `service/<concern>/openapi.py`): references to
schemas, request bodies, ids in paths and the shared error responses.

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
# Every body a visitor's page posts may name the page's language (service/http/languages.py).
LANG_PROPERTY: dict[str, Any] = {"lang": {
    "type": "string", "maxLength": 35, "examples": ["fr", "pt-BR"],
    "description": "The language of the page the visitor posts from (the site's forms send it): the error messages "
                   "answer in it when the service has its words, else the `page` path's language folder or "
                   "Accept-Language decides. Contact messages keep it for the team's reply."}}


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
