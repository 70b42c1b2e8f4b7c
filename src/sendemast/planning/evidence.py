"""What the plan is told by the leader's own figures: the weekdays, the hour, the channels and the topics
whose posts have had more views than her other posts, with the factor and the count, so the plan can say
why. (The figures are read by :mod:`sendemast.stats.evidence`.)"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULTS = "dag, tid og kanal efter din vane og profilen (for få opslag med tal til at vælge)"
WEEKDAYS_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


@dataclass(frozen=True)
class Lead:
    """A group her posts did better in: ``ratio`` × the median views of her other posts, over ``posts``."""

    group: str
    ratio: float
    posts: int

    def says(self, where: str) -> str:
        factor = f"{self.ratio:.1f}".replace(".", ",")
        return f"{where} — dine opslag her har haft {factor}× flere visninger ({self.posts} opslag)"


@dataclass(frozen=True)
class PlanEvidence:
    weekdays: dict[int, Lead] = field(default_factory=dict)
    hour: Lead | None = None
    channels: dict[str, Lead] = field(default_factory=dict)
    topics: dict[str, Lead] = field(default_factory=dict)
    max_boost: float = 2.0

    def boost(self, lead: Lead | None) -> float:
        return 1.0 if lead is None else min(lead.ratio, self.max_boost)

    def reason(self, weekday: int, hour: int, channel: str) -> str:
        """Why this day, hour and channel, in the leader's words; the defaults said as such."""
        parts = []
        day = self.weekdays.get(weekday)
        at = self.hour if self.hour and int(self.hour.group) == hour else None
        if day and at:
            parts.append(day.says(f"{WEEKDAYS_DA[weekday]} {hour}:00"))
            parts.append(at.says(f"kl. {hour}:00"))
        elif day:
            parts.append(day.says(WEEKDAYS_DA[weekday]))
        elif at:
            parts.append(at.says(f"kl. {hour}:00"))
        if channel in self.channels:
            name = {"linkedin": "LinkedIn", "x": "X"}.get(channel, channel)
            parts.append(self.channels[channel].says(name))
        return "; ".join(parts) or DEFAULTS
