"""The editorial flow's buttons: save as it is, save as a draft, publish, or schedule for a date; and when a
post goes live. The build already hides a post dated in the future, so scheduling is publishing with a later
date; a date written without an offset is read in the site's time zone (site.yml's `timezone`)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from ..http.errors import ValidationError
from .editor_form import DATE_FIELD, DRAFT_FIELD

SAVE, DRAFT, PUBLISH, SCHEDULE = "save", "draft", "publish", "schedule"
UNPUBLISH = "unpublish"  # "save as draft" on a published document, once confirmed: it leaves the site
ACTIONS = (SAVE, DRAFT, PUBLISH, SCHEDULE, UNPUBLISH)
VERBS = {SAVE: "Edit", DRAFT: "Save draft of", PUBLISH: "Publish", SCHEDULE: "Schedule", UNPUBLISH: "Unpublish"}
# What the notice after a committed save says happened, by button.
DONE = {SAVE: "Saved. The site rebuilds in a minute.",
        DRAFT: "Saved as a draft: the site does not show it.",
        UNPUBLISH: "Saved as a draft: it leaves the site at the next build, in a minute.",
        PUBLISH: "Published: it is on the site after the next build, in a minute.",
        SCHEDULE: "Scheduled."}
DATE_EXAMPLE = "2026-12-24 09:00"


def moment(value: object, zone: ZoneInfo) -> datetime | None:
    """A frontmatter date as an aware datetime (a bare date: its midnight in `zone`); None when it is none."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=zone)
    if isinstance(value, str) and value.strip():
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
    return None


def applied(action: str, frontmatter: dict[str, object], *, now: datetime, zone: ZoneInfo) -> dict[str, object]:
    """The frontmatter as the button pressed leaves it; a ValidationError at `date` for a schedule without a
    date in the future. A copy (`split_document`'s values keep the text they were read from)."""
    result = frontmatter.copy()
    if action in (DRAFT, UNPUBLISH):
        result[DRAFT_FIELD] = True
    elif action in (PUBLISH, SCHEDULE):
        result.pop(DRAFT_FIELD, None)
    if action == SCHEDULE:
        when = moment(result.get(DATE_FIELD), zone)
        if when is None or when <= now:
            raise ValidationError({DATE_FIELD: f"To schedule, give a date and time in the future, like "
                                               f"{DATE_EXAMPLE} ({zone.key})."})
    return result


def goes_live(frontmatter: dict[str, object], *, now: datetime, zone: ZoneInfo) -> datetime | None:
    """When a post that is not a draft goes live, if that is still to come."""
    if frontmatter.get(DRAFT_FIELD):
        return None
    when = moment(frontmatter.get(DATE_FIELD), zone)
    return when.astimezone(zone) if when is not None and when > now else None


def live_label(when: datetime, zone: ZoneInfo) -> str:
    """"goes live at 24 Dec 2026, 09:00 (Europe/London)"."""
    return f"goes live at {when.astimezone(zone):%-d %b %Y, %H:%M} ({zone.key})"


def message(action: str, kind: str, title: str, *, submitted: bool = False) -> str:
    """The commit's message: what changed, in a line ("Publish post: Clean air at the school gate")."""
    if submitted:
        return f"Submit {kind} for review: {title}"
    return f"{VERBS.get(action, 'Edit')} {kind}: {title}"
