"""Who may change a comment: its author, holding the edit token they got when posting, for a while.

The token is an itsdangerous signature, under SECRET_KEY (salt "comment-edit"), of the comment's id and the
random secret made for that comment when it was stored (edit_secret.py; the row keeps only the secret's hash).
The two halves do different work. The signature's timestamp carries the edit window (HERALD_EDIT_WINDOW_SECONDS)
and shows the service issued the token, so a forgery is refused before the database is asked. The secret ties the
token to the one row it was made for: ids are never given again, and even were one (by hand, or by a restore from
a backup), the token would not open the row that took it. The id in the token tells a token for another comment
from a forgery. Clients send it as `Authorization: Bearer <token>` or as a `token` field.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from flask import current_app, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from herald_site.i18n import N_

from ..http.errors import ApiError
from ..http.phrases import Phrase, ngettext
from ..http.url_ids import or_404
from . import store
from .edit_secret import secret_matches
from .models import Comment

EDIT_TOKEN_SALT = "comment-edit"


def _serializer() -> URLSafeTimedSerializer:
    return _serializer_for(current_app.config["SECRET_KEY"])


@functools.lru_cache(maxsize=8)
def _serializer_for(secret_key: str) -> URLSafeTimedSerializer:
    """One serializer per key, made once: it holds no state between calls, so threads share it."""
    return URLSafeTimedSerializer(secret_key, salt=EDIT_TOKEN_SALT)


def issue_edit_token(comment: store.StoredComment) -> str:
    """The token for the comment just stored: its id and edit secret, signed with the time."""
    return _serializer().dumps([comment.id, comment.edit_secret])


def presented_token(fields: Mapping[str, Any]) -> str | None:
    """The edit token from the Authorization header, else from the `token` field."""
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    token = fields.get("token")
    return str(token).strip() if token else None


def check_edit_token(token: str | None, comment: Comment) -> None:
    """Raise 403 unless `token` was issued for this very comment and its edit window is still open."""
    if not token:
        raise ApiError(403, N_("Send the edit token you got when posting: 'Authorization: Bearer <token>'."),
                       code="token_missing")
    window = current_app.config["HERALD_EDIT_WINDOW_SECONDS"]
    try:
        granted = _serializer().loads(token, max_age=window)
    except SignatureExpired as error:
        raise ApiError(403, ngettext(
            "Comments can be changed for %(count)s minute after posting; that time is over. Ask the site's team if "
            "it must change.",
            "Comments can be changed for %(count)s minutes after posting; that time is over. Ask the site's team if "
            "it must change.", window // 60), code="token_expired") from error
    except BadSignature as error:
        raise _not_issued() from error
    match granted:
        case [int() as comment_id, str() as secret]:
            pass
        case _:  # signed by the service, yet not of this shape: a token issued before comments had secrets
            raise _not_issued()
    if comment_id != comment.id or not secret_matches(secret, comment.edit_secret_hash):
        raise ApiError(403, N_("This edit token belongs to another comment."), code="token_mismatch")


def _not_issued() -> ApiError:
    return ApiError(403, N_("This edit token is not one the service issued."), code="token_invalid")


def comment_or_404(session: Session, comment_id: int) -> Comment:
    """The comment (published or pending), or a 404 that names it."""
    return or_404(store.live_comment(session, comment_id),
                  Phrase(N_("There is no comment %(id)s."), id=str(comment_id)))
