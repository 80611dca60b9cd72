"""Who may talk to the service from a browser: CORS for the site's origin only, cross-site form posts refused,
and security headers on every answer.

JSON answers get a policy that allows nothing at all; the service's own HTML pages (the admin dashboard, the
plain board pages, form error pages) get one that allows what the site's shell around them loads from the site
(its stylesheets, icons and web app manifest; see service/site_shell.py) and forms posting to the service or the
site, and still no script, frame or plugin.
"""

from __future__ import annotations

from flask import Flask, Response, request

from herald_site.i18n import N_

from .errors import ApiError
from .origins import origin_of, own_origins, site_origin

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
ALLOWED_HEADERS = "Content-Type, Authorization"
ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS"
API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
PAGE_CONTENT_SECURITY_POLICY = ("default-src 'self'; style-src 'self'{site}; img-src 'self' data:{site}; "
                                "manifest-src 'self'{site}; form-action 'self'{site}; frame-ancestors 'none'; "
                                "base-uri 'none'; object-src 'none'")
# Every answer gets these, unless its view set its own.
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Resource-Policy", "same-site"),
)


def refuse_cross_site_writes() -> Response | None:
    """Answer preflights, and refuse writes a browser sends on behalf of another site (CSRF, hostile CORS)."""
    origin = request.headers.get("Origin")
    if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method"):
        if origin not in own_origins():
            raise ApiError(403, N_("Cross-origin requests are only allowed from the site itself."))
        response = Response(status=204)
        response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response.headers["Access-Control-Max-Age"] = "600"
        return response
    if request.method in UNSAFE_METHODS:
        claimed = origin if origin and origin != "null" else origin_of(request.referrer or "")
        if origin == "null" or (claimed is not None and claimed not in own_origins()):
            raise ApiError(403, N_("Posts are only accepted from the site itself."), code="cross_site")
    return None


def add_cors_and_security_headers(response: Response) -> Response:
    origin = request.headers.get("Origin")
    if origin and origin == site_origin():
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = "Retry-After, Location"
    present = {name.lower() for name, _ in response.headers}  # one pass, not one search per header
    if "vary" in present:
        response.vary.add("Origin")
    else:
        response.headers.add("Vary", "Origin")
    if "content-security-policy" not in present:
        response.headers.add("Content-Security-Policy", _content_security_policy(response))
    response.headers.extend([(name, value) for name, value in SECURITY_HEADERS if name.lower() not in present])
    return response


def _content_security_policy(response: Response) -> str:
    if response.mimetype != "text/html":
        return API_CONTENT_SECURITY_POLICY
    site = site_origin()
    return PAGE_CONTENT_SECURITY_POLICY.format(site=f" {site}" if site else "")


def init_app(app: Flask) -> None:
    app.before_request(refuse_cross_site_writes)
    app.after_request(add_cors_and_security_headers)
