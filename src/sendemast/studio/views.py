"""What the templates show, computed from a check or a draft: marked segments, the LinkedIn fold, X's
weighted count and its numbered thread (split by ``guidelines.x_thread``), diff lines. Plain data only:
the templates do all the escaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sendemast.guidelines.channels.x_thread import X_LIMIT, thread, x_weighted
from sendemast.guidelines.engine.model import SEVERITY_RANK

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


def x_preview(text: str, limit: int = X_LIMIT) -> XPreview:
    """X's weighted count of ``text`` and, when it runs over ``limit``, the thread it would make."""
    count = x_weighted(text)
    return XPreview(count, limit, thread(text, limit) if count > limit else [])


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
