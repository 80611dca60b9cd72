"""The content folder's pictures for the editor's preview: /admin/content/media-file/<media/...>.

A picture uploaded in this editing session is not on the site until the next build, so the preview points its
/media/ pictures here (service/cms/preview_media.py). Only a file the media walk lists is answered (an image in
media/, no path out of it), privately cached. Those signed in with the content permission get it; so does the
preview itself, whose sandboxed frame has no origin and so sends no (SameSite=Strict) dashboard cookie: the
preview's URLs carry a key, an HMAC of the path and an expiry under the service's secret, valid for an hour or two,
and their answer may be embedded cross-origin (CORP), as a frame with no origin's picture is.
"""

from __future__ import annotations

import hmac

from flask import Response, request, send_from_directory, url_for
from flask.typing import ResponseReturnValue

from ...admin.signin import role_required
from ...db import utcnow
from ...http.error_answers import renders_html
from ...http.errors import ApiError
from ...keyed_hash import keyed_hash
from ..publishing import content_folder
from . import bp
from .rendering import media_files

KEY_HOURS = 2  # a preview's picture URLs work for at least an hour after it was shown
MAX_AGE = 3600


def preview_address(path: str) -> str | None:
    """The absolute URL of content path `path` ("media/x.png") for a preview, with its key; None when the content
    folder has no such picture."""
    if path not in media_files(content_folder()):
        return None
    until = str((int(utcnow().timestamp()) // 3600 + KEY_HOURS) * 3600)
    return url_for("content.media_file", path=path, until=until, key=_key(path, until), _external=True)


def _key(path: str, until: str) -> str:
    return keyed_hash("preview-media", path, until)


def _keyed(path: str) -> bool:
    until, key = request.args.get("until", ""), request.args.get("key", "")
    return (until.isdigit() and int(until) > utcnow().timestamp()
            and hmac.compare_digest(key.encode(), _key(path, until).encode()))


@bp.get("/admin/content/media-file/<path:path>")
@renders_html
def media_file(path: str) -> ResponseReturnValue:
    if not _keyed(path):
        return _for_editors(path)
    response = _picture(path)
    # The preview's frame has no origin of its own (sandbox), so to the browser its picture is cross-origin.
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@role_required("content")
def _for_editors(path: str) -> ResponseReturnValue:
    return _picture(path)


def _picture(path: str) -> Response:
    folder = content_folder()
    if path not in media_files(folder):  # the walk's list: nothing outside media/, nothing but pictures
        raise ApiError(404, f"No picture {path} in the content folder.")
    response = send_from_directory(folder, path, max_age=MAX_AGE)
    response.cache_control.public = False
    response.cache_control.private = True
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"  # an SVG shown alone runs nothing
    return response
