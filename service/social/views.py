"""`GET /api/social?page=PATH`: where a post was syndicated and the replies brought home from there, for the
build to bake under the post ("Discuss on Mastodon", the replies beside the comments)."""

from __future__ import annotations

from flask import Response, jsonify, request

from ..comments.shapes import timestamp
from ..comments.validation import PAGE
from ..db import get_session
from ..field_checks import checked
from . import bp, store
from .worker import start_worker

bp.before_app_request(start_worker)


@bp.get("/api/social")
def page_social() -> Response:
    page = checked(request.args, {"page": PAGE})["page"]
    session = get_session()
    copies = store.page_copies(session, page)
    networks = {copy.id: account.network for copy, account in copies}
    replies = store.page_replies(session, list(networks))
    return jsonify({
        "copies": [{"network": account.network, "account": account.name, "url": copy.remote_url}
                   for copy, account in copies],
        "replies": [{"network": networks[reply.copy_id], "handle": reply.handle, "author": reply.author,
                     "url": reply.url, "html": reply.html, "created": timestamp(reply.created)}
                    for reply in replies],
    })
