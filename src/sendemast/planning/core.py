"""``make_plan``: cadence, coverage and the next weeks' slots, as a pure function of its inputs.

Everything it needs is passed in — the profile, the past posts, the values passages per topic, the notes,
today and the time zone — so the per-leader glue (one workspace, or one leader of an organisation) stays
small, and tests need no index or model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sendemast.planning import cadence as cadence_mod
from sendemast.planning import coverage
from sendemast.planning.classify import tag_text
from sendemast.planning.ideas import WRITING_MINUTES, IdeaWriter, Note, Passage, Screen, writing_start
from sendemast.planning.models import PastPost, Plan, Slot
from sendemast.planning.slots import assign, plan_days
from sendemast.profile import Profile

if TYPE_CHECKING:
    from sendemast.planning.evidence import PlanEvidence

DEFAULT_WEEKS = 4
MAX_WEEKS = 26  # half a year: further ahead, a plan is guesswork


def check_weeks(weeks: int) -> int:
    """``weeks`` if a plan may span it (1 to :data:`MAX_WEEKS`), else the UsageError every face shows."""
    from sendemast.errors import UsageError

    if not 1 <= weeks <= MAX_WEEKS:
        raise UsageError(f"--weeks must be between 1 and {MAX_WEEKS} (got {weeks})")
    return weeks


def make_plan(
    profile: Profile,
    posts: Sequence[PastPost],
    *,
    today: dt.date,
    timezone: str,
    weeks: int = DEFAULT_WEEKS,
    passages: dict[str, list[Passage]] | None = None,
    notes: Sequence[Note] = (),
    leader: str = "",
    screen: Screen | None = None,
    warnings: Sequence[str] = (),
    evidence: PlanEvidence | None = None,
) -> Plan:
    """The plan for ``weeks`` weeks from tomorrow. ``screen`` says whether a text may be suggested
    (default: the checker's line rules against ``profile``); ``evidence``: what the leader's own
    figures say (``sendemast stats``), None for the habit and the profile alone."""
    from sendemast.guidelines import load_ruleset

    check_weeks(weeks)
    ruleset = load_ruleset()
    past = sorted((p for p in posts if p.day <= today), key=lambda p: (p.day, p.id))
    tagged = [(p, tag_text(p.text, p.lang, profile, ruleset)) for p in past]
    tagged_notes = [
        Note(n.id, n.title, n.text, n.modified, tag_text(n.text, "da", profile, ruleset)) for n in notes
    ]
    cadence = cadence_mod.measure(past, profile, today)
    topics = coverage.topics(tagged, profile, today)
    audiences = coverage.audiences(tagged, profile, today)
    purposes = coverage.purposes(tagged, profile, today)
    values = coverage.values(tagged, profile, today)
    days, quiet = plan_days(profile, past, today, weeks, evidence)
    picks = assign(days, profile, past, tagged, cadence, topics, audiences, evidence)
    writer = IdeaWriter(
        profile,
        tagged,
        passages or {},
        tagged_notes,
        purposes,
        values,
        screen or line_screen(profile, ruleset),
        coverage.window_start(today),
    )
    slots = []
    for pick in picks:
        idea, sources, purpose, value = writer.write(pick)
        slots.append(
            Slot(
                id=f"{pick.day.isoformat()}-{pick.channel}",
                date=pick.day,
                time=f"{pick.hour:02d}:00",
                channel=pick.channel,
                topic=pick.topic,
                audience=pick.audience,
                idea=idea,
                sources=sources,
                purpose=purpose,
                value=value,
                writing_start=writing_start(pick.day, pick.hour, today),
                writing_minutes=WRITING_MINUTES,
                reason=pick.reason,
            )
        )
    return Plan(
        leader=leader,
        today=today,
        timezone=timezone,
        weeks=weeks,
        cadence=cadence,
        topics=topics,
        audiences=audiences,
        purposes=purposes,
        values=values,
        plan=slots,
        quiet_days=quiet,
        warnings=list(warnings),
    )


# the rules that mark a line a leader must not cross; a text tripping one is not suggested
LINE_RULES = (
    "neutrality.party",
    "confidential.internal",
    "civility.attack",
    "mandate.red_line",
    "privacy.cpr",
    "privacy.contact",
    "privacy.sensitive",
)


def line_screen(profile: Profile, ruleset: object | None = None) -> Screen:
    from sendemast.guidelines import check_post

    def screen(text: str) -> bool:
        if not text.strip():
            return True
        result = check_post(text, "linkedin", profile, ruleset, only=LINE_RULES)  # type: ignore[arg-type]
        return not result.findings

    return screen
