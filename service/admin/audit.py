"""The dashboard's audit log page (admin only): every change of people, moderation and content, newest first."""

from __future__ import annotations

from flask import render_template, request
from flask.typing import ResponseReturnValue

from ..audit.store import entries_page
from ..db import get_session
from ..http.error_answers import renders_html
from ..http.paging import requested_page
from . import bp, signin

PER_PAGE = 50


@bp.get("/admin/audit")
@renders_html
@signin.role_required("audit")
def audit_page() -> ResponseReturnValue:
    page, per_page = requested_page(request.args, per_page_default=PER_PAGE, per_page_max=PER_PAGE)
    listing = entries_page(get_session(), page, per_page)
    last_page = max(1, -(-listing.total // per_page))
    return render_template("admin/audit.html", csrf_token=signin.csrf_token(), entries=listing.entries,
                           page=page, last_page=last_page, total=listing.total)
