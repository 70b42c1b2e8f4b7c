"""Tip 6 in numbers: posts per week against the profile's target, in all and by channel.

Weeks are ISO weeks (Monday to Sunday) in the workspace's time zone. The windows are the last 12 and 52
*complete* weeks before the current one: a week still under way would always look short. A week most of
whose days lie in a quiet period of the profile (an election, a holiday) is left out of the average and of
the weeks below target, together with its posts, and counted under ``quiet_weeks``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import Counter
from collections.abc import Sequence

from sendemast.planning.models import WINDOWS, Cadence, ChannelCadence, PastPost, Week, window_key
from sendemast.profile import Profile

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CHART_WEEKS = max(WINDOWS)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def is_quiet_week(start: dt.date, profile: Profile) -> bool:
    """Four days or more of the week in a quiet period."""
    return sum(1 for i in range(7) if profile.quiet_on(start + dt.timedelta(days=i))) >= 4


def weekly_counts(
    posts: Sequence[PastPost], today: dt.date, weeks: int = CHART_WEEKS
) -> list[tuple[dt.date, int]]:
    """(Monday, posts) for the ``weeks`` complete weeks before today's week, oldest first."""
    current = week_start(today)
    starts = [current - dt.timedelta(weeks=n) for n in range(weeks, 0, -1)]
    counts = Counter(week_start(p.day) for p in posts)
    return [(s, counts.get(s, 0)) for s in starts]


def longest_gap(days: Sequence[dt.date], today: dt.date, since: dt.date) -> int | None:
    """The longest run of days between posts from ``since`` to today, the open gap since the last post
    included; the last post before ``since`` anchors the first gap. None without any post."""
    ordered = sorted({d for d in days if d <= today})
    if not ordered:
        return None
    before = [d for d in ordered if d < since]
    inside = [d for d in ordered if d >= since]
    points = ([before[-1]] if before else []) + inside + [today]
    gaps = [(b - a).days for a, b in itertools.pairwise(points)]
    return max(gaps) if gaps else None


def measure(posts: Sequence[PastPost], profile: Profile, today: dt.date) -> Cadence:
    """The cadence of ``posts`` (past ones; later ones are ignored) against ``profile.cadence_per_week``."""
    past = [p for p in posts if p.day <= today]
    target = float(profile.cadence_per_week)
    chart = weekly_counts(past, today)
    quiet = {start for start, _ in chart if is_quiet_week(start, profile)}
    actual: dict[str, float | None] = {}
    below: dict[str, int] = {}
    quiet_weeks: dict[str, int] = {}
    for n in WINDOWS:
        window = [(s, c) for s, c in chart[-n:] if s not in quiet]
        key = window_key(n)
        actual[key] = round(sum(c for _, c in window) / len(window), 2) if window else None
        below[key] = sum(1 for _, c in window if c < target)
        quiet_weeks[key] = n - len(window)
    year_start = chart[0][0]
    recent = [p for p in past if p.day >= year_start]
    channels = list(dict.fromkeys([*profile.channels, *sorted({p.channel for p in past if p.channel})]))
    return Cadence(
        target_per_week=target,
        actual_per_week=actual,
        weeks_below_target=below,
        quiet_weeks=quiet_weeks,
        longest_gap_days=longest_gap([p.day for p in past], today, year_start),
        usual_weekday=usual_weekday(recent or past),
        usual_hour=usual_hour(past),
        weeks=[Week(start=s, posts=c, quiet=s in quiet) for s, c in chart],
        by_channel={ch: _channel(ch, past, recent, chart, quiet, today) for ch in channels},
    )


def _channel(
    channel: str,
    past: Sequence[PastPost],
    recent: Sequence[PastPost],
    chart: list[tuple[dt.date, int]],
    quiet: set[dt.date],
    today: dt.date,
) -> ChannelCadence:
    mine = [p for p in past if p.channel == channel]
    weekly = weekly_counts(mine, today)
    posts: dict[str, int] = {}
    actual: dict[str, float | None] = {}
    for n in WINDOWS:
        window = [(s, c) for s, c in weekly[-n:] if s not in quiet]
        posts[window_key(n)] = sum(c for _, c in weekly[-n:])
        actual[window_key(n)] = round(sum(c for _, c in window) / len(window), 2) if window else None
    recent_mine = sum(1 for p in recent if p.channel == channel)
    return ChannelCadence(
        posts=posts,
        actual_per_week=actual,
        longest_gap_days=longest_gap([p.day for p in mine], today, chart[0][0]),
        last_post=max((p.day for p in mine), default=None),
        share=round(recent_mine / len(recent), 3) if recent else 0.0,
        weekly=[c for _, c in weekly],
    )


def usual_weekday(posts: Sequence[PastPost]) -> str | None:
    """The most common weekday (the earliest in the week on a tie)."""
    counts = Counter(p.day.weekday() for p in posts)
    if not counts:
        return None
    return WEEKDAYS[min(counts, key=lambda d: (-counts[d], d))]


def usual_hour(posts: Sequence[PastPost]) -> int | None:
    """The most common hour among posts whose format gave a time (the earliest on a tie)."""
    counts = Counter(p.hour for p in posts if p.hour is not None)
    if not counts:
        return None
    return min(counts, key=lambda h: (-counts[h], h))


def slots_per_week(target: float, week_index: int) -> int:
    """How many slots plan week ``week_index`` gets so that the plan's running total follows the target
    (1.5 a week: 1, 2, 1, 2 …)."""
    return math.floor(target * (week_index + 1) + 1e-9) - math.floor(target * week_index + 1e-9)
