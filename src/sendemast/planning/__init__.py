"""Plan and cadence (tip 6 in numbers): how often, on what, for whom — and time set aside to write.

``make_plan`` (pure: profile, posts, values passages, notes, today, time zone in; a :class:`Plan` out) is
the core (:func:`sendemast.assembly.plan_for` reads those inputs from a workspace); ``plan_calendar``
writes the plan as iCalendar; ``resolve_slot`` turns a planned slot into what ``sendemast draft --slot``
drafts from.
"""

from __future__ import annotations

from sendemast.planning.core import make_plan
from sendemast.planning.models import Cadence, Plan, Slot, TopicCoverage
from sendemast.planning.store import SlotDraft, resolve_slot

__all__ = [
    "Cadence",
    "Plan",
    "Slot",
    "SlotDraft",
    "TopicCoverage",
    "make_plan",
    "resolve_slot",
]
