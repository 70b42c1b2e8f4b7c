"""Split a lowercase hashtag into words, to tell #grønomstilling (two words) from #folkeskole (one)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendemast.guidelines.engine.ruleset import Ruleset

_MIN_PIECE = 3  # "ai", "it" and other two-letter pieces split too many words by accident


def split_words(tag: str, rs: Ruleset) -> list[str]:
    """The words of ``tag`` (lowercase, without '#') if it is several words, else ``[tag]``."""
    known: dict[str, list[str]] = rs.memo("hashtag_splits", dict)
    if tag not in known:
        if len(known) > 50_000:
            known.clear()
        known[tag] = _split_words(tag, rs)
    return known[tag]


def _split_words(tag: str, rs: Ruleset) -> list[str]:
    vocabulary = _vocabulary(rs)
    danish_first, danish, english, english_single = vocabulary
    if tag not in english_single:
        pieces = _split(tag, english, english)
        if len(pieces) >= 2:
            return pieces
    pieces = _split(tag, danish_first, danish)
    return pieces if len(pieces) >= 2 else [tag]


def _split(tag: str, first: frozenset[str], rest: frozenset[str]) -> list[str]:
    """Fewest pieces: the first from ``first``, the others from ``rest``; [] when impossible."""

    @cache
    def best(start: int, is_first: bool) -> tuple[str, ...] | None:
        if start == len(tag):
            return ()
        words = first if is_first else rest
        found: tuple[str, ...] | None = None
        for end in range(len(tag), start + (2 if is_first else _MIN_PIECE) - 1, -1):
            piece = tag[start:end]
            if piece in words:
                tail = best(end, False)
                if tail is not None and (found is None or len(tail) + 1 < len(found)):
                    found = (piece, *tail)
        return found

    result = best(0, True)
    return list(result) if result else []


def _vocabulary(rs: Ruleset) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    def build() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
        def words(lang: str, name: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in rs.wordlist(lang, name))

        danish_first = words("da", "hashtag_first_words")
        return (
            danish_first,
            danish_first | words("da", "hashtag_words"),
            words("en", "hashtag_words"),
            words("en", "hashtag_single_words"),
        )

    return rs.memo("hashtag_vocabulary", build)
