"""``language.spelling``: words that are in neither the language's Hunspell dictionary nor the workspace's
own vocabulary, each with up to three suggestions; above a rate of unknown words the findings are review.

Looking a word up is a set test on the expanded forms (:mod:`sendemast.guidelines.dictionary`), memoised
per word, so a batch pays for each distinct word once. Compounds, which Danish writes as one word
("kælderafsnittet", "forflytningsvejlederen"), are accepted when they split into parts the dictionary
allows there: a first part in its compound form (with the linking -s-, -e- or none, as da_DK marks each
noun), middle parts, and a last part that may end a compound. da_DK also lists about 500 free-standing
first parts ("engle-", "ældre-", "ude-"); with those Hunspell accepts "englepleje", a word no Dane
writes. So by default (``compounds: strict``) such a first part joins only when it is not a word by itself
("cyber-", "hyper-", "pro-"); ``compounds: dictionary`` restores Hunspell's own behaviour.

Never checked: hashtags, @mentions, URLs, e-mail addresses, words with digits, abbreviations (all capitals,
or with dots: "f.eks.", "ca."), words with inner capitals ("LinkedIn"), single letters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING, Any, cast

from sendemast.guidelines.registry import rule
from sendemast.guidelines.suggestions import suggestions
from sendemast.guidelines.vocabulary import Vocabulary, vocabulary_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sendemast.guidelines.dictionary import Dictionary
    from sendemast.guidelines.model import Finding
    from sendemast.guidelines.post import Post

RULE = "language.spelling"
# letters and digits, with apostrophes and dots inside ("isn't", "f.eks"); a hyphen splits, as Hunspell's
# BREAK does ("Engbo-beboerne" is two words)
_TOKEN = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")
_MEMO_LIMIT = 200_000


@dataclass(frozen=True)
class UnknownWord:
    word: str
    start: int
    end: int


@dataclass
class SpellingReport:
    unknown: list[dict[str, Any]]  # the first ``max_findings`` of them
    words: int
    count: int = 0  # every unknown word

    @property
    def rate_per_100(self) -> float:
        return round(100.0 * self.count / self.words, 2) if self.words else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"unknown": self.unknown, "rate_per_100": self.rate_per_100, "words": self.words}


# public library functions -------------------------------------------------------------------------
def unknown_words(
    text: str, lang: str, vocabulary: Vocabulary | None = None, *, compounds: str = "strict"
) -> list[UnknownWord]:
    """The words of ``text`` that neither the dictionary of ``lang`` nor ``vocabulary`` knows, with their
    offsets. No suggestions: fast enough to call per sentence."""
    from sendemast.guidelines.post import Post

    post = Post(text, "linkedin", lang, cast(Any, None))  # only its URL/mention/hashtag spans are used
    unknown, _ = _scan(post, lang, vocabulary, compounds)
    return unknown


def is_known(word: str, lang: str, *, compounds: str = "strict") -> bool:
    """Whether the dictionary of ``lang`` accepts ``word`` (as written, or lowercased when capitalised)."""
    return _known_cased(word, lang, compounds)


def suggest(word: str, lang: str, limit: int = 3, *, compounds: str = "strict") -> list[str]:
    """Up to ``limit`` known words close to ``word``: the dictionary's REP pairs, then one edit."""
    key = (word, lang, compounds, limit)
    found = _SUGGESTIONS.get(key)
    if found is None:
        if len(_SUGGESTIONS) > 20_000:
            _SUGGESTIONS.clear()
        found = _SUGGESTIONS[key] = suggestions(_dictionary(lang), word, limit, strict=compounds == "strict")
    return found


# the rule -------------------------------------------------------------------------------------------
@rule(RULE)
def check_spelling(post: Post) -> Iterator[Finding]:
    rs = post.rs
    compounds = str(rs.param(RULE, "compounds", "strict"))
    vocabulary = vocabulary_of(post.profile, extra=rs.memo("spelling:known", lambda: _known_words(rs)))
    unknown, words = _scan(post, post.lang, vocabulary, compounds)
    limit = int(rs.param(RULE, "suggestions", 3))
    report = SpellingReport([], words, len(unknown))
    post.__dict__["spelling_report"] = report  # the checker puts it into the result's "spelling" block
    if not unknown:
        return
    rate = 100.0 * len(unknown) / max(1, words)
    ceiling = float(rs.param(RULE, "review_above_per_100", 2))
    over = len(unknown) >= int(rs.param(RULE, "review_min_unknown", 2)) and rate > ceiling
    note = rs.text(RULE, "rate_note", post.lang, rate=f"{rate:.1f}", max=f"{ceiling:g}") if over else None
    cap = int(rs.param(RULE, "max_findings", 100))
    for item in unknown[:cap]:  # the rate counts them all; a 2 MB post does not get 100,000 findings
        close = suggest(item.word, post.lang, limit, compounds=compounds) if limit > 0 else []
        report.unknown.append({"word": item.word, "start": item.start, "end": item.end, "suggestions": close})
        text = rs.text(RULE, "suggestion", post.lang, suggestions=", ".join(close))
        finding = post.finding(RULE, item.start, item.end, suggestion=text if close else "", word=item.word)
        if over:  # many unknown words: a person should read the post before it goes out
            finding = replace(finding, severity="review", message=f"{finding.message} {note or ''}".strip())
        yield finding


def _known_words(rs: Any) -> frozenset[str]:
    """``known_words`` from the rules data: an organisation's own words, lowercase."""
    return frozenset(str(w).lower() for w in rs.param(RULE, "known_words", []) or [])


# scanning -------------------------------------------------------------------------------------------
def _scan(
    post: Post, lang: str, vocabulary: Vocabulary | None, compounds: str
) -> tuple[list[UnknownWord], int]:
    """(unknown words, number of words outside hashtags, URLs, addresses and mentions)."""
    lang = lang if lang in ("da", "en") else "da"
    tokens = post.tokens  # the words every rule uses: URLs, e-mail addresses and mentions already out
    tags = post.hashtags
    words = len(tokens)
    if tags:
        words -= sum(1 for start, end, _ in tags for _ in _TOKEN.finditer(post.text, start, end))
    # set arithmetic in C first: in a batch nearly every word was seen before (a doubtful word inside a
    # hashtag only sends the post down the slow path, which leaves hashtags out)
    doubtful = _unknown_of(set(tokens.origs), lang, compounds)
    if doubtful and vocabulary is not None:
        doubtful = {w for w in doubtful if w not in vocabulary}
    if not doubtful:
        return [], words
    # the slow path, for posts with a doubtful word: words with apostrophes and dots ("isn't", "f.eks")
    # are one word here, and hashtags are out too
    text = _blank(post.text, sorted(post.masked + [(start, end) for start, end, _ in tags]))
    matches = list(_TOKEN.finditer(text))
    found = list(map(re.Match.group, matches))  # map() over the unbound method keeps the loops in C
    doubtful = _unknown_of(set(found), lang, compounds)
    if doubtful and vocabulary is not None:
        doubtful = {w for w in doubtful if w not in vocabulary}
    unknown: list[UnknownWord] = []
    for match in compress(matches, map(doubtful.__contains__, found)) if doubtful else ():
        word, end = match.group(), match.end()
        if end < len(text) and text[end] == "." and _abbreviation(word + ".", lang):
            continue  # "ca.", "kl.", "pr.": abbreviations the dictionary lists with their dot
        unknown.append(UnknownWord(word, match.start(), end))
    if len(unknown) >= 2:
        unknown = _other_language_sentences(unknown, text, lang, compounds, post.sentences)
    return unknown, words


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` turned into spaces: offsets stay those of the original text."""
    pieces, last = [], 0
    for start, end in spans:
        if start >= last:
            pieces += [text[last:start], " " * (end - start)]
            last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _unknown_of(words: set[str], lang: str, compounds: str) -> set[str]:
    known, unknown = _MEMOS.setdefault((lang, compounds), (set(), set()))
    new = words - known
    if not new:
        return new
    out = new & unknown
    for word in new - unknown:
        if _skip(word) or _known_cased(word, lang, compounds):
            known.add(word)
        else:
            unknown.add(word)
            out.add(word)
    if len(known) + len(unknown) > _MEMO_LIMIT:
        known.clear()
        unknown.clear()
    return out


def _other_language_sentences(
    unknown: list[UnknownWord],
    text: str,
    lang: str,
    compounds: str,
    sentences: list[tuple[int, int]],
) -> list[UnknownWord]:
    """A sentence in the other language ("I spent the morning …" inside a Danish post) is checked against
    that language: when at least two of its words, and a third of them, are unknown here and known there."""
    other = "en" if lang == "da" else "da"
    foreign = _unknown_of({u.word for u in unknown}, other, compounds)
    starts = [start for start, _ in sentences]
    by_sentence: dict[int, list[UnknownWord]] = {}
    for item in unknown:  # unknown words are in text order: one bisect each, not a scan per sentence
        by_sentence.setdefault(max(0, bisect_right(starts, item.start) - 1), []).append(item)
    kept: list[UnknownWord] = []
    for index, inside in by_sentence.items():
        known_there = [u for u in inside if u.word not in foreign]
        if len(known_there) >= 2:
            start, end = sentences[index]
            if 3 * len(known_there) >= len(_TOKEN.findall(text, start, end)):
                kept += [u for u in inside if u.word in foreign]
                continue
        kept += inside
    return kept


@lru_cache(maxsize=4096)
def _abbreviation(word: str, lang: str) -> bool:
    return word in _dictionary(lang) or word.lower() in _dictionary(lang)


def _skip(word: str) -> bool:
    if len(word) < 2 or "." in word or any(c.isdigit() for c in word):
        return True
    if word.isupper():
        return True  # an abbreviation: "KL", "FN", "SOSU"
    if not any(c < "\u0250" for c in word):
        return True  # another script (你好, مرحبا, Привет): a quotation or a name, not a Danish misspelling
    return not word[1:].islower() and not word[1:].replace("'", "").replace("’", "").islower()


_MEMOS: dict[tuple[str, str], tuple[set[str], set[str]]] = {}  # (known, unknown) words
_SUGGESTIONS: dict[tuple[str, str, str, int], list[str]] = {}


def _dictionary(lang: str) -> Dictionary:
    from sendemast.guidelines.dictionary import load_dictionary

    return load_dictionary(lang)


def _known_cased(word: str, lang: str, compounds: str) -> bool:
    word = word.replace("’", "'")
    d = _dictionary(lang)
    if d.known(word, compounds == "strict"):
        return True
    if not word[:1].isupper():
        return False
    if d.known(word.lower(), compounds == "strict"):
        return True
    # a name the other language's dictionary lists: "Vestby" in an English post, "Microsoft" in a Danish one
    return word in _dictionary("en" if lang == "da" else "da")
