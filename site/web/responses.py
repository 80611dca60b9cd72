"""Responses typed by their file name, as a web server types the frozen file.

Frozen-Flask warns (and the build fails) when a response's Content-Type differs from what the extension of
the file it writes implies; asking `mimetypes` the same question it asks keeps the two in agreement.
"""

from __future__ import annotations

import mimetypes
import posixpath

from flask import Response, request


def typed_by_path(body: str | bytes) -> Response:
    """`body` with the MIME type that the current URL's file name implies (feed.xml, robots.txt, ...)."""
    mimetype, _ = mimetypes.guess_type(posixpath.basename(request.path))
    return Response(body, mimetype=mimetype or "application/octet-stream")
