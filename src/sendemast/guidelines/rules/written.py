"""The measure of "written": is the post written in the leader's own voice, or is it its source pasted in?

- ``copied_share``: the share of the post's word 4-grams (lowercase words, punctuation ignored, hashtags,
  URLs and mentions left out) that stand verbatim in the source — the notes of a draft, the original of a
  rewrite. None when the source is not known (a plain ``check`` of a typed post).
- ``fragments``: note-style sentences — a label and a colon ("Personalet: …", "Udfordring: …") or no
  finite verb (``verbs.py``). A sentence here ends at . ! ? … before a capital, and at every line break.
- ``first_person_share``: the share of sentences in first person or speaking to the reader.
- ``institutional`` (rewrites): passive s-forms left in ("etableres", "forventes") and sentences that
  start with the institution as subject ("Sundhedsstyrelsen anbefaler …"), as a count and a share.

The tip "personal tone" is computed from these (``tips.py``), and ``voice.pasted`` makes a post that is
mostly its source at least ``review``: most of its 4-grams copied, or nearly all of the source's kept
verbatim in a post that is still largely copied (a short original returned whole under an opening).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sendemast.guidelines.engine.registry import rule
from sendemast.guidelines.text.lexicon import Tokens
from sendemast.guidelines.text.verbs import Verbs

if TYPE_CHECKING:
    from sendemast.guidelines.engine.model import Finding
    from sendemast.guidelines.engine.post import Post

NGRAM = 4
SOURCE_KINDS = ("notes", "original")
# a sentence ends at . ! ? … (and closing quotes) before anything but a small letter or a digit, and at
# every line break ("kl. 13", "ca. 200", "mio. kr." do not end one)
_UNIT_END = re.compile(r"[.!?…]+[\"'”’»)\]]*[ \t]+(?=[^\sa-zæøåäöüé0-9])|\n+")
_BULLET = re.compile(r"^(?:[-–—*•·▪●◦‣>]+|\d{1,2}[.)])\s+")
_LABEL = re.compile(r"^([^\W\d_][^\W_]*(?:[ \-/&][^\W_]+){0,3})\s*:(?:\s|$)")
_MINUTES = re.compile(r"\d")


@dataclass(frozen=True)
class Written:
    copied_share: float | None
    fragments: int
    first_person_share: float
    sentences: int
    institutional: dict[str, float | int] | None = None  # {"count", "share"}, for a rewrite
    # the other way round: the share of the source's 4-grams that stand verbatim in the post (a short
    # original returned whole under a long opening is little of the post, but all of the original)
    kept_share: float | None = None

    @property
    def fragment_share(self) -> float:
        return self.fragments / self.sentences if self.sentences else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "copied_share": self.copied_share,
            "fragments": self.fragments,
            "first_person_share": self.first_person_share,
        }
        if self.institutional is not None:
            out["institutional"] = dict(self.institutional)
        return out


def written_of(post: Post) -> Written:
    """The measure of ``post`` (against ``post.source`` when it has one), computed once per post."""
    cached = post.__dict__.get("_written")
    if cached is None:
        cached = post.__dict__["_written"] = _measure(post)
    return cached


def verbs_of(post: Post) -> Verbs:
    return verbs_for(post.rs, post.lang)


def verbs_for(rs: Any, lang: str) -> Verbs:
    verbs: Verbs = rs.memo(f"verbs:{lang}", lambda: Verbs(rs, lang))
    return verbs


def is_fragment(text: str, rs: Any, lang: str) -> bool:
    """``text`` judged as one sentence: a label and a colon, or no finite verb (the composer asks this of
    each sentence a model writes; a post is cut into its sentences first)."""
    tokens = Tokens(text, [])
    if not tokens.lowers:
        return True
    return _is_fragment(_Unit(text, 0, len(tokens.lowers)), tokens, verbs_for(rs, lang))


@dataclass
class _Unit:
    text: str  # without its bullet
    first: int  # index of its first word in the post's tokens
    last: int  # one past its last word


def _prose_tokens(post: Post) -> Tokens:
    """The post's words without URLs, addresses, mentions and hashtags."""
    if not post.hashtags:
        return post.tokens  # already without URLs, addresses and mentions
    skip = sorted(post.masked + [(s, e) for s, e, _ in post.hashtags])
    return Tokens(post.text, skip)


def _units(text: str, tokens: Tokens) -> list[_Unit]:
    units: list[_Unit] = []
    start, index = 0, 0
    ends = [m.end() for m in _UNIT_END.finditer(text)] + [len(text)]
    for end in ends:
        first = index
        index = bisect_left(tokens.starts, end, first)
        if index > first and not all(w.isdigit() for w in tokens.lowers[first:index]):
            piece = text[start:end].strip()
            bullet = _BULLET.match(piece)
            units.append(_Unit(piece[bullet.end() :] if bullet else piece, first, index))
        start = end
    return units


def _measure(post: Post) -> Written:
    verbs = verbs_of(post)
    tokens = _prose_tokens(post)
    units = _units(post.text, tokens)
    fragments = sum(1 for u in units if _is_fragment(u, tokens, verbs))
    personal = sum(1 for u in units if _is_personal(post, u, tokens))
    n = len(units)
    institutional = None
    if post.source is not None and post.source_kind == "original":
        hits, touched = _institutional(units, tokens, verbs)
        institutional = {"count": hits, "share": round(touched / n, 2) if n else 0.0}
    copied, kept = _overlap(post, tokens) if post.source is not None else (None, None)
    return Written(
        copied_share=copied,
        kept_share=kept,
        fragments=fragments,
        first_person_share=round(personal / n, 2) if n else 0.0,
        sentences=n,
        institutional=institutional,
    )


def _overlap(post: Post, tokens: Tokens) -> tuple[float, float]:
    """(copied share, kept share): the post's 4-grams found in the source, the source's found in the post."""
    from sendemast.guidelines.engine.post import Post as PostType

    assert post.source is not None
    source = PostType(post.source, post.channel, post.lang, post.rs)
    source_grams = _grams(_prose_tokens(source).lowers)
    grams = _grams(tokens.lowers)
    in_source, in_post = set(source_grams), set(grams)
    copied = sum(1 for g in grams if g in in_source) / len(grams) if grams else 0.0
    kept = sum(1 for g in source_grams if g in in_post) / len(source_grams) if source_grams else 0.0
    return round(copied, 2), round(kept, 2)


def _grams(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1)]


def _is_fragment(unit: _Unit, tokens: Tokens, verbs: Verbs) -> bool:
    label = _LABEL.match(unit.text)
    if label and label.group(1).split()[0].lower() not in verbs.not_labels:
        words = label.group(1).lower().split()
        if not any(verbs.is_finite(w, None) for w in words):
            return True  # "Personalet: færre tunge forflytninger"
    if not verbs.finite.isdisjoint(tokens.lowers[unit.first : unit.last]):
        return False  # "er", "har", "var" …: most sentences have one of the list
    first = tokens.lowers[unit.first]
    for phrase in verbs.whole.get(first, ()):
        if tuple(tokens.lowers[unit.first : unit.first + len(phrase)]) == phrase:
            return False  # "Tak til teamet."
    if unit.last - unit.first <= 5 and unit.text.rstrip("\"'”’») ").endswith(("!", "?")):
        return False  # "Godt gået, alle sammen!"
    for i in range(unit.first, unit.last):
        if tokens.origs[i][:1].isupper() and i > unit.first and tokens.origs[i] != "I":
            continue  # a name
        prev = tokens.lowers[i - 1] if i > unit.first else None
        prev2 = tokens.lowers[i - 2] if i > unit.first + 1 else None
        after = tokens.lowers[i + 1] if i + 1 < unit.last else None
        if verbs.is_finite(tokens.lowers[i], prev, prev2, after):
            return False
    return True


def _is_personal(post: Post, unit: _Unit, tokens: Tokens) -> bool:
    """First person ("jeg", "vi", "I", "we") or the reader addressed ("du", "jer", "you")."""
    words = post.rs.memo(f"personal:{post.lang}", lambda: frozenset(
        str(w).lower()
        for name in ("first_person", "first_person_plural", "address")
        for w in post.rs.wordlist(post.lang, name)
        if isinstance(w, str)
    ))
    for i in range(unit.first, unit.last):
        orig, lower = tokens.origs[i], tokens.lowers[i]
        if orig == "I":
            if post.lang == "en" or i > unit.first:  # Danish "I" is "you" unless it starts the sentence
                return True
            continue
        if lower in words:
            if lower == "min" and i > unit.first and _MINUTES.search(tokens.origs[i - 1]):
                continue  # "4 min."
            if orig == "US":
                continue
            return True
    return False


def _institutional(units: list[_Unit], tokens: Tokens, verbs: Verbs) -> tuple[int, int]:
    """(hits, sentences with a hit): passive forms, and the institution as a sentence's subject."""
    hits = touched = 0
    for unit in units:
        found = 0
        for i in range(unit.first, unit.last):
            prev = tokens.lowers[i - 1] if i > unit.first else None
            prev2 = tokens.lowers[i - 2] if i > unit.first + 1 else None
            if verbs.is_passive(tokens.lowers[i], prev, prev2):
                found += 1
        found += _institution_subject(unit, tokens, verbs)
        hits += found
        touched += bool(found)
    return hits, touched


def _institution_subject(unit: _Unit, tokens: Tokens, verbs: Verbs) -> bool:
    """The sentence starts with the institution and its verb: "Fjordmark Kommune har …", "Region
    Midtjylland oplyser …", "The Danish Health Authority recommends …"."""
    i, end = unit.first, min(unit.last, unit.first + 5)
    while i < end and not verbs.is_institution(tokens.lowers[i]):
        if not (tokens.origs[i][:1].isupper() or tokens.lowers[i] in ("the", "det", "den")):
            return False  # "Jeg", "vi" or a small word before any institution: not its subject
        if tokens.lowers[i] in ("jeg", "vi", "i", "we"):
            return False
        i += 1
    if i >= end:
        return False
    i += 1
    while i < unit.last and (tokens.origs[i][:1].isupper() or tokens.lowers[i] in ("of", "for")):
        i += 1  # "Region Midtjylland", "Ministry of Health"
    if i >= unit.last:
        return False
    word = tokens.lowers[i]
    return verbs.is_finite(word, None) or (verbs.lang == "en" and word.endswith("s"))


@rule("voice.pasted")
def check_pasted(post: Post) -> Iterator[Finding]:
    """Mostly the notes (a draft) or the original (a rewrite): a person must look before it is used."""
    if post.source is None:
        return
    written = written_of(post)
    copied, kept = written.copied_share or 0.0, written.kept_share or 0.0
    kind = post.source_kind if post.source_kind in SOURCE_KINDS else "notes"
    threshold = post.rs.param("voice.pasted", "threshold", {}) or {}
    limit = float(threshold.get(kind, 0.6)) if isinstance(threshold, dict) else float(threshold)
    whole = post.rs.param("voice.pasted", "kept", {}) or {}
    if copied >= limit:
        detail = "copied"
    elif kept >= float(whole.get("share", 0.8)) and copied >= float(whole.get("copied_at_least", 0.3)):
        detail = "kept"
    else:
        return
    rs, lang = post.rs, post.lang
    yield post.finding(
        "voice.pasted", 0, len(post.text), key=f"message.{kind}",
        suggestion=rs.text("voice.pasted", f"suggestion.{kind}", lang) or "",
        detail=rs.text("voice.pasted", f"detail.{kind}.{detail}", lang, copied=round(copied * 100),
                       kept=round(kept * 100)) or "",
    )
