"""The plan's iCalendar file, read back by icalendar's parser: time zones across a DST change, UIDs."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from sendemast.planning import make_plan
from sendemast.planning.calendar import plan_calendar, profile_calendar
from tests.planning.test_cadence import profile


def test_times_keep_the_zone_across_summer_time_and_uids_are_stable() -> None:
    leader = profile()
    # Denmark moves to summer time on 29 March 2026
    plan = make_plan(leader, [], today=dt.date(2026, 3, 23), timezone="Europe/Copenhagen", weeks=2,
                     leader="test-leder", screen=lambda text: True)
    data = profile_calendar(plan, leader)
    events = list(Calendar.from_ical(data).walk("VEVENT"))
    assert len(events) == 2 * len(plan.plan) == 8
    for slot in plan.plan:
        post = next(e for e in events if str(e["UID"]) == f"post-{slot.id}.test-leder@sendemast")
        start = post.decoded("DTSTART")
        offset = start.utcoffset()
        assert offset == dt.timedelta(hours=2 if slot.date >= dt.date(2026, 3, 29) else 1)
        assert start.hour == int(slot.time[:2])
        write = next(e for e in events if str(e["UID"]) == f"write-{slot.id}.test-leder@sendemast")
        assert write.decoded("DTEND") <= start
        assert "Klima" in str(post["SUMMARY"]) or "Skole" in str(post["SUMMARY"])
    assert {s.date.isoformat()[:7] for s in plan.plan} == {"2026-03", "2026-04"}
    # the same plan gives the same bytes; another leader gives other UIDs
    assert profile_calendar(plan, leader) == data
    other = plan.model_copy(update={"leader": "anden-leder"})
    uids = {str(e["UID"]) for e in Calendar.from_ical(plan_calendar(other)).walk("VEVENT")}
    assert all(uid.endswith(".anden-leder@sendemast") for uid in uids)
