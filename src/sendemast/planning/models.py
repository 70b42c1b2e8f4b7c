"""What the plan hands to the CLI and the studio: pydantic models, JSON-ready through :meth:`Plan.to_json`.

The studio's plan page renders these directly: ``Cadence.weeks`` (and each channel's ``weekly``) is the
data of the weekly chart, oldest week first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

WINDOWS: tuple[int, ...] = (12, 52)  # weeks the cadence is measured over


def window_key(weeks: int) -> str:
    return f"last_{weeks}_weeks"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PastPost(_Model):
    """A past post as the plan sees it: when (in the workspace's time zone), where, and its text."""

    id: str
    day: dt.date
    hour: int | None = None  # None when the format gave only a date
    channel: str = ""
    title: str = ""
    text: str = ""
    lang: str = "da"
    url: str = ""  # the post's address, when the format gives one (channel statistics join on it)


class Tags(_Model):
    """What a post is about and for whom, by the profile's keywords (stemmed)."""

    topics: list[str] = Field(default_factory=list)
    audiences: list[str] = Field(default_factory=list)
    purposes: list[int] = Field(default_factory=list)  # indexes into profile.purposes
    values: list[str] = Field(default_factory=list)
    keywords: dict[str, list[str]] = Field(default_factory=dict)  # topic id -> its keywords found


class Week(_Model):
    start: dt.date  # a Monday
    posts: int
    quiet: bool = False  # most of the week lies in a quiet period of the profile


class ChannelCadence(_Model):
    posts: dict[str, int]
    actual_per_week: dict[str, float | None]
    longest_gap_days: int | None
    last_post: dt.date | None
    share: float  # of the last 52 weeks' posts
    weekly: list[int]  # posts per week, aligned with Cadence.weeks


class Cadence(_Model):
    target_per_week: float
    actual_per_week: dict[str, float | None]  # window_key -> posts per week outside quiet weeks
    weeks_below_target: dict[str, int]
    quiet_weeks: dict[str, int]
    longest_gap_days: int | None  # the last 52 weeks, up to today, the gap since the last post included
    usual_weekday: str | None
    usual_hour: int | None
    weeks: list[Week]  # the last 52 complete weeks, oldest first
    by_channel: dict[str, ChannelCadence]


class TopicCoverage(_Model):
    id: str
    title: str
    posts: int  # in the last 52 weeks
    last_post: dt.date | None  # ever
    share: float  # of the last 52 weeks' topic tags
    target_share: float  # from the profile's priorities
    gone_quiet: bool  # nothing in the last 12 weeks


class AudienceCoverage(_Model):
    id: str
    posts: int
    last_post: dt.date | None
    share: float
    target_share: float


class Usage(_Model):
    """How often a purpose (tip 2) or a value was served in the last 52 weeks."""

    text: str
    posts: int
    share: float
    rare: bool


class SourceRef(_Model):
    id: str
    kind: str  # values, notes or posts
    title: str


class Slot(_Model):
    id: str  # YYYY-MM-DD-channel: stable across re-plans of the same day and channel
    date: dt.date
    time: str  # HH:MM, the workspace's time zone
    channel: str
    topic: str
    audience: str
    idea: str
    sources: list[SourceRef] = Field(default_factory=list)
    purpose: str = ""
    value: str = ""
    writing_start: dt.datetime  # the block set aside to write it ("sæt tid af i kalenderen")
    writing_minutes: int = 45
    reason: str = ""  # why this day, hour and channel, when the leader's own figures were asked

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "channel": self.channel,
            "topic": self.topic,
            "audience": self.audience,
            "idea": self.idea,
            "sources": [s.model_dump() for s in self.sources],
            "time": self.time,
            "writing_block": {"start": self.writing_start.isoformat(), "minutes": self.writing_minutes},
            "reason": self.reason,
        }


class Plan(_Model):
    leader: str
    today: dt.date
    timezone: str
    weeks: int
    cadence: Cadence
    topics: list[TopicCoverage]
    audiences: list[AudienceCoverage]
    purposes: list[Usage]
    values: list[Usage]
    plan: list[Slot]
    quiet_days: list[dt.date] = Field(default_factory=list)  # days of the plan left empty on purpose
    warnings: list[str] = Field(default_factory=list)

    def slot(self, slot_id: str) -> Slot | None:
        return next((s for s in self.plan if s.id == slot_id), None)

    def to_json(self) -> dict[str, Any]:
        """The shape of ``sendemast plan --json`` (issue 16), with a few fields more for the studio."""
        c = self.cadence
        return {
            "cadence": {
                "target_per_week": c.target_per_week,
                "actual_per_week": c.actual_per_week,
                "weeks_below_target": c.weeks_below_target,
                "longest_gap_days": c.longest_gap_days,
                "by_channel": {
                    name: {
                        "posts": ch.posts,
                        "actual_per_week": ch.actual_per_week,
                        "longest_gap_days": ch.longest_gap_days,
                        "last_post": _iso(ch.last_post),
                        "share": ch.share,
                        "weekly": ch.weekly,
                    }
                    for name, ch in c.by_channel.items()
                },
                "quiet_weeks": c.quiet_weeks,
                "usual_weekday": c.usual_weekday,
                "usual_hour": c.usual_hour,
                "weeks": [
                    {"start": w.start.isoformat(), "posts": w.posts, "quiet": w.quiet} for w in c.weeks
                ],
            },
            "topics": [
                {
                    "id": t.id,
                    "title": t.title,
                    "posts": t.posts,
                    "last_post": _iso(t.last_post),
                    "share": t.share,
                    "target_share": t.target_share,
                    "gone_quiet": t.gone_quiet,
                }
                for t in self.topics
            ],
            "audiences": [
                {
                    "id": a.id,
                    "posts": a.posts,
                    "last_post": _iso(a.last_post),
                    "share": a.share,
                    "target_share": a.target_share,
                }
                for a in self.audiences
            ],
            "plan": [s.to_json() for s in self.plan],
            "purposes": [u.model_dump() for u in self.purposes],
            "values": [u.model_dump() for u in self.values],
            "leader": self.leader,
            "today": self.today.isoformat(),
            "timezone": self.timezone,
            "warnings": self.warnings,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
