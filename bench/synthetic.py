"""Synthetic posts for benchmarks: sentences of the example corpus, recombined.

Realistic Danish vocabulary and lengths (half LinkedIn-length, half X-length) at any size, generated
deterministically, so every run measures the same thing.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def sentences() -> list[str]:
    found: list[str] = []
    for path in sorted((REPO / "corpus" / "example-workspace").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            sentence = " ".join(sentence.split())
            if 20 <= len(sentence) <= 240 and not sentence.startswith(("#", "-", "|")):
                found.append(sentence)
    if len(found) < 50:
        raise RuntimeError("the example corpus is missing: benchmarks build on it")
    return found


def posts(n: int, seed: int = 7, short: bool = False) -> list[dict[str, str]]:
    """``n`` posts: half LinkedIn-length and half X-length, or (``short``) all X-length, like an X archive."""
    rng = random.Random(seed)
    pool = sentences()
    out = []
    for i in range(n):
        channel = "linkedin" if i % 2 == 0 and not short else "x"
        budget = rng.randint(400, 1300) if channel == "linkedin" else rng.randint(120, 270)
        text = ""
        while True:
            nxt = rng.choice(pool)
            if text and len(text) + len(nxt) + 1 > budget:
                break
            text = f"{text} {nxt}".strip()
            if len(text) > budget:
                text = text[:budget].rsplit(" ", 1)[0]
                break
        out.append(
            {
                "id": f"p{i}",
                "text": text,
                "channel": channel,
                "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            }
        )
    return out
