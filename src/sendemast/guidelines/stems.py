"""Matching profile keywords (topics, values, audiences, red lines) by Snowball stem, Danish or English.

Danish glues words together ("klimaplan", "solenergi"), so a keyword stem of four letters or more also
matches at the start of a word, and of five or more at its end.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendemast.guidelines.post import Post

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


def _word_matches(stem: str, lower: str, key: str) -> bool:
    return stem == key or (len(key) >= 4 and lower.startswith(key)) or (len(key) >= 5 and lower.endswith(key))


@lru_cache(maxsize=4096)
def phrase_keys(phrase: str, lang: str) -> tuple[str, ...]:
    """The stems of a profile phrase; profiles repeat, so each is stemmed once per process."""
    return tuple(stem_words([w.lower() for w in _words(phrase)], lang))


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
    """Whether some word of the post matches ``key`` — the same three tests as :func:`_word_matches`
    (equal stem, word starts with key, word ends with key), by set and substring lookups."""
    stems, joined = _lookup(post)
    return key in stems or (len(key) >= 4 and f" {key}" in joined) or (len(key) >= 5 and f"{key} " in joined)


def phrase_spans(post: Post, phrase: str) -> list[tuple[int, int]]:
    """Where the words of ``phrase`` occur in order (each by stem), as spans of the post."""
    keys = phrase_keys(phrase, post.lang)
    # Most phrases have a word that occurs nowhere in the post: rule them out without the scan below.
    if not keys or not all(_key_occurs(key, post) for key in keys):
        return []
    stems, lowers, tokens = post_stems(post), post.tokens.lowers, post.tokens
    spans = []
    for i in range(len(stems) - len(keys) + 1):
        if all(_word_matches(stems[i + k], lowers[i + k], key) for k, key in enumerate(keys)):
            spans.append((tokens.starts[i], tokens.ends[i + len(keys) - 1]))
    return spans


def count_matching(post: Post, phrases: list[str]) -> int:
    """How many of ``phrases`` occur in the post."""
    return sum(1 for phrase in phrases if phrase_occurs(post, phrase))


def _words(phrase: str) -> list[str]:
    from sendemast.guidelines.lexicon import WORD

    return WORD.findall(phrase)
