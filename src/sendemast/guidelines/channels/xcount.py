"""X's weighted length, exactly as twitter-text v3 (``twitter-text-parser``'s ``parse_tweet``) counts it.

``parse_tweet`` normalises to NFC, folds line endings, finds URLs (23 each) and emoji (2 each) with two
very large regular expressions tried at every position, and weighs the other characters 1 or 2 by range.
Its two searches cost ~1.5 ms on a 250-character post, more than all our rules together, so:

1. Plain text — already NFC, every character in a weight-1 range and no emoji (© and ® are emoji), and
   nothing URL-like (a URL needs a dot followed by a letter: its top-level domain) — weighs its length.
2. Otherwise the same three steps run, each on less text. twitter-text's own emoji pattern is tried only
   where an emoji can start: at a character outside the weight-1 ranges, or at the ``#``, ``*`` or digit
   before one (keycaps, "1️⃣"); no emoji in its list starts with any other weight-1 character. Its own URL
   extractor runs only on the whitespace-separated words that could hold a URL (a URL never contains
   whitespace), each with the whitespace character on either side of it, as in the whole text.

``tests/guidelines/test_x_counting.py`` holds both paths to ``parse_tweet`` on generated text and runs
twitter-text's conformance suite.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_WEIGHT_ONE = (
    "\\x00-\\u10ff\\u2000-\\u200d\\u2010-\\u201f\\u2032-\\u2037"  # twitter-text v3's weight-100 ranges
)
_HEAVY = re.compile(f"[^{_WEIGHT_ONE}]")
_PLAIN = re.compile("[\\x00-\\xa8\\xaa-\\xad\\xaf-\\u10ff\\u2000-\\u200d\\u2010-\\u201f\\u2032-\\u2037]*")
_EMOJI_START = re.compile(
    "[#*0-9]?[^\\x00-\\xa8\\xaa-\\xad\\xaf-\\u10ff\\u2000-\\u200d\\u2010-\\u201f\\u2032-\\u2037]"
)
_URL_POSSIBLE = re.compile(r"\.[^\W\d_]")
_WORD_WITH_DOT = re.compile(r"[^ \t\n\r\f\v]*\.[^\W\d_][^ \t\n\r\f\v]*")
_LINE_ENDING = re.compile(r"\r\n|\r")
URL_WEIGHT = 23
EMOJI_WEIGHT = 2

_library: dict[str, Any] = {}


def plain_fast_path(text: str) -> bool:
    """True when the weighted length is simply the length (step 1 above)."""
    return (
        _PLAIN.fullmatch(text) is not None
        and _URL_POSSIBLE.search(text) is None
        and unicodedata.is_normalized("NFC", text)
    )


def weighted_length(text: str) -> int:
    if plain_fast_path(text):
        return len(text) - text.count("\r\n")
    folded = _LINE_ENDING.sub("\n", unicodedata.normalize("NFC", text))
    spans: dict[
        int, tuple[int, int]
    ] = {}  # start -> (length, weight); a URL wins over an emoji, as in parse_tweet
    for start, length in _emoji(folded):
        spans[start] = (length, EMOJI_WEIGHT)
    for start, length in _urls(folded):
        spans[start] = (length, URL_WEIGHT)
    total = 0
    position = 0
    for start in sorted(spans):
        if start < position:
            continue  # inside an entity already counted, where parse_tweet's loop never stops
        total += start - position + len(_HEAVY.findall(folded, position, start))
        length, weight = spans[start]
        total += weight
        position = start + length
    return total + len(folded) - position + len(_HEAVY.findall(folded, position))


def _emoji(folded: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    candidates = list(_EMOJI_START.finditer(folded))
    if not candidates:
        return found
    pattern = _twitter("emoji")
    end = 0
    for candidate in candidates:
        for start in range(candidate.start(), candidate.end()):
            if start < end:
                continue
            match = pattern.match(folded, start)
            if match and match.end() > start:
                found.append((start, match.end() - start))
                end = match.end()
                break
    return found


def _urls(folded: str) -> list[tuple[int, int]]:
    if "." not in folded or not _URL_POSSIBLE.search(folded):
        return []
    extract = _twitter("extract_urls")
    found: list[tuple[int, int]] = []
    for word in _WORD_WITH_DOT.finditer(folded):
        start, end = word.span()
        # with the whitespace on either side, exactly as the extractor sees it in the whole text (at the
        # very start of a string its pattern behaves differently: it may take the first letter as the
        # character before the URL)
        before = folded[start - 1 : start]
        for entity in extract(before + word.group() + folded[end : end + 1]):
            offset = entity["indices"][0] - len(before)
            if 0 <= offset < end - start:
                found.append((start + offset, len(entity["url"])))
    return found


def _twitter(name: str) -> Any:
    """twitter-text's pieces, imported on first use (the import alone takes ~0.3 s)."""
    if not _library:
        from twitter_text import extract_urls_with_indices
        from twitter_text.regexp.emoji import emoji

        _library.update(emoji=emoji, extract_urls=extract_urls_with_indices)
    return _library[name]
