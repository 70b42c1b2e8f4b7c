"""The leader profile (``profile.yaml``): who speaks, to whom, about what, in which voice.

Each field maps to one of the article's six tips, so the checker and the drafting chain can score and
steer against it. Validation errors name the file and the field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_serializer,
    field_validator,
    model_validator,
)

from sendemast.errors import ConfigError

Channel = Literal["linkedin", "x", "bluesky", "mastodon", "threads"]
CHANNELS: tuple[str, ...] = ("linkedin", "x", "bluesky", "mastodon", "threads")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Mandate(_Strict):
    """Tip 1: the room to manoeuvre agreed with the political leadership and one's own manager."""

    agreed_with: list[str] = Field(default_factory=list, description="who the mandate is agreed with")
    may_speak_on: list[str] = Field(default_factory=list, description="what I may speak about personally")
    red_lines: list[str] = Field(default_factory=list, description="what I never post about")


class Audience(_Strict):
    """Tip 2: a target group. ``keywords`` are words that show a post addresses it."""

    id: str
    description: str
    keywords: list[str] = Field(default_factory=list)
    lix_max: int | None = Field(default=None, description="readability ceiling for this audience")
    priority: float = Field(default=1.0, ge=0, description="relative weight in the plan's coverage")


class Topic(_Strict):
    """Tip 3: a strategic topic, matched in posts by its keywords (stemmed)."""

    id: str
    title: str
    description: str = ""
    keywords: list[str] = Field(default_factory=list)
    priority: float = Field(default=1.0, ge=0, description="relative weight in the plan's coverage")


class QuietPeriod(_Strict):
    """Tip 6's exception: days the leader does not post (an election, a holiday), both ends included.

    The plan puts no slot in them, and the cadence leaves their weeks out of the average.
    """

    start: dt.date
    end: dt.date
    reason: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> QuietPeriod:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @field_serializer("start", "end")
    def _iso(self, day: dt.date) -> str:
        # model_dump() goes to json.dumps (groundedness, eval cache keys) and prompts: strings, not dates
        return day.isoformat()

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Tone(_Strict):
    """Tip 4: the personal voice."""

    descriptors: list[str] = Field(default_factory=list)
    do: list[str] = Field(default_factory=list)
    dont: list[str] = Field(default_factory=list)


Capacity = Literal["personal", "official"]
CAPACITIES: tuple[str, ...] = ("personal", "official")

DEFAULT_AI_DISCLOSURE: dict[str, str] = {
    "da": "Teksten er skrevet med hjælp fra et AI-værktøj og redigeret af mig.",
    "en": "This text was written with the help of an AI tool and edited by me.",
}
class Contact(_Strict):
    """Where a reply to a comment sends people (``sendemast reply``): a citizen with her own case, and the
    press. A line each, e.g. "borgerservice@fjordmark.dk" — never a person's own number."""

    citizens: str = Field(default="", description="where citizens write about their own case")
    press: str = Field(default="", description="where journalists get an answer")


class Profile(_Strict):
    name: str
    title: str
    organisation: str
    languages: list[Literal["da", "en"]] = Field(default=["da"])  # pydantic copies list defaults
    channels: list[Channel] = Field(default=["linkedin"])
    mandate: Mandate = Field(default_factory=Mandate)
    purposes: list[str] = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    tone: Tone = Field(default_factory=Tone)
    values: list[str] = Field(default_factory=list, description="the organisation's values, in a word each")
    hashtags: list[str] = Field(default_factory=list, description="preferred hashtags, with or without #")
    cadence_per_week: float = Field(default=1.0, ge=0)
    quiet_periods: list[QuietPeriod] = Field(default_factory=list)
    # Tip 1: which hat a post is written in unless chosen otherwise: personal (på egne vegne, protected by
    # the freedom of expression) or official (for the authority, ``organisation``)
    capacity: Capacity = "personal"
    # the line offered for a post published without a person's editorial approval (EU AI Act art. 50(4))
    ai_disclosure: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_AI_DISCLOSURE))
    # where a Mastodon post is composed ("social.example.dk"): the hand-off link needs the server
    mastodon_server: str | None = Field(default=None, pattern=r"^[a-z0-9.-]+\.[a-z]{2,}$")
    contact: Contact = Field(default_factory=Contact)
    # the workspace state folder it was loaded with: where the spell checker finds the corpus vocabulary
    _state_dir: Path | None = PrivateAttr(default=None)

    @field_validator("audiences", "topics")
    @classmethod
    def _unique_ids(cls, items: list[Audience] | list[Topic]) -> list[Audience] | list[Topic]:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"duplicate id {item.id!r}")
            seen.add(item.id)
        return items

    def quiet_on(self, day: dt.date) -> QuietPeriod | None:
        """The quiet period covering ``day``, if any."""
        return next((q for q in self.quiet_periods if q.covers(day)), None)

    def disclosure(self, lang: str) -> str:
        return self.ai_disclosure.get(lang) or DEFAULT_AI_DISCLOSURE.get(lang) or DEFAULT_AI_DISCLOSURE["da"]

    @property
    def default_channel(self) -> str:
        return self.channels[0] if self.channels else "linkedin"

    def audience(self, audience_id: str) -> Audience:
        for audience in self.audiences:
            if audience.id == audience_id:
                return audience
        known = ", ".join(a.id for a in self.audiences) or "none"
        raise ConfigError(f"unknown audience {audience_id!r} (known: {known})", field="audiences")

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        known = ", ".join(t.id for t in self.topics) or "none"
        raise ConfigError(f"unknown topic {topic_id!r} (known: {known})", field="topics")


def load_profile(path: Path) -> Profile:
    """Read and validate ``profile.yaml``; any problem is a ConfigError naming the file and field."""
    from sendemast.yamlfile import read_yaml

    if not path.is_file():
        raise ConfigError("profile file not found", path=str(path))
    raw = read_yaml(path, fast=False)
    if not isinstance(raw, dict):
        raise ConfigError("expected a mapping of profile fields", path=str(path))
    try:
        return Profile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ConfigError(f"{first['msg']}{more}", path=str(path), field=field) from None
