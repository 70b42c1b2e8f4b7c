"""Tips 2 and 3 in numbers: how many posts each strategic topic and audience got, and when last.

Counts are over the last 52 weeks; ``last_post`` is the latest ever. A topic's ``share`` is its part of all
topic tags in the window (a post on two topics counts for both), set beside ``target_share``, its
priority's part of all priorities in the profile. A topic has *gone quiet* when nothing in the last 12
weeks was about it. A purpose or value is *rare* when under a tenth of the window's posts served it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sendemast.planning.cadence import CHART_WEEKS, week_start
from sendemast.planning.models import AudienceCoverage, PastPost, Tags, TopicCoverage, Usage
from sendemast.profile import Profile

QUIET_AFTER_WEEKS = 12
RARE_SHARE = 0.10

Tagged = Sequence[tuple[PastPost, Tags]]


def window_start(today: dt.date, weeks: int = CHART_WEEKS) -> dt.date:
    return week_start(today) - dt.timedelta(weeks=weeks)


def topics(tagged: Tagged, profile: Profile, today: dt.date) -> list[TopicCoverage]:
    since, quiet_since = window_start(today), window_start(today, QUIET_AFTER_WEEKS)
    counts = {t.id: 0 for t in profile.topics}
    last: dict[str, dt.date] = {}
    recent: set[str] = set()
    for post, tags in tagged:
        for tid in tags.topics:
            last[tid] = max(last.get(tid, post.day), post.day)
            if post.day >= since:
                counts[tid] = counts.get(tid, 0) + 1
            if post.day >= quiet_since:
                recent.add(tid)
    total = sum(counts.values())
    weights = _targets({t.id: t.priority for t in profile.topics})
    return [
        TopicCoverage(
            id=t.id,
            title=t.title,
            posts=counts[t.id],
            last_post=last.get(t.id),
            share=round(counts[t.id] / total, 3) if total else 0.0,
            target_share=weights[t.id],
            gone_quiet=t.id not in recent,
        )
        for t in profile.topics
    ]


def audiences(tagged: Tagged, profile: Profile, today: dt.date) -> list[AudienceCoverage]:
    since = window_start(today)
    counts = {a.id: 0 for a in profile.audiences}
    last: dict[str, dt.date] = {}
    for post, tags in tagged:
        for aid in tags.audiences:
            last[aid] = max(last.get(aid, post.day), post.day)
            if post.day >= since:
                counts[aid] = counts.get(aid, 0) + 1
    total = sum(counts.values())
    weights = _targets({a.id: a.priority for a in profile.audiences})
    return [
        AudienceCoverage(
            id=a.id,
            posts=counts[a.id],
            last_post=last.get(a.id),
            share=round(counts[a.id] / total, 3) if total else 0.0,
            target_share=weights[a.id],
        )
        for a in profile.audiences
    ]


def purposes(tagged: Tagged, profile: Profile, today: dt.date) -> list[Usage]:
    window = [tags for post, tags in tagged if post.day >= window_start(today)]
    return [
        _usage(text, sum(1 for t in window if i in t.purposes), len(window))
        for i, text in enumerate(profile.purposes)
    ]


def values(tagged: Tagged, profile: Profile, today: dt.date) -> list[Usage]:
    window = [tags for post, tags in tagged if post.day >= window_start(today)]
    return [
        _usage(value, sum(1 for t in window if value in t.values), len(window)) for value in profile.values
    ]


def _usage(text: str, posts: int, total: int) -> Usage:
    share = round(posts / total, 3) if total else 0.0
    return Usage(text=text, posts=posts, share=share, rare=share < RARE_SHARE)


def _targets(priorities: dict[str, float]) -> dict[str, float]:
    total = sum(priorities.values())
    if total <= 0:  # every priority 0: treat them as equal rather than divide by nothing
        return {k: round(1 / len(priorities), 3) for k in priorities} if priorities else {}
    return {k: round(p / total, 3) for k, p in priorities.items()}
