"""The plan's slots: which days, which channel, topic and audience — before any idea is written.

Days: the plan runs over whole ISO weeks from tomorrow's. Each plan week gets enough slots for the
running total to follow the profile's target, minus what was already posted in the current week; a day
in a quiet period gets none. Within a week the leader's own habit picks the days (the weekdays most
posted on, then Tuesday to Thursday), at least two days apart when the week allows.
The hour is the usual one of the channel, else of all posts, else 08:00.

Channel, topic and audience are chosen greedily by *deficit*: each slot goes to whichever is furthest
behind its share (the channels' past shares; the profile's priorities for topics and audiences), counting
the last 52 weeks and the slots already planned, so the plan evens coverage out instead of repeating the
favourite topic. Topics and audiences also take turns: none gets a second slot before every other has had
one (a year's neglect would otherwise fill a month with one topic). Ties go to the one posted about
longest ago. An audience is drawn to the topic, too: audiences that past posts on the same topic
addressed score up to one more (their deficit is measured relative to their expected count).

With the leader's own figures (``evidence``, from ``sendemast stats``), the weekdays and the hour her posts
did measurably better on come first, and a channel's share and a topic's target are weighted up by the
factor (at most ``plan_max_boost``); each slot says why (``Pick.reason``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sendemast.planning.cadence import slots_per_week, usual_hour, week_start
from sendemast.planning.models import AudienceCoverage, Cadence, PastPost, Tags, TopicCoverage
from sendemast.profile import Profile

if TYPE_CHECKING:
    from sendemast.planning.evidence import PlanEvidence

DEFAULT_HOUR = 8
_WEEKDAY_FALLBACK = (1, 2, 3, 0, 4, 5, 6)  # Tuesday, Wednesday, Thursday, Monday, Friday, weekend
AFFINITY_BONUS = 1.0


@dataclass(frozen=True)
class Pick:
    day: dt.date
    hour: int
    channel: str
    topic: str
    audience: str
    reason: str = ""


def plan_days(
    profile: Profile, posts: Sequence[PastPost], today: dt.date, weeks: int,
    evidence: PlanEvidence | None = None,
) -> tuple[list[dt.date], list[dt.date]]:
    """The slot days of the next ``weeks`` weeks, and the days skipped as quiet. The weeks are ISO weeks,
    the first the one of tomorrow: a plan made on a Tuesday covers the rest of this week and ends on a
    Sunday, and this week's earlier posts count towards it."""
    target = float(profile.cadence_per_week)
    first = today + dt.timedelta(days=1)
    last = week_start(first) + dt.timedelta(days=7 * weeks - 1)
    rank = _weekday_rank(posts)
    if evidence is not None and evidence.weekdays:  # her evidence first, the best first
        best = sorted(evidence.weekdays, key=lambda d: -evidence.weekdays[d].ratio)
        rank = best + [d for d in rank if d not in best]
    chosen: list[dt.date] = []
    quiet = [
        first + dt.timedelta(days=i)
        for i in range((last - first).days + 1)
        if profile.quiet_on(first + dt.timedelta(days=i))
    ]
    monday, index = week_start(first), 0
    while monday <= last:
        days = [monday + dt.timedelta(days=i) for i in range(7)]
        open_days = [d for d in days if first <= d <= last and not profile.quiet_on(d)]
        wanted = slots_per_week(target, index)
        if index == 0:  # this week: what was already posted counts
            wanted -= sum(1 for p in posts if monday <= p.day <= today)
        chosen += _spread(open_days, max(0, wanted), rank)
        monday, index = monday + dt.timedelta(days=7), index + 1
    return sorted(chosen), quiet


def _weekday_rank(posts: Sequence[PastPost]) -> list[int]:
    counts = Counter(p.day.weekday() for p in posts if p.day.weekday() < 5)
    habit = sorted(counts, key=lambda d: (-counts[d], _WEEKDAY_FALLBACK.index(d)))
    return habit + [d for d in _WEEKDAY_FALLBACK if d not in habit]


def _spread(days: list[dt.date], n: int, rank: list[int]) -> list[dt.date]:
    ordered = sorted(days, key=lambda d: rank.index(d.weekday()))
    picked: list[dt.date] = []
    for day in ordered:  # first pass: keep two days between slots
        if len(picked) < n and all(abs((day - p).days) >= 2 for p in picked):
            picked.append(day)
    for day in ordered:
        if len(picked) < n and day not in picked:
            picked.append(day)
    return picked


def hour_for(channel: str, posts: Sequence[PastPost], evidence: PlanEvidence | None = None) -> int:
    if evidence is not None and evidence.hour is not None:
        return int(evidence.hour.group)
    mine = [p for p in posts if p.channel == channel and p.hour is not None]
    if len(mine) >= 3:
        return usual_hour(mine) or DEFAULT_HOUR
    overall = usual_hour(posts)
    return DEFAULT_HOUR if overall is None else overall


def assign(
    days: Sequence[dt.date],
    profile: Profile,
    posts: Sequence[PastPost],
    tagged: Sequence[tuple[PastPost, Tags]],
    cadence: Cadence,
    topics: Sequence[TopicCoverage],
    audiences: Sequence[AudienceCoverage],
    evidence: PlanEvidence | None = None,
) -> list[Pick]:
    """A channel, topic and audience for each day, by deficit (see the module's docstring)."""
    channels: list[str] = [str(c) for c in profile.channels] or ["linkedin"]
    past_share = {ch: cadence.by_channel[ch].share if ch in cadence.by_channel else 0.0 for ch in channels}
    if sum(past_share.values()) <= 0:
        past_share = dict.fromkeys(channels, 1.0)
    if evidence is not None:
        past_share = {ch: share * evidence.boost(evidence.channels.get(ch))
                      for ch, share in past_share.items()}
    channel_counts = {ch: 0.0 for ch in channels}  # planned only: the share is the habit to keep
    topic_counts = {t.id: float(t.posts) for t in topics}
    topic_last = {t.id: t.last_post for t in topics}
    topic_target = {t.id: t.target_share for t in topics}
    if evidence is not None and evidence.topics and any(topic_target.values()):
        # topics whose posts reached more people move up
        topic_target = _normalised({tid: share * evidence.boost(evidence.topics.get(tid))
                                    for tid, share in topic_target.items()})
    audience_counts = {a.id: float(a.posts) for a in audiences}
    audience_last = {a.id: a.last_post for a in audiences}
    audience_target = {a.id: a.target_share for a in audiences}
    affinity = _affinity(tagged)
    picks = []
    topic_turns = dict.fromkeys(topic_counts, 0)
    audience_turns = dict.fromkeys(audience_counts, 0)
    for day in days:
        channel = _most_behind(channel_counts, _normalised(past_share), {})
        topic = (
            _most_behind(topic_counts, topic_target, topic_last, turns=topic_turns) if topic_counts else ""
        )
        bonus = _bonus(affinity.get(topic, Counter()))
        audience = (
            _most_behind(
                audience_counts, audience_target, audience_last, bonus, relative=True, turns=audience_turns
            )
            if audience_counts
            else ""
        )
        channel_counts[channel] += 1
        for counts, turns, key in (
            (topic_counts, topic_turns, topic),
            (audience_counts, audience_turns, audience),
        ):
            if key:
                counts[key] += 1
                turns[key] += 1
        hour = hour_for(channel, posts, evidence)
        reason = evidence.reason(day.weekday(), hour, channel) if evidence is not None else ""
        picks.append(Pick(day, hour, channel, topic, audience, reason))
    return picks


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()}


def _most_behind(
    counts: dict[str, float],
    target: dict[str, float],
    last: dict[str, dt.date | None],
    bonus: dict[str, float] | None = None,
    *,
    relative: bool = False,
    turns: dict[str, int] | None = None,
) -> str:
    total = sum(counts.values()) + 1
    never = dt.date.min
    candidates = list(counts)
    if turns:
        fewest = min(turns.values())
        candidates = [key for key in candidates if turns[key] == fewest]

    def deficit(key: str) -> tuple[float, dt.date]:
        expected = target.get(key, 0.0) * total
        value = expected - counts[key]
        if relative:
            value = value / expected if expected > 0 else 0.0
        value += (bonus or {}).get(key, 0.0)
        return (-round(value, 9), last.get(key) or never)

    return min(candidates, key=deficit)  # dicts keep the profile's order, so a full tie goes to the first


def _affinity(tagged: Sequence[tuple[PastPost, Tags]]) -> dict[str, Counter[str]]:
    together: dict[str, Counter[str]] = {}
    for _, tags in tagged:
        for tid in tags.topics:
            together.setdefault(tid, Counter()).update(tags.audiences)
    return together


def _bonus(counts: Counter[str]) -> dict[str, float]:
    top = max(counts.values(), default=0)
    return {aid: AFFINITY_BONUS * n / top for aid, n in counts.items()} if top else {}
