"""What the templates show, computed from a check or a draft: marked segments, the LinkedIn fold, X's
weighted count and a numbered thread, diff lines. Plain data only: the templates do all the escaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from sendemast.guidelines.model import SEVERITY_RANK

X_LIMIT = 280
LINKEDIN_FOLD = 210  # the fallback when channels.yaml has no hook_chars for LinkedIn


@dataclass(frozen=True)
class Segment:
    text: str
    severity: str | None = None  # the worst finding over this stretch, None when unmarked
    note: str = ""  # the findings' messages, for the title and the screen reader


def marked_segments(text: str, findings: list[dict[str, Any]]) -> list[Segment]:
    """``text`` cut where findings start and end; each piece carries the worst finding over it.
    A finding about the whole post is not marked (it is in the list below the text)."""
    spans = []
    for f in findings:
        start, end = f.get("start"), f.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        start, end = max(0, start), min(len(text), end)
        if end <= start or (start == 0 and end == len(text)):
            continue
        spans.append((start, end, f))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        over = [f for s, e, f in spans if s <= a and b <= e]
        if not over:
            out.append(Segment(text[a:b]))
            continue
        worst = min(over, key=lambda f: SEVERITY_RANK.get(str(f.get("severity")), 9))
        note = " · ".join(dict.fromkeys(str(f.get("message", "")) for f in over))
        out.append(Segment(text[a:b], str(worst.get("severity")), note))
    return out


@dataclass(frozen=True)
class LinkedInPreview:
    shown: str
    hidden: str


def linkedin_preview(text: str, fold: int | None) -> LinkedInPreview:
    """What LinkedIn's feed shows before "…se mere": about ``fold`` characters, cut at a word."""
    fold = fold or LINKEDIN_FOLD
    if len(text) <= fold:
        return LinkedInPreview(text, "")
    cut = text.rfind(" ", 0, fold + 1)
    newline = text.rfind("\n", 0, fold + 1)
    cut = max(cut, newline)
    if cut < fold // 2:
        cut = fold
    return LinkedInPreview(text[:cut].rstrip(), text[cut:].lstrip())


@dataclass(frozen=True)
class XPreview:
    count: int
    limit: int
    parts: list[tuple[str, int]]  # a numbered thread (text, weighted count) when the post runs over

    @property
    def over(self) -> bool:
        return self.count > self.limit


@lru_cache(maxsize=8192)  # words repeat: a live check re-weighs the same words at every keystroke
def x_weighted(text: str) -> int:
    from sendemast.guidelines.xcount import weighted_length

    return weighted_length(text)


def x_preview(text: str, limit: int = X_LIMIT) -> XPreview:
    count = x_weighted(text)
    return XPreview(count, limit, thread(text, limit) if count > limit else [])


_WORD = re.compile(r"\S+\s*")
_SENTENCE_END = (".", "!", "?", ":")


def thread(text: str, limit: int = X_LIMIT) -> list[tuple[str, int]]:
    """``text`` as a numbered X thread: each part ends " n/N" and weighs at most ``limit``; parts break
    after a sentence where one is near, else between words (a word longer than a part is cut).

    Words are weighed once each and a part weighs the sum of its words and the spaces between them:
    twitter-text finds URLs and emoji only inside whitespace-separated words (``xcount`` relies on the
    same), and its slow path costs ~1.5 ms a call, so weighing every candidate part would cost a live
    check of a long post more than the whole check. The tests hold the sums to ``weighted_length``."""
    words = [w.rstrip() for w in _WORD.findall(" ".join(text.split()))] or [text]
    weights = [x_weighted(w) for w in words]
    # Start from the least number of parts the weight allows: packing again once the count is known
    # was half of the live check's cost for the X preview of a long post.
    total = max(1, -(-(sum(weights) + len(weights) - 1) // max(1, limit - 8)))
    while True:
        suffix = len(f" {total}/{total}")
        parts = _pack(words, weights, limit - suffix)
        if len(parts) <= total:
            break
        total = len(parts)
    n = len(parts)
    return [(" ".join(ws) + f" {i}/{n}", weight + len(f" {i}/{n}"))
            for i, (ws, weight) in enumerate(parts, start=1)]


def _pack(words: list[str], weights: list[int], room: int) -> list[tuple[list[str], int]]:
    """Words into parts of at most ``room`` (a part's weight: its words plus one per space between)."""
    parts: list[tuple[list[str], int]] = []
    current: list[str] = []
    current_w: list[int] = []
    running = 0  # weight(current_w), kept as words are added
    sentence_at = 0  # how many words of ``current`` end with a full sentence

    def weight(ws: list[int]) -> int:
        return sum(ws) + max(0, len(ws) - 1)

    for word, w in zip(words, weights, strict=True):
        if w > room:  # a word longer than a whole part: cut it into pieces that fit
            if current:
                parts.append((current, running))
                current, current_w, running, sentence_at = [], [], 0, 0
            rest = word
            while rest:
                head, rest = _cut(rest, room)
                hw = x_weighted(head)
                if rest:
                    parts.append(([head], hw))
                else:
                    current, current_w, running = [head], [hw], hw
            continue
        if not current or running + 1 + w <= room:
            running += w + (1 if current else 0)
            current.append(word)
            current_w.append(w)
        else:
            # break after the last full sentence when that keeps most of the part, else before this word
            keep = sentence_at if sentence_at >= len(current) * 0.6 else len(current)
            parts.append((current[:keep], weight(current_w[:keep])))
            current, current_w = [*current[keep:], word], [*current_w[keep:], w]
            running = weight(current_w)
            sentence_at = 0  # what was kept ended with the sentence, or nothing was kept
        if word.endswith(_SENTENCE_END):
            sentence_at = len(current)
    if current:
        parts.append((current, running))
    return parts


def _cut(word: str, room: int) -> tuple[str, str]:
    cut = min(len(word), max(room, 1))
    while cut > 1 and x_weighted(word[:cut]) > room:
        cut -= 1
    return word[:cut], word[cut:]


def diff_lines(diff: str | None) -> list[tuple[str, str]]:
    """A unified diff as (kind, line): kind is add, del, hunk or same."""
    out = []
    for line in (diff or "").splitlines():
        if line.startswith(("+++", "---")):
            continue
        kind = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "same")
        out.append((kind, line))
    return out


def tips_of(check: dict[str, Any]) -> list[tuple[str, float]]:
    return [(name, float(score)) for name, score in (check.get("tips") or {}).items()]
