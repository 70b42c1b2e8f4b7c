"""An idea for each slot, grounded in what the workspace holds, with its sources.

The idea is assembled, not generated: a purpose the leader serves rarely, a values passage retrieved for
the topic, recent notes on the topic, the topic's keywords not used lately, a value to let show, and the
last post on the topic. Quoted passages go through the checker's line rules first (party politics,
confidential matters, red lines, personal data): a passage that trips one is never put in front of the
writer as a suggestion.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sendemast.planning.models import PastPost, SourceRef, Tags, Usage
from sendemast.planning.slots import Pick
from sendemast.profile import Profile

SNIPPET_CHARS = 160
UNSAID_KEYWORDS = 3
WRITING_MINUTES = 45
WRITING_HOUR = 13

_PHRASES = {
    "da": {
        "for": "{topic} – til {audience}.",
        "topic_only": "{topic}.",
        "free": "Et opslag fra hverdagen (profilen har ingen strategiske emner endnu: topics).",
        "purpose": "Formål: {purpose}.",
        "passage": "Byg på «{title}»: “{snippet}”",
        "notes": "Brug noterne «{title}».",
        "unsaid": "Ikke nævnt for nylig: {words}.",
        "value": "Lad værdien «{value}» skinne igennem.",
        "last": "Seneste opslag om emnet: {day} («{title}»).",
        "never": "Du har ikke skrevet om emnet det seneste år.",
    },
    "en": {
        "for": "{topic} – for {audience}.",
        "topic_only": "{topic}.",
        "free": "A post from everyday work (the profile has no strategic topics yet: topics).",
        "purpose": "Purpose: {purpose}.",
        "passage": "Build on “{title}”: “{snippet}”",
        "notes": "Use the notes “{title}”.",
        "unsaid": "Not mentioned lately: {words}.",
        "value": "Let the value “{value}” show.",
        "last": "Last post on the topic: {day} (“{title}”).",
        "never": "You have not written on the topic in the last year.",
    },
}


@dataclass(frozen=True)
class Passage:
    """A retrieved values passage (what :class:`~sendemast.retrieval.SearchHit` carries, minus Chroma)."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Note:
    """A notes file of the workspace: workspace-relative path, title, text, and when it last changed."""

    id: str
    title: str
    text: str
    modified: dt.date
    tags: Tags = field(default_factory=Tags)


Screen = Callable[[str], bool]  # True when a text may be suggested


@dataclass
class IdeaWriter:
    profile: Profile
    tagged: Sequence[tuple[PastPost, Tags]]
    passages: dict[str, list[Passage]]  # topic id -> values passages, best first
    notes: Sequence[Note]
    purposes: Sequence[Usage]
    values: Sequence[Usage]
    screen: Screen
    since: dt.date  # start of the 52-week window
    _used: set[str] = field(default_factory=set)
    _purpose_counts: dict[int, float] = field(default_factory=dict)
    _value_counts: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._purpose_counts = {i: float(u.posts) for i, u in enumerate(self.purposes)}
        self._value_counts = {u.text: float(u.posts) for u in self.values}

    @property
    def lang(self) -> str:
        return self.profile.languages[0] if self.profile.languages else "da"

    def write(self, pick: Pick) -> tuple[str, list[SourceRef], str, str]:
        """(idea, sources, purpose, value) for one slot."""
        say = _PHRASES.get(self.lang, _PHRASES["da"])
        topic = self.profile.topic(pick.topic) if pick.topic else None
        if topic is None:
            parts = [say["free"]]
        elif pick.audience:
            parts = [say["for"].format(topic=topic.title, audience=pick.audience)]
        else:
            parts = [say["topic_only"].format(topic=topic.title)]
        sources: list[SourceRef] = []
        purpose = self._least(self._purpose_counts)
        purpose_text = self.profile.purposes[purpose] if purpose is not None else ""
        if purpose_text:
            parts.append(say["purpose"].format(purpose=purpose_text.rstrip(".")))
        passage = self._passage(pick.topic)
        if passage:
            parts.append(say["passage"].format(title=passage.title, snippet=snippet(passage.text)))
            sources.append(SourceRef(id=passage.id, kind="values", title=passage.title))
        note = self._note(pick.topic)
        if note:
            parts.append(say["notes"].format(title=note.title))
            sources.append(SourceRef(id=note.id, kind="notes", title=note.title))
        if topic:
            unsaid = self._unsaid(topic.id, topic.keywords)
            if unsaid:
                parts.append(say["unsaid"].format(words=", ".join(unsaid)))
        value = self._least(self._value_counts)
        if value:
            parts.append(say["value"].format(value=value))
        last = self._last_post(pick.topic)
        if last:
            parts.append(say["last"].format(day=last.day.isoformat(), title=last.title))
            sources.append(SourceRef(id=last.id, kind="posts", title=last.title))
        elif topic:
            parts.append(say["never"])
        return " ".join(parts), sources, purpose_text, str(value or "")

    def _least(self, counts: dict[Any, float]) -> Any:
        if not counts:
            return None
        key = min(counts, key=lambda k: counts[k])
        counts[key] += 1
        return key

    def _passage(self, topic: str) -> Passage | None:
        for passage in self.passages.get(topic, []):
            if passage.id not in self._used and self.screen(snippet(passage.text)):
                self._used.add(passage.id)
                return passage
        return None

    def _note(self, topic: str) -> Note | None:
        on_topic = [n for n in self.notes if topic in n.tags.topics and n.id not in self._used]
        on_topic.sort(key=lambda n: n.modified, reverse=True)
        for note in on_topic:
            if self.screen(note.title):
                self._used.add(note.id)
                return note
        return None

    def _unsaid(self, topic: str, keywords: Sequence[str]) -> list[str]:
        said = {
            k for post, tags in self.tagged if post.day >= self.since for k in tags.keywords.get(topic, [])
        }
        return [k for k in keywords if k not in said][:UNSAID_KEYWORDS]

    def _last_post(self, topic: str) -> PastPost | None:
        on_topic = [post for post, tags in self.tagged if topic in tags.topics]
        return max(on_topic, key=lambda p: p.day, default=None)


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The passage's first sentence, cut at a word near ``limit``."""
    flat = " ".join(re.sub(r"[#*_`>]+", " ", text).split())  # Markdown marks are not prose
    first = re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–-") + " …"


def writing_start(day: dt.date, hour: int, today: dt.date) -> dt.datetime:
    """The writing block: the working day before the post at 13:00, or the hour before it when that day
    has passed (a slot tomorrow is written today, but the plan starts tomorrow)."""
    before = day - dt.timedelta(days=1)
    while before.weekday() >= 5:
        before -= dt.timedelta(days=1)
    if before > today:
        return dt.datetime.combine(before, dt.time(WRITING_HOUR))
    return dt.datetime.combine(day, dt.time(max(0, hour - 1)))
