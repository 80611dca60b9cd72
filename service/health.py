"""`GET /healthz`: 200 when the service and its database answer, 503 with the reason when not."""

from flask import Blueprint, jsonify
from sqlalchemy.exc import SQLAlchemyError

from .db import database, database_unavailable

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():  # type: ignore[no-untyped-def]
    try:
        database().ping()
    except SQLAlchemyError as error:
        raise database_unavailable(error) from error
    return jsonify({"status": "ok", "database": "ok"})
