"""Serving a finished build the way a CDN does: `/x/` answers with `x/index.html`, a miss with `404.html` (a miss
under a language's folder with that folder's, as netlify.toml's rules say), and
a request whose If-None-Match names the file's ETag with 304.

Used by `build.py demo` (beside the service, which answers `/api/` and `/board/threads` as Netlify's proxy rules
do) and by tests that browse the frozen output instead of the Flask views.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from werkzeug.exceptions import NotFound
from werkzeug.utils import safe_join
from werkzeug.wrappers import Request, Response

from service.public_paths import SERVICE_PREFIXES

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def static_site(build_dir: Path) -> WSGIApp:
    """A WSGI app serving the frozen site in `build_dir`."""
    root = Path(build_dir).resolve()

    @Request.application
    def serve(request: Request) -> Response:
        path = _resolve(root, request.path)
        if path is None:
            not_found = _resolve(root, _folder_of(request.path) + "404.html") or _resolve(root, "/404.html")
            if not_found is not None:
                return _file_response(not_found, status=404)
            raise NotFound()
        response = _file_response(path)
        response.add_etag()  # as a CDN does: the service asks for the shell again with If-None-Match
        return response.make_conditional(request)

    return serve


def _folder_of(url_path: str) -> str:
    """The first folder of a path ("/fr/a/b/" -> "/fr/"), whose own 404 page a miss under it gets, as netlify.toml
    says for each language's folder; "/" for a path at the root."""
    first, slash, _ = url_path.lstrip("/").partition("/")
    return f"/{first}/" if slash else "/"


def _resolve(root: Path, url_path: str) -> Path | None:
    joined = safe_join(str(root), url_path.lstrip("/"))
    if joined is None:
        return None
    candidate = Path(joined)
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _file_response(path: Path, status: int = 200) -> Response:
    response = Response(path.read_bytes(), status=status)
    response.mimetype = _mimetype(path)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _mimetype(path: Path) -> str:
    if path.suffix == ".xml":
        return "application/xml"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def site_with_service(site: WSGIApp, service: WSGIApp) -> WSGIApp:
    """One origin for both halves, as on Netlify: the service's paths go to it, everything else to the site."""

    def dispatch(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        target = service if path.startswith(SERVICE_PREFIXES) else site
        return target(environ, start_response)

    return dispatch
