"""The editorial flow's buttons (service/cms/editorial.py), with the clock given."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from service.cms import editorial
from service.http.errors import ValidationError

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=timezone.utc)


def test_draft_publish_and_schedule_set_the_draft_flag() -> None:
    assert editorial.applied("draft", {"title": "A"}, now=NOW, zone=LONDON) == {"title": "A", "draft": True}
    assert editorial.applied("publish", {"title": "A", "draft": True}, now=NOW, zone=LONDON) == {"title": "A"}
    scheduled = editorial.applied("schedule", {"draft": True, "date": "2026-12-24 09:00"}, now=NOW, zone=LONDON)
    assert scheduled == {"date": "2026-12-24 09:00"}
    assert editorial.applied("save", {"draft": True}, now=NOW, zone=LONDON) == {"draft": True}


@pytest.mark.parametrize("when", [None, "", "not a date", "2026-12-07 11:59", date(2026, 12, 7)])
def test_schedule_needs_a_date_in_the_future(when: object) -> None:
    with pytest.raises(ValidationError) as caught:
        editorial.applied("schedule", {"date": when}, now=NOW, zone=LONDON)
    assert "in the future" in caught.value.fields["date"] and "Europe/London" in caught.value.fields["date"]


def test_when_a_post_goes_live_in_the_sites_time_zone() -> None:
    when = editorial.goes_live({"date": "2027-07-01 09:00"}, now=NOW, zone=LONDON)
    assert when is not None and editorial.live_label(when, LONDON) == "goes live at 1 Jul 2027, 09:00 (Europe/London)"
    assert when.utcoffset().total_seconds() == 3600  # summer time
    offset = datetime(2026, 12, 24, 9, 0, tzinfo=timezone.utc)
    assert editorial.live_label(editorial.goes_live({"date": offset}, now=NOW, zone=LONDON), LONDON) == \
        "goes live at 24 Dec 2026, 09:00 (Europe/London)"
    assert editorial.goes_live({"date": "2026-12-24", "draft": True}, now=NOW, zone=LONDON) is None
    assert editorial.goes_live({"date": date(2026, 1, 1)}, now=NOW, zone=LONDON) is None


def test_messages_say_what_changed() -> None:
    assert editorial.message("publish", "post", "Clean air") == "Publish post: Clean air"
    assert editorial.message("save", "page", "About") == "Edit page: About"
    assert editorial.message("publish", "post", "X", submitted=True) == "Submit post for review: X"
