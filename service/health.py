"""`GET /healthz`: 200 when the service and its database answer, 503 with the reason when not."""

from flask import Blueprint, jsonify
from sqlalchemy.exc import SQLAlchemyError

from .db import database
from .errors import error_response

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():  # type: ignore[no-untyped-def]
    try:
        database().ping()
    except SQLAlchemyError as error:
        reason = type(getattr(error, "orig", None) or error).__name__
        return error_response(503, f"The database does not answer ({reason}).", code="database_unavailable")
    return jsonify({"status": "ok", "database": "ok"})
