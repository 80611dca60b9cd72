"""`POST /api/admin/erase`: remove everything stored about one email address (a person's right to erasure)."""

from email_validator import EmailNotValidError, validate_email
from flask import jsonify

from ..auth import admin_required
from ..db import get_session
from ..errors import ValidationError
from ..privacy import erase_email
from ..submissions import read_fields
from . import bp


@bp.post("/api/admin/erase")
@admin_required
def erase():  # type: ignore[no-untyped-def]
    email = str(read_fields(["email"]).get("email") or "").strip()
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationError({"email": str(error)}) from error
    session = get_session()
    removed = erase_email(session, email)
    session.commit()
    return jsonify({"email": email, "removed": removed, "total": sum(removed.values())})
