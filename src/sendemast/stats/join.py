"""Figures joined to the leader's past posts: by address first (:func:`~sendemast.stats.keys.url_key`),
then by channel and day — with the text when the export has it, else only when the day holds a single
post on that channel (a day earlier or later too, since exports date in their own time zone). What joins
nothing is listed, never dropped silently."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sendemast.planning.models import PastPost
from sendemast.stats.keys import url_key

_WORD = re.compile(r"\w{3,}")
TEXT_OVERLAP = 0.35  # share of the export's first words found in the post


@dataclass(frozen=True)
class Candidate:
    """What an export says about a post it has figures for."""

    key: str
    url: str
    channel: str
    date: dt.date | None
    text: str = ""


class PostIndex:
    """The leader's posts by address key and by (channel, day); a post kept in two formats (a Markdown
    file and the archive) is one post, the one with an hour preferred."""

    def __init__(self, posts: Iterable[PastPost]) -> None:
        self.by_key: dict[str, PastPost] = {}
        self.by_day: dict[tuple[str, dt.date], list[PastPost]] = {}
        for post in sorted(posts, key=lambda p: (p.hour is None, p.id)):
            key = url_key(post.url)
            if key:
                if key in self.by_key:
                    continue
                self.by_key[key] = post
            day = self.by_day.setdefault((post.channel, post.day), [])
            if not any(_same(post, other) for other in day):
                day.append(post)

    def find(self, item: Candidate) -> PastPost | None:
        found = self.by_key.get(item.key) if item.key else None
        if found is not None or item.date is None:
            return found
        same_day = self.by_day.get((item.channel, item.date), [])
        if item.text.strip():
            near = same_day + [p for d in (-1, 1) for p in self.by_day.get(
                (item.channel, item.date + dt.timedelta(days=d)), [])]
            scored = [(overlap(item.text, p.text), p) for p in near]
            best = max(scored, key=lambda s: s[0], default=(0.0, None))
            return best[1] if best[0] >= TEXT_OVERLAP else None
        if len(same_day) == 1:
            return same_day[0]
        if not same_day:
            near = [p for d in (-1, 1)
                    for p in self.by_day.get((item.channel, item.date + dt.timedelta(days=d)), [])]
            if len(near) == 1:
                return near[0]
        return None


def _same(a: PastPost, b: PastPost) -> bool:
    return overlap(a.text, b.text) >= 0.8


def overlap(short: str, long: str) -> float:
    """The share of ``short``'s first 30 words (3+ letters) that occur in ``long``."""
    words = _WORD.findall(short.lower())[:30]
    if not words:
        return 0.0
    present = set(_WORD.findall(long.lower()))
    return sum(1 for w in words if w in present) / len(words)


def join(items: Sequence[Candidate],
         posts: Iterable[PastPost]) -> tuple[dict[str, PastPost], list[Candidate]]:
    """Each item's post by its key, and the items that join none. Two items on one post: the first."""
    index = PostIndex(posts)
    joined: dict[str, PastPost] = {}
    taken: set[str] = set()
    unjoined = []
    for item in items:
        post = index.find(item)
        if post is None or post.id in taken:
            unjoined.append(item)
            continue
        taken.add(post.id)
        joined[item.key] = post
    return joined, unjoined
