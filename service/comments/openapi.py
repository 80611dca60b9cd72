"""OpenAPI description of the comment routes (and their admin routes), merged by service/openapi.py."""

from __future__ import annotations

from typing import Any

from ..db import ID_MAX
from ..openapi_parts import (ADMIN, LANG_PROPERTY, NULLABLE_TEXT, TIMESTAMP, errors, json_response, path_id,
                             request_body, schema_ref)
from .models import AUTHOR_MAX, BODY_MAX, EMAIL_MAX, PAGE_MAX, WEBSITE_MAX
from .validation import MODERATION_PAGE_DEFAULT, MODERATION_PAGE_MAX

# The edit token as a bearer token, or (the empty alternative) as the `token` field by clients that cannot set headers.
EDIT_TOKEN: list[dict[str, list[str]]] = [{"editToken": []}, {}]
TOKEN_HELP = ("The edit token from the 201 that created the comment, valid for HERALD_EDIT_WINDOW_SECONDS "
              "(15 minutes by default) and for that comment only. Send it as `Authorization: Bearer <token>` or "
              "as the `token` field.")


def _location(description: str) -> dict[str, Any]:
    return {"Location": {"description": description, "required": True, "schema": {"type": "string"}}}


COMMENT_ID = path_id("comment_id", "The comment's id.")
FORM_REDIRECT = {
    "description": "A plain HTML form post: back to the page it came from (its Referer when that is the site, "
                   "else the comment's page on HERALD_SITE_ORIGIN) with `?herald=comment-posted` and "
                   "`#comment-<id>`, or `?herald=comment-pending` and `#comments` while it awaits approval.",
    "headers": _location("The page to go back to"),
}

PATHS: dict[str, Any] = {
    "/api/comments": {
        "get": {
            "summary": "A page's published comments, oldest first",
            "description": "Flat, oldest first; a reply names its `parent`. A comment removed while replies hang "
                           "from it stays as a placeholder (`deleted: true`, no author or text). Answers carry "
                           "a strong ETag and `Cache-Control: public, max-age=10, stale-while-revalidate=60` (a CDN "
                           "may serve a list up to 10 s old, and a stale one while it refreshes); send "
                           "`If-None-Match` for a 304.",
            "operationId": "listComments",
            "parameters": [
                {"name": "page", "in": "query", "required": True,
                 "description": "The page's path on the site, like /2024/05/03/clean-air/",
                 "schema": {"type": "string", "maxLength": PAGE_MAX, "pattern": "^/"}},
                {"name": "since", "in": "query", "required": False,
                 "description": "Only comments created after this ISO 8601 time (pass the newest `created` you "
                                "have). A time without an offset is UTC.",
                 "schema": {"type": "string", "format": "date-time"}},
            ],
            "responses": {
                "200": json_response("The comments", "CommentList"),
                "304": {"description": "Unchanged since the ETag sent in If-None-Match"},
                **errors(400, 503),
            },
        },
        "post": {
            "summary": "Post a comment, or a reply to a published one",
            "description": "Published at once when HERALD_MODERATION is `auto`, held for approval when `queue`. "
                           "A post that fills the hidden honeypot field `phone` is dropped unstored and answered "
                           "202 (JSON) or as a form post would be.",
            "operationId": "postComment",
            "requestBody": request_body("NewComment"),
            "responses": {
                "201": json_response("Stored; `token` lets its author change or delete it for a while", "CreatedComment",
                             headers=_location("The published comment's URL in this API")),
                "202": json_response("Received (honeypot posts: nothing is stored)", "CommentReceived"),
                "303": FORM_REDIRECT,
                **errors(400, 403, 413, 415, 429, 503),
            },
        },
    },
    "/api/comments/{comment_id}": {
        "get": {
            "summary": "One published comment",
            "operationId": "getComment",
            "parameters": [COMMENT_ID],
            "responses": {"200": json_response("The comment", "Comment"), **errors(404, 503)},
        },
        "patch": {
            "summary": "Its author changes a comment, inside the edit window",
            "description": f"Send any of body, author, website (a blank website removes it). {TOKEN_HELP} "
                           "403 when the token is missing, expired, forged or for another comment. When "
                           "HERALD_MODERATION is `queue` the edited comment waits for approval again: the answer "
                           "says `status: pending` and the page leaves it out until the admin approves it.",
            "operationId": "editComment",
            "security": EDIT_TOKEN,
            "parameters": [COMMENT_ID],
            "requestBody": request_body("CommentEdit"),
            "responses": {
                "200": json_response("The comment as changed, with the status the edit left it in",
                                     "EditedComment"),
                **errors(400, 403, 404, 413, 415, 429, 503),
            },
        },
        "delete": {
            "summary": "Its author deletes a comment, inside the edit window",
            "description": f"{TOKEN_HELP} A comment with replies stays as a placeholder; others are gone. "
                           "403 when the token is missing, expired, forged or for another comment.",
            "operationId": "deleteComment",
            "security": EDIT_TOKEN,
            "parameters": [COMMENT_ID],
            "requestBody": request_body("CommentDelete", required=False),
            "responses": {"204": {"description": "Deleted"}, **errors(400, 403, 404, 413, 415, 429, 503)},
        },
    },
    "/api/admin/comments": {
        "get": {
            "summary": "Comments for moderation, newest first",
            "operationId": "adminListComments",
            "security": ADMIN,
            "parameters": [
                {"name": "status", "in": "query", "required": False,
                 "description": "`pending` (the default): waiting for approval; `all`: every comment",
                 "schema": {"type": "string", "enum": ["pending", "all"], "default": "pending"}},
                {"name": "limit", "in": "query", "required": False,
                 "schema": {"type": "integer", "minimum": 1, "maximum": MODERATION_PAGE_MAX,
                            "default": MODERATION_PAGE_DEFAULT}},
                {"name": "before", "in": "query", "required": False,
                 "description": "Continue after a previous page: the smallest id it had",
                 "schema": {"type": "integer", "minimum": 1, "maximum": ID_MAX}},
            ],
            "responses": {"200": json_response("The comments", "AdminCommentList"), **errors(400, 401, 403, 503)},
        },
    },
    "/api/admin/comments/{comment_id}/approve": {
        "post": {
            "summary": "Publish a held comment",
            "operationId": "adminApproveComment",
            "parameters": [COMMENT_ID],
            "security": ADMIN,
            "responses": {"200": json_response("The comment, now approved", "AdminComment"),
                          **errors(401, 403, 404, 503)},
        },
    },
    "/api/admin/comments/{comment_id}": {
        "delete": {
            "summary": "Remove a comment (a placeholder stays while replies hang from it)",
            "operationId": "adminDeleteComment",
            "parameters": [COMMENT_ID],
            "security": ADMIN,
            "responses": {"204": {"description": "Removed"}, **errors(401, 403, 404, 503)},
        },
    },
}

COMMENT_PROPERTIES: dict[str, Any] = {
    "id": {"type": "integer"},
    "parent": {"type": ["integer", "null"], "description": "The comment this replies to"},
    "author": {**NULLABLE_TEXT, "description": "Null on a placeholder"},
    "website": NULLABLE_TEXT,
    "html": {"type": "string", "description": "The body as sanitized HTML; empty on a placeholder"},
    "created": TIMESTAMP,
    "edited": {"type": ["string", "null"], "format": "date-time"},
    "deleted": {"type": "boolean", "description": "A placeholder for a removed comment that has replies"},
}
STATUS = {"type": "string", "enum": ["approved", "pending", "deleted"]}


def _comment_with(extra: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": [*COMMENT_PROPERTIES, *extra],
            "properties": {**COMMENT_PROPERTIES, **extra}}


SCHEMAS: dict[str, Any] = {
    "Comment": _comment_with({}),
    "CreatedComment": _comment_with({"status": STATUS, "token": {"type": "string", "description": TOKEN_HELP}}),
    "EditedComment": _comment_with({"status": STATUS}),
    "AdminComment": _comment_with({"page": {"type": "string"}, "status": STATUS, "email": NULLABLE_TEXT,
                                   "body": {"type": "string", "description": "The raw Markdown"}}),
    "CommentList": {"type": "object", "required": ["comments"],
                    "properties": {"comments": {"type": "array", "items": schema_ref("Comment")}}},
    "AdminCommentList": {"type": "object", "required": ["comments"],
                         "properties": {"comments": {"type": "array", "items": schema_ref("AdminComment")}}},
    "CommentReceived": {"type": "object", "required": ["status"],
                        "properties": {"status": {"const": "received"}}},
    "NewComment": {
        "type": "object",
        "required": ["page", "author", "body"],
        "properties": {
            "page": {"type": "string", "maxLength": PAGE_MAX,
                     "description": "The page's path on the site, like /2024/05/03/clean-air/"},
            "parent": {"type": ["integer", "string", "null"],
                       "description": "The id of the published comment on the same page to reply to (forms send "
                                      "it as text); blank or absent for none"},
            "author": {"type": "string", "maxLength": AUTHOR_MAX},
            "email": {"type": "string", "maxLength": EMAIL_MAX, "description": "Optional; never published"},
            "website": {"type": "string", "maxLength": WEBSITE_MAX, "description": "Optional; http or https"},
            "body": {"type": "string", "maxLength": BODY_MAX, "description": "Markdown"},
            **LANG_PROPERTY,
        },
    },
    "CommentEdit": {
        "type": "object",
        "properties": {
            "body": {"type": "string", "maxLength": BODY_MAX},
            "author": {"type": "string", "maxLength": AUTHOR_MAX},
            "website": {"type": "string", "maxLength": WEBSITE_MAX},
            "token": {"type": "string", "description": TOKEN_HELP},
            **LANG_PROPERTY,
        },
    },
    "CommentDelete": {"type": "object",
                      "properties": {"token": {"type": "string", "description": TOKEN_HELP}, **LANG_PROPERTY}},
}
