"""The client Frozen-Flask fetches each page with while freezing: a plain GET straight into the app.

Flask's test client builds each request through werkzeug's EnvironBuilder (headers, cookies, files, JSON,
redirects), which costs a few hundred microseconds a page, more than some pages take to render. Freezing
only ever GETs a URL of the site without a body or cookies, so this client makes the WSGI environ of such a
request itself and leaves the call and the response to werkzeug and Flask, as the test client does.
"""

from __future__ import annotations

import io
import sys
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import run_wsgi_app
from werkzeug.wrappers import Response

DEFAULT_PORTS = {"http": "80", "https": "443"}


class PageClient:
    """What Frozen-Flask asks of `app.test_client()`: `get(url, follow_redirects=, base_url=)`."""

    def __init__(self, application: Flask, response_wrapper: type[Response] | None = None, **options: Any) -> None:
        self.application = application
        self.response_wrapper = response_wrapper or application.response_class
        self._options = options

    def get(self, url: str, follow_redirects: bool = False, base_url: str | None = None) -> Response:
        if follow_redirects:  # only Flask's client knows how to follow them
            client = FlaskClient(self.application, self.response_wrapper, **self._options)
            return client.get(url, follow_redirects=True, base_url=base_url)
        app_iter, status, headers = run_wsgi_app(self.application, get_environ(url, base_url), buffered=True)
        return self.response_wrapper(app_iter, status, headers)


def get_environ(url: str, base_url: str | None) -> dict[str, Any]:
    """The WSGI environ of a GET of `url` (a path, maybe with a query) on the site at `base_url`."""
    base = urlsplit(base_url or "http://localhost/")
    path, _, query = url.partition("?")
    host = base.hostname or "localhost"
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": _wsgi_text(base.path.rstrip("/")),
        "PATH_INFO": _wsgi_text(path),
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": str(base.port) if base.port else DEFAULT_PORTS.get(base.scheme, "80"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": base.netloc or host,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": base.scheme or "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def _wsgi_text(path: str) -> str:
    """WSGI carries a path as its percent-decoded bytes, each byte a latin-1 character (PEP 3333)."""
    return unquote_to_bytes(path).decode("latin-1")
