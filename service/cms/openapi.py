"""OpenAPI description of the one dashboard route that answers JSON: the Content section's media upload, which
the editor's upload dialog posts with `Accept: application/json` (service/cms/views/files.py). Merged by
service/openapi.py; the dashboard's other pages are HTML for people and stay out of the document."""

from __future__ import annotations

from typing import Any

from ..admin.signin import CSRF_FIELD
from ..openapi_parts import errors, schema_ref
from ..queue import FAILED, QUEUED
from .media import ALT_FIELD, FILE_FIELD, MAX_ALT, MAX_UPLOAD_BYTES
from .models import COMMITTED, CONFLICT

DASHBOARD: list[dict[str, list[str]]] = [{"dashboardSession": []}]
HTML_PAGE = {"text/html": {"schema": {"type": "string"}}}


def page_or_error(description: str) -> dict[str, Any]:
    """An error answered as JSON to a client that asked for it, else as the dashboard's HTML page."""
    return {"description": description,
            "content": {"application/json": {"schema": schema_ref("Error")}, **HTML_PAGE}}


PATHS: dict[str, Any] = {
    "/admin/content/media": {
        "post": {
            "summary": "Upload a picture to the site's media/ folder, committed to the site's repository",
            "description": "For admins and editors signed in on the dashboard (a session cookie; the form carries "
                           "the session's CSRF token). The picture is recognised by its content (JPEG, PNG, WebP "
                           "or GIF), written again from its pixels without its metadata, and given a free name "
                           f"under media/. At most {MAX_UPLOAD_BYTES // 1048576} MB: more is refused at the "
                           f"`{FILE_FIELD}` field with 400. A client asking for JSON gets JSON; a plain form gets "
                           "the media page. Limited per client by HERALD_LIMIT_CONTENT_UPLOAD.",
            "operationId": "uploadContentMedia",
            "security": DASHBOARD,
            "requestBody": {"required": True,
                            "content": {"multipart/form-data": {"schema": schema_ref("MediaUpload")}}},
            "responses": {
                "201": {"description": "Saved: the Markdown that shows the picture, and what became of the commit",
                        "content": {"application/json": {"schema": schema_ref("MediaUploaded")}, **HTML_PAGE}},
                "303": {"description": "Signed out: to the dashboard's sign-in page",
                        "headers": {"Location": {"required": True, "schema": {"type": "string"}}}},
                "400": page_or_error(f"A field is missing or wrong (`{FILE_FIELD}`, `{ALT_FIELD}`, or "
                                     f"`{CSRF_FIELD}` for a form out of date); `fields` says which and why."),
                "403": page_or_error("Not allowed: the role may not edit content, the dashboard is disabled, or "
                                     "another site's origin."),
                "404": page_or_error("The service manages no content (HERALD_CMS_BACKEND is not set)."),
                **errors(429, 503),
            },
        }
    },
}

SCHEMAS: dict[str, Any] = {
    "MediaUpload": {
        "type": "object",
        "required": [CSRF_FIELD, FILE_FIELD, ALT_FIELD],
        "properties": {
            CSRF_FIELD: {"type": "string", "description": "The session's token, printed in the dashboard's forms"},
            FILE_FIELD: {"type": "string", "format": "binary", "description": "The picture, with its file name"},
            ALT_FIELD: {"type": "string", "maxLength": MAX_ALT,
                        "description": "What a screen reader says for the picture; required"},
        },
    },
    "MediaUploaded": {
        "type": "object",
        "required": ["path", "markdown", "status", "notice", "width", "height"],
        "properties": {
            "path": {"type": "string", "examples": ["media/red-box.jpg"], "description": "Its content path"},
            "markdown": {"type": "string", "examples": ["![A red box](/media/red-box.jpg)"]},
            "status": {"type": "string", "enum": [COMMITTED, CONFLICT, QUEUED, FAILED],
                       "description": "`queued`: the repository did not answer; the picture is kept and retried"},
            "notice": {"type": "string", "description": "What to tell the editor"},
            "width": {"type": "integer", "minimum": 1},
            "height": {"type": "integer", "minimum": 1},
        },
    },
}
