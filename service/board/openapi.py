"""OpenAPI description of the board's routes, public and admin, merged by service/openapi.py."""

from __future__ import annotations

from typing import Any

from ..http.paging import PAGE_NUMBER_MAX
from ..openapi_parts import ADMIN, LANG_PROPERTY, TIMESTAMP, errors, json_response, path_id, request_body, schema_ref
from .validation import AUTHOR_MAX, BODY_MAX, PER_PAGE_DEFAULT, PER_PAGE_MAX, TITLE_MAX

FORM_REDIRECT = {
    "description": "A form post: back to the page it came from, with `?herald=board-posted` (published) or "
                   "`?herald=board-queued` (awaiting moderation).",
    "headers": {"Location": {"schema": {"type": "string"}}},
}
RECEIVED = {
    "description": "Taken in and discarded: the honeypot field `phone` was filled, so this came from a bot.",
    "content": {"application/json": {"schema": {
        "type": "object", "required": ["status"], "properties": {"status": {"const": "received"}}}}},
}
NO_CONTENT = {"description": "Done"}


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


PAGINATION = [
    _query("page", "Which page, from 1.", {"type": "integer", "minimum": 1, "maximum": PAGE_NUMBER_MAX, "default": 1}),
    _query("per_page", "How many per page.",
           {"type": "integer", "minimum": 1, "maximum": PER_PAGE_MAX, "default": PER_PAGE_DEFAULT}),
]
THREAD_ID = path_id("thread_id", "The thread's id.")
POST_ID = path_id("post_id", "The post's id.")

PATHS: dict[str, Any] = {
    "/api/board/threads": {
        "get": {
            "summary": "Visible threads, newest activity first, one page at a time",
            "operationId": "listBoardThreads",
            "parameters": PAGINATION,
            "responses": {"200": json_response("A page of threads", "BoardThreadList"), **errors(400, 503)},
        },
        "post": {
            "summary": "Start a thread (its body is the opening post); held for approval under moderation",
            "operationId": "createBoardThread",
            "requestBody": request_body("NewBoardThread"),
            "responses": {
                "201": {**json_response("The thread, with its opening post; `status` says whether it is published",
                                "BoardThread"),
                        "headers": {"Location": {"schema": {"type": "string"}}}},
                "202": RECEIVED,
                "303": FORM_REDIRECT,
                **errors(400, 403, 413, 415, 429, 503),
            },
        },
    },
    "/api/board/threads/{thread_id}": {
        "get": {
            "summary": "One visible thread with its approved posts, oldest first",
            "operationId": "showBoardThread",
            "parameters": [THREAD_ID],
            "responses": {"200": json_response("The thread", "BoardThreadView"), **errors(404, 503)},
        }
    },
    "/api/board/threads/{thread_id}/posts": {
        "post": {
            "summary": "Reply in a thread; held for approval under moderation",
            "operationId": "replyOnBoard",
            "parameters": [THREAD_ID],
            "requestBody": request_body("NewBoardPost"),
            "responses": {
                "201": json_response("The reply; `status` says whether it is published", "BoardPost"),
                "202": RECEIVED,
                "303": FORM_REDIRECT,
                **errors(400, 403, 404, 409, 413, 415, 429, 503),
            },
        }
    },
    "/api/admin/board/posts": {
        "get": {
            "summary": "Board posts for moderation, newest first",
            "operationId": "listBoardPostsForModeration",
            "security": ADMIN,
            "parameters": [
                _query("status", "`pending` for posts awaiting approval, `all` for every post.",
                       {"type": "string", "enum": ["pending", "all"], "default": "pending"}),
                *PAGINATION,
            ],
            "responses": {"200": json_response("A page of posts", "BoardModerationList"), **errors(400, 401, 403, 503)},
        }
    },
    "/api/admin/board/posts/{post_id}/approve": {
        "post": {
            "summary": "Publish a post; approving a thread's opening post publishes the thread",
            "operationId": "approveBoardPost",
            "security": ADMIN,
            "parameters": [POST_ID],
            "responses": {"200": json_response("The approved post", "BoardModerationPost"),
                          **errors(401, 403, 404, 503)},
        }
    },
    "/api/admin/board/posts/{post_id}": {
        "delete": {
            "summary": "Delete a post; deleting a thread's opening post deletes the thread",
            "operationId": "deleteBoardPost",
            "security": ADMIN,
            "parameters": [POST_ID],
            "responses": {"204": NO_CONTENT, **errors(401, 403, 404, 503)},
        }
    },
    "/api/admin/board/threads/{thread_id}": {
        "delete": {
            "summary": "Delete a thread with all its posts",
            "operationId": "deleteBoardThread",
            "security": ADMIN,
            "parameters": [THREAD_ID],
            "responses": {"204": NO_CONTENT, **errors(401, 403, 404, 503)},
        }
    },
    **{
        f"/api/admin/board/threads/{{thread_id}}/{action}": {
            "post": {
                "summary": summary,
                "operationId": f"{action}BoardThread",
                "security": ADMIN,
                "parameters": [THREAD_ID],
                "responses": {"200": json_response("The thread", "BoardAdminThread"), **errors(401, 403, 404, 503)},
            }
        }
        for action, summary in (("lock", "Lock a thread: replies get 409 until it is unlocked"),
                                ("unlock", "Let a locked thread take replies again"))
    },
}

POST_PROPERTIES: dict[str, Any] = {
    "id": {"type": "integer"},
    "author": {"type": "string", "description": "Plain text: insert it as text, never as HTML."},
    "html": {"type": "string", "description": "The body as sanitized HTML: text formatting and links only."},
    "created": TIMESTAMP,
}
THREAD_PROPERTIES: dict[str, Any] = {
    "id": {"type": "integer"},
    "title": {"type": "string", "description": "Plain text: insert it as text, never as HTML."},
    "author": {"type": "string", "description": "Plain text: the name on the opening post."},
    "created": TIMESTAMP,
    "last_activity": {**TIMESTAMP, "description": "When the newest approved post was made."},
    "post_count": {"type": "integer", "description": "Approved posts, the opening one included."},
    "locked": {"type": "boolean", "description": "A locked thread takes no replies."},
}
STATUS = {"type": "string", "enum": ["approved", "pending"]}
EMAIL = {"type": "string", "format": "email",
         "description": "Optional and never published; lets the admin erase what this person posted."}
PAGE_PROPERTIES = {"page": {"type": "integer"}, "per_page": {"type": "integer"}, "total": {"type": "integer"}}


def _listing(key: str, item: str) -> dict[str, Any]:
    return {"type": "object", "required": [key, *PAGE_PROPERTIES],
            "properties": {key: {"type": "array", "items": schema_ref(item)}, **PAGE_PROPERTIES}}


NEW_POST_PROPERTIES: dict[str, Any] = {
    "author": {"type": "string", "minLength": 1, "maxLength": AUTHOR_MAX},
    "email": EMAIL,
    "body": {"type": "string", "minLength": 1, "maxLength": BODY_MAX, "description": "Markdown."},
    "phone": {"type": "string", "description": "The honeypot: leave it empty."},
    **LANG_PROPERTY,
}

SCHEMAS: dict[str, Any] = {
    "NewBoardThread": {
        "type": "object",
        "required": ["title", "author", "body"],
        "properties": {"title": {"type": "string", "minLength": 1, "maxLength": TITLE_MAX}, **NEW_POST_PROPERTIES},
    },
    "NewBoardPost": {"type": "object", "required": ["author", "body"], "properties": NEW_POST_PROPERTIES},
    "BoardPost": {
        "type": "object",
        "required": list(POST_PROPERTIES),
        "properties": {**POST_PROPERTIES,
                       "status": {**STATUS, "description": "Only in the answer to a new post."}},
    },
    "BoardThreadSummary": {
        "type": "object",
        "required": list(THREAD_PROPERTIES),
        "properties": {**THREAD_PROPERTIES,
                       "excerpt": {"type": "string", "description": "The opening post's start, as plain text."}},
    },
    "BoardThread": {
        "type": "object",
        "required": [*THREAD_PROPERTIES, "posts"],
        "properties": {
            **THREAD_PROPERTIES,
            "posts": {"type": "array", "items": schema_ref("BoardPost"), "description": "Oldest first."},
            "status": {**STATUS, "description": "Only in the answer to a new thread."},
        },
    },
    "BoardThreadView": {"type": "object", "required": ["thread"], "properties": {"thread": schema_ref("BoardThread")}},
    "BoardThreadList": _listing("threads", "BoardThreadSummary"),
    "BoardAdminThread": {
        "type": "object",
        "required": [*THREAD_PROPERTIES, "status", "email"],
        "properties": {**THREAD_PROPERTIES, "status": STATUS, "email": {"type": ["string", "null"]}},
    },
    "BoardModerationPost": {
        "type": "object",
        "required": [*POST_PROPERTIES, "thread_id", "thread_title", "opening", "status", "email", "body"],
        "properties": {
            **POST_PROPERTIES,
            "thread_id": {"type": "integer"},
            "thread_title": {"type": "string"},
            "opening": {"type": "boolean", "description": "The thread's opening post: deleting it deletes the thread."},
            "status": STATUS,
            "email": {"type": ["string", "null"]},
            "body": {"type": "string", "description": "The Markdown as the visitor typed it."},
        },
    },
    "BoardModerationList": _listing("posts", "BoardModerationPost"),
}
