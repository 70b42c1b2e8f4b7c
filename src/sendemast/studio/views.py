"""What the templates show, computed from a check or a draft: marked segments, the LinkedIn fold, X's
weighted count and a numbered thread, diff lines. Plain data only: the templates do all the escaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    for a, b in zip(cuts, cuts[1:], strict=False):
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

    Words are weighed once each: a URL or an emoji never spans whitespace, so a part weighs the sum of
    its words (twitter-text's slow path costs ~1.5 ms a call; weighing every candidate part would cost
    a live check a second). Each finished part is weighed whole once more, and packing tightens if one
    runs over."""
    words = _WORD.findall(" ".join(text.split("\n")).strip()) or [text]
    weights = [x_weighted(w.rstrip()) + (len(w) - len(w.rstrip())) for w in words]
    slack = 0
    while True:
        total = 1
        while True:
            parts = _pack(words, weights, limit - len(f" {total}/{total}") - slack)
            if len(parts) <= total:
                break
            total = len(parts)
        n = len(parts)
        numbered = [(p, x_weighted(p)) for p in (f"{p} {i}/{n}" for i, p in enumerate(parts, start=1))]
        if all(w <= limit for _, w in numbered) or slack > limit // 2:
            return numbered
        slack += 5


def _pack(words: list[str], weights: list[int], room: int) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    weight = 0
    sentence_at = 0  # how many words of ``current`` end with a full sentence
    for word, w in zip(words, weights, strict=True):
        if weight + w - _trailing(word) <= room or not current:
            current.append(word)
            weight += w
        else:
            # break after the last full sentence when that keeps most of the part, else before this word
            keep = sentence_at if sentence_at >= len(current) * 0.6 else len(current)
            parts.append("".join(current[:keep]).rstrip())
            current = [*current[keep:], word]
            weight = sum(x_weighted(c.rstrip()) + _trailing(c) for c in current)
            sentence_at = 0  # what was kept ended with the sentence, or nothing was kept
        if word.rstrip().endswith(_SENTENCE_END):
            sentence_at = len(current)
        while weight - _trailing(current[-1]) > room and len(current) == 1:  # one word longer than a part
            head, rest = _cut(current[0], room)
            parts.append(head)
            current = [rest] if rest else []
            weight = x_weighted(rest.rstrip()) + _trailing(rest) if rest else 0
            if not current:
                break
    if current and "".join(current).strip():
        parts.append("".join(current).rstrip())
    return [p for p in parts if p.strip()]


def _trailing(word: str) -> int:
    return len(word) - len(word.rstrip())


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
