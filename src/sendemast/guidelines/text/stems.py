"""Matching profile keywords (topics, values, audiences, red lines) by Snowball stem, Danish or English.

Danish glues words together ("klimaplan", "solenergi"), so a keyword stem of four letters or more also
matches at the start of a word, and of five or more at its end.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendemast.guidelines.engine.post import Post

_STEMMERS: dict[str, Any] = {}
_LANGUAGE_NAMES = {"da": "danish", "en": "english"}


def stem_words(words: list[str], lang: str) -> list[str]:
    stemmer = _STEMMERS.get(lang)
    if stemmer is None:
        import Stemmer  # PyStemmer: Snowball in C, no data to download

        stemmer = _STEMMERS[lang] = Stemmer.Stemmer(_LANGUAGE_NAMES.get(lang, "danish"))
    return list(stemmer.stemWords(words))


def post_stems(post: Post) -> list[str]:
    cached = post.__dict__.get("_stems")
    if cached is None:
        cached = post.__dict__["_stems"] = stem_words(post.tokens.lowers, post.lang)
    return cached


@lru_cache(maxsize=4096)
def phrase_keys(phrase: str, lang: str) -> tuple[str, ...]:
    """The stems of a profile phrase; profiles repeat, so each is stemmed once per process."""
    return tuple(stem_words([w.lower() for w in _words(phrase)], lang))


_BLANK = re.compile(r"\n[ \t\r]*\n")


def _lookup(post: Post) -> tuple[frozenset[str], str]:
    """The post's stems as a set, and its lower-cased words joined by spaces, cached on the post."""
    cached = post.__dict__.get("_lookup")
    if cached is None:
        cached = post.__dict__["_lookup"] = (frozenset(post_stems(post)), f" {' '.join(post.tokens.lowers)} ")
    return cached


def phrase_occurs(post: Post, phrase: str) -> bool:
    """Whether ``phrase`` occurs: :func:`phrase_spans` made cheap for the common one-word keyword.

    Scoring a post against a profile asks this for every keyword of every topic and audience; a scan
    of the whole post per keyword made the checker 30 times slower with a profile than without.
    """
    keys = phrase_keys(phrase, post.lang)
    if len(keys) != 1:
        return bool(phrase_spans(post, phrase))
    return _key_occurs(keys[0], post)


def _key_occurs(key: str, post: Post) -> bool:
    """Whether some word of the post matches ``key``: its stem equals the key, or the word starts with a
    key of four letters or more, or ends with one of five or more; by set and substring lookups."""
    stems, joined = _lookup(post)
    return key in stems or (len(key) >= 4 and f" {key}" in joined) or (len(key) >= 5 and f"{key} " in joined)


def phrase_spans(post: Post, phrase: str) -> list[tuple[int, int]]:
    """Where the words of ``phrase`` occur in order (each by stem), as spans of the post."""
    keys = phrase_keys(phrase, post.lang)
    # Most phrases have a word that occurs nowhere in the post: rule them out without the scan below.
    if not keys or not all(_key_occurs(key, post) for key in keys):
        return []
    tokens = post.tokens
    rest = [_key_positions(key, post) for key in keys[1:]]
    spans = [
        (tokens.starts[i], tokens.ends[i + len(keys) - 1])
        for i in sorted(_key_positions(keys[0], post))
        if all(i + k in positions for k, positions in enumerate(rest, start=1))
    ]
    # a phrase never runs across a blank line, from one paragraph into the next (as in lexicon.py)
    return [(a, b) for a, b in spans if "\n" not in post.text[a:b] or not _BLANK.search(post.text, a, b)]


def _key_positions(key: str, post: Post) -> frozenset[int]:
    """The token indices whose word matches ``key`` (the tests of :func:`_key_occurs`), cached on the
    post. Found with dictionary and substring searches rather than a scan of every token per phrase:
    multi-word profile phrases made that scan a third of a long post's check."""
    cache: dict[str, frozenset[int]] = post.__dict__.setdefault("_key_positions", {})
    found = cache.get(key)
    if found is None:
        by_stem, joined, word_at_start, word_at_end = _positions_index(post)
        hits = set(by_stem.get(key, ()))
        if len(key) >= 4:  # words starting with key: " key" in the joined words
            hits.update(word_at_start[o + 1] for o in _occurrences(joined, f" {key}"))
        if len(key) >= 5:  # words ending with key: "key " in the joined words
            hits.update(word_at_end[o + len(key)] for o in _occurrences(joined, f"{key} "))
        found = cache[key] = frozenset(hits)
    return found


def _positions_index(post: Post) -> tuple[dict[str, list[int]], str, dict[int, int], dict[int, int]]:
    cached = post.__dict__.get("_positions_index")
    if cached is None:
        by_stem: dict[str, list[int]] = {}
        for i, stem in enumerate(post_stems(post)):
            by_stem.setdefault(stem, []).append(i)
        _, joined = _lookup(post)
        word_at_start: dict[int, int] = {}
        word_at_end: dict[int, int] = {}
        offset = 1  # joined is " w0 w1 … wn "
        for i, lower in enumerate(post.tokens.lowers):
            word_at_start[offset] = i
            offset += len(lower)
            word_at_end[offset] = i
            offset += 1
        cached = post.__dict__["_positions_index"] = (by_stem, joined, word_at_start, word_at_end)
    return cached


def _occurrences(text: str, needle: str) -> list[int]:
    found = []
    at = text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def count_matching(post: Post, phrases: list[str]) -> int:
    """How many of ``phrases`` occur in the post.

    A post checked through a ParagraphCache asks each paragraph, which keeps its answer for the next
    keystroke: a phrase occurs in the post when it occurs in one of its paragraphs."""
    if post.paragraphs is None:
        return sum(1 for phrase in phrases if phrase_occurs(post, phrase))
    key = tuple(phrases)
    found: set[int] = set()
    for _, part in post.paragraphs:
        memo: dict[tuple[str, ...], frozenset[int]] = part.__dict__.setdefault("_matching", {})
        matched = memo.get(key)
        if matched is None:
            matched = memo[key] = frozenset(i for i, p in enumerate(phrases) if phrase_occurs(part, p))
        found |= matched
    return len(found)


def _words(phrase: str) -> list[str]:
    from sendemast.guidelines.text.lexicon import WORD

    return WORD.findall(phrase)
