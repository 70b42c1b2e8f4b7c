"""Per group of posts — a topic, an audience, a form, a weekday — how many posts, their median views
and median engagement rate, each with an exact interval (:mod:`.intervals`).

The rules of honesty: a group under ``min_posts`` gets no figures but the words "too few posts to say
anything"; the intervals of one dimension are widened for the number of groups compared (Bonferroni);
a group is called better or worse only when its interval and that of the other posts do not overlap.
A dimension names no winner otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sendemast.stats.intervals import Interval, median_interval
from sendemast.stats.rules import StatsRules

TOO_FEW = {"da": "for få opslag til at sige noget", "en": "too few posts to say anything"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Item:
    """A post with figures, as the analysis sees it."""

    id: str
    channel: str
    weekday: int
    hour: int | None
    impressions: int | None
    engagements: int | None
    groups: dict[str, tuple[str, ...]]  # dimension -> the groups it belongs to

    @property
    def rate(self) -> float | None:
        if self.impressions and self.engagements is not None:
            return self.engagements / self.impressions
        return None


@dataclass
class Group:
    id: str
    posts: int
    impressions: Interval | None = None
    rate: Interval | None = None
    verdict: dict[str, str | None] = field(default_factory=lambda: {"impressions": None, "rate": None})
    ratio: float | None = None  # median views against the other posts' (when both exist)

    @property
    def too_few(self) -> bool:
        return self.impressions is None

    def to_json(self, label: str, lang: str) -> dict[str, Any]:
        def interval(i: Interval | None, digits: int) -> dict[str, float] | None:
            return None if i is None else {"median": round(i.median, digits), "low": round(i.low, digits),
                                           "high": round(i.high, digits)}

        return {"id": self.id, "label": label, "posts": self.posts, "too_few": self.too_few,
                "note": TOO_FEW[lang] if self.too_few else None,
                "median_impressions": interval(self.impressions, 1),
                "engagement_rate": interval(self.rate, 4),
                "ratio": None if self.ratio is None else round(self.ratio, 2),
                "difference": {"impressions": self.verdict["impressions"],
                               "engagement_rate": self.verdict["rate"]}}


@dataclass
class Dimension:
    id: str
    groups: list[Group]
    confidence: float  # per group, after the widening

    def winners(self, metric: str = "impressions") -> list[str]:
        return [g.id for g in self.groups if g.verdict[metric] == "higher"]


def analyse(items: Sequence[Item], dimension: str, order: Sequence[str], rules: StatsRules) -> Dimension:
    """One dimension: a group per id in ``order`` (and any other id found), compared with the rest."""
    members: dict[str, list[int]] = {gid: [] for gid in order}
    for index, item in enumerate(items):
        for gid in item.groups.get(dimension, ()):
            members.setdefault(gid, []).append(index)
    compared = [gid for gid, found in members.items() if len(found) >= rules.min_posts]
    confidence = 1 - (1 - rules.confidence) / max(1, len(compared))
    values = {"impressions": [_views(i) for i in items], "rate": [i.rate for i in items]}
    groups = []
    for gid, found in members.items():
        group = Group(gid, len(found))
        if gid in compared:
            _measure(group, found, values, confidence, rules)
        groups.append(group)
    return Dimension(dimension, groups, confidence)


def _measure(group: Group, found: list[int], values: dict[str, list[float | None]], confidence: float,
             rules: StatsRules) -> None:
    inside = set(found)
    for metric, all_values in values.items():
        mine = median_interval(_present(all_values[i] for i in found), confidence)
        setattr(group, metric, mine)
        others = _present(v for i, v in enumerate(all_values) if i not in inside)
        theirs = median_interval(others, confidence) if len(others) >= rules.min_posts else None
        if mine is None or theirs is None:
            continue
        group.verdict[metric] = "higher" if mine.above(theirs) else "lower" if mine.below(theirs) else None
        if metric == "impressions" and theirs.median > 0:
            group.ratio = mine.median / theirs.median


def _views(item: Item) -> float | None:
    return None if item.impressions is None else float(item.impressions)


def _present(values: Iterable[float | None]) -> list[float]:
    return [v for v in values if v is not None]
