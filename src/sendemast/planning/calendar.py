"""The plan as an iCalendar file (RFC 5545): for each slot the post itself and, before it, a block of
time to write it — tip 6's "sæt tid af i kalenderen".

UIDs are derived from the leader and the slot id (date and channel), so importing a newer plan updates
the events of the same slots instead of adding copies. Times carry the workspace's time zone, with its
VTIMEZONE written into the file.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sendemast.planning.models import Plan, Slot

if TYPE_CHECKING:
    from sendemast.profile import Profile

POST_MINUTES = 15
UID_DOMAIN = "sendemast"

_TEXT = {
    "da": {
        "post": "Opslag på {channel}: {topic}",
        "write": "Sæt tid af i kalenderen: skriv opslaget om {topic} ({channel})",
        "draft": "Skriv et udkast: sendemast draft --slot {slot}",
        "sources": "Kilder:",
        "calendar": "Opslagsplan – {leader}",
    },
    "en": {
        "post": "Post on {channel}: {topic}",
        "write": "Time set aside: write the post on {topic} ({channel})",
        "draft": "Draft it: sendemast draft --slot {slot}",
        "sources": "Sources:",
        "calendar": "Posting plan – {leader}",
    },
}


def slot_uid(leader: str, slot_id: str, part: str) -> str:
    return f"{part}-{slot_id}.{leader}@{UID_DOMAIN}"


def profile_calendar(plan: Plan, profile: Profile) -> bytes:
    """:func:`plan_calendar` with the profile's topic titles, first language and name (CLI and studio)."""
    return plan_calendar(
        plan,
        topic_titles={t.id: t.title for t in profile.topics},
        lang=profile.languages[0] if profile.languages else "da",
        name=profile.name,
    )


def plan_calendar(
    plan: Plan, *, topic_titles: dict[str, str] | None = None, lang: str = "da", name: str = ""
) -> bytes:
    """The ``.ics`` bytes of ``plan``: two events per slot (``post-…`` and ``write-…`` UIDs)."""
    from icalendar import Calendar, Event

    text = _TEXT.get(lang, _TEXT["da"])
    zone = ZoneInfo(plan.timezone)
    titles = topic_titles or {}
    # DTSTAMP says when the plan was made; from --today, so that the same inputs give the same file
    stamp = dt.datetime.combine(plan.today, dt.time(0), zone).astimezone(dt.UTC)
    cal = Calendar()
    cal.add("prodid", "-//sendemast//plan//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", text["calendar"].format(leader=name or plan.leader))
    cal.add("x-wr-timezone", plan.timezone)
    for slot in plan.plan:
        topic = titles.get(slot.topic, slot.topic)
        start = dt.datetime.combine(slot.date, dt.time.fromisoformat(slot.time), zone)
        write_start = slot.writing_start.replace(tzinfo=zone)
        details = _description(slot, text)
        for part, summary, begin, minutes in (
            ("write", text["write"], write_start, slot.writing_minutes),
            ("post", text["post"], start, POST_MINUTES),
        ):
            event = Event()
            event.add("uid", slot_uid(plan.leader, slot.id, part))
            event.add("dtstamp", stamp)
            event.add("sequence", 0)
            event.add("dtstart", begin)
            event.add("dtend", begin + dt.timedelta(minutes=minutes))
            event.add("summary", summary.format(topic=topic, channel=slot.channel))
            event.add("description", details)
            event.add("categories", [c for c in ("sendemast", slot.channel, slot.topic) if c])
            event.add("transp", "OPAQUE" if part == "write" else "TRANSPARENT")
            cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _description(slot: Slot, text: dict[str, str]) -> str:
    lines = [slot.idea, "", text["draft"].format(slot=slot.id)]
    if slot.sources:
        lines += ["", text["sources"], *(f"- {s.kind}: {s.title} ({s.id})" for s in slot.sources)]
    return "\n".join(lines)
