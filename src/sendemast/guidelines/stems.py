"""Matching profile keywords (topics, values, audiences, red lines) by Snowball stem, Danish or English.

Danish glues words together ("klimaplan", "solenergi"), so a keyword stem of four letters or more also
matches at the start of a word, and of five or more at its end.
"""

from __future__ import annotations

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


def phrase_spans(post: Post, phrase: str) -> list[tuple[int, int]]:
    """Where the words of ``phrase`` occur in order (each by stem), as spans of the post."""
    keys = stem_words([w.lower() for w in _words(phrase)], post.lang)
    if not keys:
        return []
    stems, lowers, tokens = post_stems(post), post.tokens.lowers, post.tokens
    spans = []
    for i in range(len(stems) - len(keys) + 1):
        if all(_word_matches(stems[i + k], lowers[i + k], key) for k, key in enumerate(keys)):
            spans.append((tokens.starts[i], tokens.ends[i + len(keys) - 1]))
    return spans


def count_matching(post: Post, phrases: list[str]) -> int:
    """How many of ``phrases`` occur in the post."""
    return sum(1 for phrase in phrases if phrase_spans(post, phrase))


def _words(phrase: str) -> list[str]:
    from sendemast.guidelines.lexicon import WORD

    return WORD.findall(phrase)
