"""Routes: `POST /api/events` (the site's beacons) and the admin's `GET /api/analytics/...` counts."""

from flask import Response, jsonify, request

from ..db import get_session, utcnow
from ..http.admin_token import admin_required
from ..http.posted_fields import read_fields
from ..http.rate_limits import rate_limited
from . import analytics, bp
from .recorder import event_row
from .store import insert_event
from .validation import check_beacon, check_report_query
from .visitors import is_bot, tracking_refused

BEACON_FIELDS = ("type", "path", "label", "referrer")


@bp.post("/api/events")
@rate_limited("HERALD_LIMIT_EVENTS")
def post_event() -> Response:
    """204 whether stored or not: bots and browsers asking not to be tracked are answered alike."""
    beacon = check_beacon(read_fields(BEACON_FIELDS))
    if not is_bot(request.user_agent.string) and not tracking_refused(request.headers):
        session = get_session()
        # referrer="" keeps the beacon's own Referer header (our page) from standing in for a missing one.
        insert_event(session, event_row(beacon.type, path=beacon.path, label=beacon.label,
                                        referrer=beacon.referrer or ""))
        session.commit()
    return Response(status=204)


@bp.get("/api/analytics/page_views")
@admin_required
def page_views() -> Response:
    days, path = check_report_query(request.args, utcnow().date(), "path")
    return jsonify(analytics.page_views(get_session(), days, path))


@bp.get("/api/analytics/button_press")
@admin_required
def button_press() -> Response:
    days, label = check_report_query(request.args, utcnow().date(), "label")
    return jsonify(analytics.button_presses(get_session(), days, label))
