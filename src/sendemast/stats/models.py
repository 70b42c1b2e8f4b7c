"""What an export holds once read, whatever its layout: figures per post, per day, and the followers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# the per-post figures every layout is mapped onto (a layout without one leaves it None)
FIGURES = ("impressions", "engagements", "reactions", "comments", "reposts", "clicks")


@dataclass
class PostFigures:
    """One post's figures in one export. ``engagements`` is the layout's own total when it has one,
    else reactions + comments + reposts + clicks."""

    url: str
    date: dt.date | None
    channel: str
    impressions: int | None = None
    engagements: int | None = None
    reactions: int | None = None
    comments: int | None = None
    reposts: int | None = None
    clicks: int | None = None
    text: str = ""
    row: int = 0  # where in the file, for the list of what could not be joined

    def figures(self) -> dict[str, int | None]:
        values = {name: getattr(self, name) for name in FIGURES}
        if values["engagements"] is None:
            parts = [values[k] for k in ("reactions", "comments", "reposts", "clicks")]
            if any(p is not None for p in parts):
                values["engagements"] = sum(p or 0 for p in parts)
        return values


@dataclass(frozen=True)
class DailyFigures:
    day: dt.date
    impressions: int
    engagements: int


@dataclass(frozen=True)
class Demographic:
    category: str  # "Job titles", "Locations", "Industries", "Seniority", "Company size", "Companies"
    value: str
    share: float  # of the followers, 0..1


@dataclass
class Export:
    """An export as read: ``layout`` names it (``linkedin-xlsx``, ``x-csv``, ``plain-csv``)."""

    layout: str
    source: str  # the file's name
    posts: list[PostFigures] = field(default_factory=list)
    daily: list[DailyFigures] = field(default_factory=list)
    followers_total: int | None = None
    followers_on: dt.date | None = None
    demographics: list[Demographic] = field(default_factory=list)
