"""An X post too long for one post, as a numbered thread: each part ends " n/N" and weighs at most X's
limit, as twitter-text counts it (:mod:`sendemast.guidelines.channels.xcount`). The studio offers the thread
under a post that runs over; any face may call :func:`thread`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sendemast.guidelines.channels.count import CHANNEL_LIMITS
from sendemast.guidelines.channels.xcount import weighted_length

X_LIMIT = CHANNEL_LIMITS["x"]  # the shipped limit (280): a workspace may set another in its rules


@lru_cache(maxsize=8192)  # words repeat: a live check re-weighs the same words at every keystroke
def x_weighted(text: str) -> int:
    """X's weighted length of ``text`` (``xcount.weighted_length``), remembered."""
    return weighted_length(text)


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
    # each finished part weighed once as a whole: twitter-text can read a word differently beside its
    # neighbours (a URL after a non-Latin letter), so the sum of the words is only the packing estimate
    return [(text, weighted_length(text))
            for text in (" ".join(ws) + f" {i}/{n}" for i, (ws, _) in enumerate(parts, start=1))]


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
