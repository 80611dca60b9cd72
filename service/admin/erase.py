"""`POST /api/admin/erase`: remove everything stored about one email address (a person's right to erasure)."""

from flask import Response, jsonify

from ..audit.store import record
from ..db import get_session
from ..erasure import erase_email
from ..field_checks import checked, email
from ..http.admin_token import admin_required
from ..http.posted_fields import read_fields
from . import bp

ERASE_CHECKS = {"email": email(missing="Give the email address whose data should be removed.")}


@bp.post("/api/admin/erase")
@admin_required
def erase() -> Response:
    address = checked(read_fields(["email"]), ERASE_CHECKS)["email"]
    session = get_session()
    removed = erase_email(session, address)
    record(session, "erase", "an email address (not kept here)", ", ".join(f"{concern}: {count}" for concern, count in removed.items()))
    session.commit()
    return jsonify({"email": address, "removed": removed, "total": sum(removed.values())})
