"""The style card itself: what it holds (:class:`StyleCard` and its parts), the cues it reads posts with
(``drafting/data/style.yaml``), and the phrases of the leader's own a composer may reuse
(:func:`opening_for`, :func:`closing_for`)."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field

from sendemast.lang import Language

STYLE_VERSION = 1  # part of the cache key: raise it when learning changes, so cached cards are learnt anew
MIN_CHANNEL_POSTS = 5  # fewer posts on a channel than this, and its habits are not worth a card of their own
OPENING_KINDS = ("quote", "question", "time", "fact", "statement")
CLOSING_KINDS = ("thanks", "question", "invitation", "lesson")
EMOJI_POSITIONS = ("line_start", "line_end", "inline")
CUES_FILE = Path(__file__).parents[1] / "data" / "style.yaml"


class PostLike(Protocol):
    """What a past post must offer: :class:`sendemast.corpus.past_posts.RefPost` does."""

    @property
    def text(self) -> str: ...
    @property
    def channel(self) -> str: ...
    @property
    def language(self) -> str: ...


class Count(BaseModel):
    text: str
    count: int


class Phrase(BaseModel):
    text: str
    kind: str
    posts: int = 1  # how many posts carry it


class SentenceStats(BaseModel):
    count: int = 0
    median_words: float = 0.0
    p90_words: int = 0


class Openings(BaseModel):
    kinds: dict[str, float] = Field(default_factory=dict)  # share of posts by the first sentence's shape
    median_words: float = 0.0  # of the first sentence
    phrases: list[Phrase] = Field(default_factory=list)


class Closings(BaseModel):
    kinds: dict[str, float] = Field(default_factory=dict)  # share of posts whose last two sentences do it
    phrases: list[Phrase] = Field(default_factory=list)


class EmojiHabits(BaseModel):
    post_share: float = 0.0
    per_post: float = 0.0
    usual: list[Count] = Field(default_factory=list)
    positions: dict[str, float] = Field(default_factory=dict)  # share of all emoji


class HashtagHabits(BaseModel):
    per_post: float = 0.0  # mean
    median: float = 0.0
    at_end_share: float = 0.0  # of posts with hashtags: all of them after the last sentence
    usual: list[Count] = Field(default_factory=list)


class PersonStats(BaseModel):
    singular_share: float = 0.0  # of sentences: jeg/mig/min/mit/mine (I/me/my)
    plural_share: float = 0.0  # of sentences: vi/os/vores (we/us/our)
    singular_post_share: float = 0.0  # of posts with at least one such sentence
    plural_post_share: float = 0.0


class WordScore(BaseModel):
    word: str
    posts: int
    z: float


class Layout(BaseModel):
    paragraphs_median: float = 0.0
    paragraphs_mean: float = 0.0
    one_sentence_paragraphs: float = 0.0  # share of paragraphs that are a single sentence
    blank_line_share: float = 0.0  # posts whose paragraphs are set apart by blank lines
    single_block_share: float = 0.0  # posts of one paragraph


class ChannelSummary(BaseModel):
    posts: int
    words_median: float
    sentence_median_words: float
    hashtags_per_post: float
    emoji_post_share: float
    question_share: float
    paragraphs_median: float


class StyleCard(BaseModel):
    version: int = STYLE_VERSION
    lang: Language
    channel: str | None = None  # None: learnt from every channel of the language
    posts: int = 0
    baseline_posts: int = 0  # the other authors' posts the favoured words are measured against
    words_per_post: float = 0.0
    sentences: SentenceStats = Field(default_factory=SentenceStats)
    question_share: float = 0.0  # posts with a question
    openings: Openings = Field(default_factory=Openings)
    closings: Closings = Field(default_factory=Closings)
    emoji: EmojiHabits = Field(default_factory=EmojiHabits)
    hashtags: HashtagHabits = Field(default_factory=HashtagHabits)
    person: PersonStats = Field(default_factory=PersonStats)
    favoured_words: list[WordScore] = Field(default_factory=list)
    layout: Layout = Field(default_factory=Layout)
    by_channel: dict[str, ChannelSummary] = Field(default_factory=dict)


@cache
def cues() -> dict[str, Any]:
    """The word lists and thresholds of ``drafting/data/style.yaml``."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(CUES_FILE, encoding="utf-8") as handle:
        return dict(yaml.load(handle, Loader=loader))


def select(posts: Iterable[PostLike], lang: str, channel: str | None = None) -> list[PostLike]:
    return [
        p
        for p in posts
        if p.language == lang and (channel is None or p.channel == channel) and p.text.strip()
    ]


def opening_for(card: StyleCard, kind: str | None = None, avoid: Sequence[str] = ()) -> str | None:
    """A fact-free opening phrase of the leader's (of ``kind``: time, question, statement, quote), or None."""
    return _pick(card.openings.phrases, kind, avoid)


def closing_for(card: StyleCard, kind: str | None = None, avoid: Sequence[str] = ()) -> str | None:
    """A fact-free closing phrase of the leader's (thanks, question, invitation, lesson), or None."""
    return _pick(card.closings.phrases, kind, avoid)


def _pick(phrases: list[Phrase], kind: str | None, avoid: Sequence[str]) -> str | None:
    taken = {a.strip().lower() for a in avoid}
    return next(
        (p.text for p in phrases if (kind is None or p.kind == kind) and p.text.strip().lower() not in taken),
        None,
    )


def nearest_rank(values: Sequence[float], q: float) -> float:
    """The q-quantile by nearest rank (the value at ⌈q·n⌉ in sorted order): easy to check by hand."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def share(count: int, total: int) -> float:
    return round(count / total, 3) if total else 0.0


def top(counter: Counter[str], n: int) -> list[Count]:
    return [Count(text=t, count=c) for t, c in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
