"""LIX for social-media posts: words / sentences + 100 × long words / words.

Computed here rather than with ``textstat`` (whose import alone takes ~2 s, and whose sentence rules know
nothing of hashtags or line breaks). URLs, e-mail addresses, mentions, hashtags and emoji are left out
first; a sentence ends at . : ! ? … (not in abbreviations such as "kl. 19") and at every line break and
bullet, as the domain notes advise for posts. A word is a run of letters (digits do not count); a long
word has more than six letters.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sendemast.guidelines.engine.post import sentence_spans

if TYPE_CHECKING:
    from sendemast.guidelines.engine.post import Post

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_BULLET = re.compile(r"[•·▪●◦‣]")
_LETTER = re.compile(r"[^\W\d_]")


def lix(text: str) -> float:
    """LIX of plain prose (nothing stripped); 0.0 for text without words."""
    return _lix_of(text)


def post_lix(post: Post) -> float:
    """LIX of a post without its URLs, addresses, mentions, hashtags and emoji."""
    text = post.text
    cut = sorted(post.masked + [(s, e) for s, e, _ in post.hashtags] + post.emoji)
    if cut:
        pieces, last = [], 0
        for start, end in cut:
            if start >= last:
                pieces.append(text[last:start])
                last = end
        pieces.append(text[last:])
        text = " ".join(pieces)
    return _lix_of(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _lix_of(text: str) -> float:
    words = _WORD.findall(text)
    if not words:
        return 0.0
    if _BULLET.search(text):
        text = _BULLET.sub("\n", text)
    sentences = sum(1 for start, end in sentence_spans(text) if _LETTER.search(text, start, end))
    long_words = sum(
        1 for w in words if len(w) > 6 and len(w) - w.count("-") - w.count("'") - w.count("’") > 6
    )
    return round(len(words) / max(1, sentences) + 100.0 * long_words / len(words), 1)


def band(value: float, bands: list[dict[str, object]], lang: str) -> str:
    """The name of the LIX band ``value`` falls in (very easy … very hard)."""
    for entry in bands:
        ceiling = entry.get("max")
        if isinstance(ceiling, int | float) and value <= ceiling:
            return str(entry.get(lang) or entry.get("en") or "")
    return ""
