"""``language.spelling``: words that are in neither the language's Hunspell dictionary nor the workspace's
own vocabulary, each with up to three suggestions; above a rate of unknown words the findings are review.

Looking a word up is a set test on the expanded forms (:mod:`sendemast.guidelines.dictionaries.dictionary`),
memoised per word, so a batch pays for each distinct word once. Compounds, which Danish writes as one word,
are known when they split by the dictionary's own compound flags ("kælderafsnittet") or, by default
(``compounds: productive``), by the productive rule of :mod:`sendemast.guidelines.dictionaries.compounds`
("ungeindsats", "infrastrukturaftalen", "elcykler"); ``strict`` keeps to the flags (and refuses the
dictionary's free first parts that are words by themselves, "engle-"), ``dictionary`` is Hunspell's own.

What else is not a misspelling:
- a capitalised word inside a sentence (or starting one, before another capitalised word) that the
  dictionary does not know is a name: an ``language.name`` info finding ("ukendt navn"), never counted
  towards the rate, so a misspelt name can still be seen;
- the first part of a hyphenated pair ("Børne- og Undervisningsministeriet") that may begin a compound;
- a run of English words inside Danish ("know-how", "best practice"), and a long English word
  ("onboarding"), known to the English dictionary;
- the abbreviations of ``guidelines/data/spelling.yaml`` ("tlf.", "bl.a.", "pct."), which an organisation
  extends in its rules file.
Words people wrongly join ("igår", "tilsidst") are unknown even when the compound rules would take them,
with the right spelling as the suggestion. Real-word slips (a wrong word that is a word) are not found.

Never checked: hashtags, @mentions, URLs, e-mail addresses, words with digits, abbreviations (all capitals,
or with dots: "f.eks."), words with inner capitals ("LinkedIn"), single letters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, cast

from sendemast.guidelines.dictionaries.compounds import Compounds, WordData, word_data
from sendemast.guidelines.dictionaries.suggestions import near_plain_word, suggestions
from sendemast.guidelines.dictionaries.vocabulary import Vocabulary, vocabulary_of
from sendemast.guidelines.engine.post import paragraph_spans
from sendemast.guidelines.engine.registry import rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sendemast.guidelines.dictionaries.dictionary import Dictionary
    from sendemast.guidelines.engine.model import Finding
    from sendemast.guidelines.engine.post import Post

RULE = "language.spelling"
NAME_RULE = "language.name"  # a capitalised word the dictionary does not know: info, not a misspelling
DEFAULT_COMPOUNDS = "productive"
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
    names: list[str] = field(default_factory=list)  # capitalised words the dictionary does not know

    @property
    def rate_per_100(self) -> float:
        return round(100.0 * self.count / self.words, 2) if self.words else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"unknown": self.unknown, "rate_per_100": self.rate_per_100, "words": self.words,
                "names": self.names}


@dataclass
class Scan:
    """What one scan of a text found: misspelling candidates, names, and the number of words."""

    unknown: list[UnknownWord]
    names: list[UnknownWord]
    words: int

    @staticmethod
    def joined(parts: list[tuple[int, Scan]]) -> Scan:
        """The scans of a post's paragraphs, each at its offset, as one (see paragraphs.py)."""
        def moved(items: list[UnknownWord], at: int) -> list[UnknownWord]:
            return [UnknownWord(u.word, u.start + at, u.end + at) for u in items] if at else items

        return Scan(
            [u for at, scan in parts for u in moved(scan.unknown, at)],
            [n for at, scan in parts for n in moved(scan.names, at)],
            sum(scan.words for _, scan in parts),
        )


# public library functions -------------------------------------------------------------------------
def unknown_words(
    text: str, lang: str, vocabulary: Vocabulary | None = None, *, compounds: str = DEFAULT_COMPOUNDS
) -> list[UnknownWord]:
    """The words of ``text`` that neither the dictionary of ``lang`` nor ``vocabulary`` knows, with their
    offsets; names (capitalised words inside a sentence) are not among them. No suggestions: fast enough
    to call per sentence."""
    from sendemast.guidelines.engine.post import Post

    post = Post(text, "linkedin", lang, cast(Any, None))  # only its URL/mention/hashtag spans are used
    return _scan(post, lang, vocabulary, compounds, word_data(_lang(lang))).unknown


def is_known(word: str, lang: str, *, compounds: str = DEFAULT_COMPOUNDS) -> bool:
    """Whether the dictionary of ``lang`` accepts ``word`` (as written, or lowercased when capitalised)."""
    return _known_cased(word, _lang(lang), compounds, word_data(_lang(lang)))


def suggest(word: str, lang: str, limit: int = 3, *, compounds: str = DEFAULT_COMPOUNDS) -> list[str]:
    """Up to ``limit`` known words close to ``word``: the right spelling of a wrongly joined word
    ("igår" → "i går"), the dictionary's REP pairs, then one edit."""
    key = (word, lang, compounds, limit)
    found = _SUGGESTIONS.get(key)
    if found is None:
        if len(_SUGGESTIONS) > 20_000:
            _SUGGESTIONS.clear()
        joined = word_data(_lang(lang)).joined.get(word.lower())
        if joined is not None:
            found = [_cased_like(word, joined)]
        else:
            found = suggestions(_dictionary(lang), word, limit, strict=compounds != "dictionary")
        _SUGGESTIONS[key] = found
    return found


def _cased_like(word: str, right: str) -> str:
    return right[:1].upper() + right[1:] if word[:1].isupper() else right


def _lang(lang: str) -> str:
    return lang if lang in ("da", "en") else "da"


# the rule -------------------------------------------------------------------------------------------
@rule(RULE)
def check_spelling(post: Post) -> Iterator[Finding]:
    rs = post.rs
    compounds = str(rs.param(RULE, "compounds", DEFAULT_COMPOUNDS))
    lang = _lang(post.lang)
    data = rs.memo(f"spelling:data:{lang}", lambda: _word_data(rs, lang))
    scan = post.__dict__.get("spelling_scan")  # made paragraph by paragraph by a ParagraphCache
    if scan is None:
        scan = scan_post(post)
    unknown, words = scan.unknown, scan.words
    limit = int(rs.param(RULE, "suggestions", 3))
    report = SpellingReport([], words, len(unknown), [n.word for n in scan.names])
    post.__dict__["spelling_report"] = report  # the checker puts it into the result's "spelling" block
    if rs.enabled(NAME_RULE) and NAME_RULE in rs.rules:
        for name in scan.names:  # shown, so that a misspelt name can be seen; never a misspelling
            yield replace(post.finding(NAME_RULE, name.start, name.end, word=name.word), rule=NAME_RULE)
    if not unknown:
        return
    rate = 100.0 * len(unknown) / max(1, words)
    ceiling = float(rs.param(RULE, "review_above_per_100", 2))
    over = len(unknown) >= int(rs.param(RULE, "review_min_unknown", 2)) and rate > ceiling
    note = rs.text(RULE, "rate_note", post.lang, rate=f"{rate:.1f}", max=f"{ceiling:g}") if over else None
    cap = int(rs.param(RULE, "max_findings", 100))
    for item in unknown[:cap]:  # the rate counts them all; a 2 MB post does not get 100,000 findings
        joined = data.joined.get(item.word.lower())  # the organisation's own joined words too
        if joined is not None:
            close = [_cased_like(item.word, joined)]
        else:
            close = suggest(item.word, post.lang, limit, compounds=compounds) if limit > 0 else []
        report.unknown.append({"word": item.word, "start": item.start, "end": item.end, "suggestions": close})
        text = rs.text(RULE, "suggestion", post.lang, suggestions=", ".join(close))
        finding = post.finding(RULE, item.start, item.end, suggestion=text if close else "", word=item.word)
        if over:  # many unknown words: a person should read the post before it goes out
            finding = replace(finding, severity="review", message=f"{finding.message} {note or ''}".strip())
        yield finding


def scan_post(post: Post) -> Scan:
    """The spelling scan of ``post`` with its rules' settings and the profile's vocabulary."""
    rs = post.rs
    compounds = str(rs.param(RULE, "compounds", DEFAULT_COMPOUNDS))
    vocabulary = vocabulary_of(post.profile, extra=rs.memo("spelling:known", lambda: _known_words(rs)))
    lang = _lang(post.lang)
    data = rs.memo(f"spelling:data:{lang}", lambda: _word_data(rs, lang))
    return _scan(post, post.lang, vocabulary, compounds, data)


def _known_words(rs: Any) -> frozenset[str]:
    """``known_words`` from the rules data: an organisation's own words, lowercase."""
    return frozenset(str(w).lower() for w in rs.param(RULE, "known_words", []) or [])


def _word_data(rs: Any, lang: str) -> WordData:
    """The shipped word lists of ``lang`` plus the organisation's (``abbreviations``, ``joined``,
    ``first_parts`` under the rule, for the post's language or both: ``{da: {...}}``)."""
    own = {name: rs.param(RULE, name) for name in ("abbreviations", "joined", "first_parts")}
    by_lang = rs.param(RULE, lang) or {}
    for name, value in (by_lang.items() if isinstance(by_lang, dict) else ()):
        own[name] = value
    return word_data(lang).extended({k: v for k, v in own.items() if v})


# scanning -------------------------------------------------------------------------------------------
def _scan(
    post: Post, lang: str, vocabulary: Vocabulary | None, compounds: str, data: WordData
) -> Scan:
    """Unknown words and names, and the number of words outside hashtags, URLs, addresses and mentions."""
    lang = _lang(lang)
    tokens = post.tokens  # the words every rule uses: URLs, e-mail addresses and mentions already out
    tags = post.hashtags
    words = len(tokens)
    if tags:
        words -= sum(1 for start, end, _ in tags for _ in _TOKEN.finditer(post.text, start, end))
    # set arithmetic in C first: in a batch nearly every word was seen before (a doubtful word inside a
    # hashtag only sends the post down the slow path, which leaves hashtags out)
    doubtful = _unknown_of(set(tokens.origs), lang, compounds, data)
    if doubtful and vocabulary is not None:
        doubtful = {w for w in doubtful if w not in vocabulary}
    if not doubtful:
        return Scan([], [], words)
    # the slow path, for posts with a doubtful word: words with apostrophes and dots ("isn't", "f.eks")
    # are one word here, and hashtags are out too
    text = _blank(post.text, sorted(post.masked + [(start, end) for start, end, _ in tags]))
    matches = list(_TOKEN.finditer(text))
    found = list(map(re.Match.group, matches))  # map() over the unbound method keeps the loops in C
    doubtful = _unknown_of(set(found), lang, compounds, data)
    if doubtful and vocabulary is not None:
        doubtful = {w for w in doubtful if w not in vocabulary}
    unknown: list[UnknownWord] = []
    names: list[UnknownWord] = []
    if not doubtful:
        return Scan(unknown, names, words)
    # a word capitalised inside a sentence is a name wherever it stands in the same paragraph (a name is
    # known by what the reader sees around it; and so a paragraph is checked alone as in the whole post)
    paragraphs = [start for start, _ in paragraph_spans(text)] if "\n" in text else [0]
    capitalised_inside = {
        (bisect_right(paragraphs, m.start()), m.group())
        for m in matches
        if m.group()[:1].isupper() and not _starts_sentence(text, m.start())
    }
    for index in (i for i, word in enumerate(found) if word in doubtful):
        match = matches[index]
        word, start, end = match.group(), match.start(), match.end()
        if end < len(text) and text[end] == "." and _abbreviation(word + ".", lang, data):
            continue  # "ca.", "tlf.", "pct.": abbreviations, with their dot
        if _hyphenated_first_part(text, end) and _first_part(word, lang, data, compounds):
            continue  # "Børne- og Undervisningsministeriet", "sundheds- og ældreområdet"
        item = UnknownWord(word, start, end)
        if word[:1].isupper() and word.lower() not in data.joined and (
            (bisect_right(paragraphs, start), word) in capitalised_inside
            or _name_follows(matches, index)
            or word in _given_names(post)
        ):
            names.append(item)
            continue
        unknown.append(item)
    if len(unknown) >= 2:
        unknown = _other_language_sentences(unknown, text, lang, compounds, post.sentences)
    if unknown and lang == "da":
        not_english = _unknown_of(set(found), "en", compounds, word_data("en"))
        english = _English(found, matches, text, doubtful, not_english)
        unknown = [u for u in unknown if not english.here(u)]
    return Scan(unknown, names, words)


# A word starts a sentence (its capital says nothing) after one of these, or at the start of the text.
_INITIAL = frozenset(".!?:\n•·▪-–—\"“”«»(")


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _INITIAL


def _name_follows(matches: list[re.Match[str]], index: int) -> bool:
    """A capitalised word right after this one: a name of two words ("Mette Kjærsgaard", "Engbo Skole")."""
    if index + 1 >= len(matches):
        return False
    nxt = matches[index + 1]
    gap = nxt.string[matches[index].end() : nxt.start()]
    return nxt.group()[:1].isupper() and gap in (" ", "-")


def _given_names(post: Post) -> frozenset[str]:
    rs = post.rs
    if rs is None:
        return frozenset()
    return cast(frozenset[str], rs.memo("spelling:given", lambda: frozenset(
        str(n) for n in rs.names.get("given", []) if isinstance(n, str))))


def _hyphenated_first_part(text: str, end: int) -> bool:
    """The word ends in a hyphen that stands for the rest of a compound: "Børne- og", "social-, "."""
    return text[end : end + 1] == "-" and (end + 1 == len(text) or text[end + 1] in " ,/\n")


def _first_part(word: str, lang: str, data: WordData, compounds: str) -> bool:
    """Whether ``word`` may begin a compound (under the rule's compound setting) or is a word itself."""
    productive = compounds == "productive" and _compounds(lang, data).first_part(word.lower())
    return productive or _known_cased(word, lang, compounds, data)


# English inside Danish: a word the English dictionary knows, beside another English word that Danish
# does not know ("know-how", "best practice"), or long enough not to be a slip of a Danish word
# ("onboarding"). Whole English sentences are found before this, by _other_language_sentences.
_ENGLISH_ALONE = 7


@dataclass
class _English:
    found: list[str]
    matches: list[re.Match[str]]
    text: str
    not_danish: set[str]
    not_english: set[str]

    @cached_property
    def _starts(self) -> list[int]:
        return [m.start() for m in self.matches]

    def here(self, item: UnknownWord) -> bool:
        word = item.word
        if word in self.not_english:
            return False
        if len(word) >= _ENGLISH_ALONE:
            return True
        index = bisect_right(self._starts, item.start) - 1
        for left, right in ((index - 1, index), (index, index + 1)):
            if left < 0 or right >= len(self.found):
                continue
            other = self.found[left if right == index else right]
            gap = self.text[self.matches[left].end() : self.matches[right].start()]
            if gap in (" ", "-") and other not in self.not_english and other in self.not_danish:
                return True
        return False


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` turned into spaces: offsets stay those of the original text."""
    pieces, last = [], 0
    for start, end in spans:
        if start >= last:
            pieces += [text[last:start], " " * (end - start)]
            last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _unknown_of(words: set[str], lang: str, compounds: str, data: WordData) -> set[str]:
    known, unknown = _MEMOS.setdefault((lang, compounds, id(data)), (set(), set()))
    new = words - known
    if not new:
        return new
    out = new & unknown
    for word in new - unknown:
        if _skip(word) or _known_cased(word, lang, compounds, data):
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
    foreign = _unknown_of({u.word for u in unknown}, other, compounds, word_data(other))
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


def _abbreviation(word: str, lang: str, data: WordData) -> bool:
    return word.lower() in data.abbreviations or _dictionary_abbreviation(word, lang)


@lru_cache(maxsize=4096)
def _dictionary_abbreviation(word: str, lang: str) -> bool:
    return word in _dictionary(lang) or word.lower() in _dictionary(lang)


def _skip(word: str) -> bool:
    if len(word) < 2 or "." in word or any(c.isdigit() for c in word):
        return True
    if word.isupper():
        return True  # an abbreviation: "KL", "FN", "SOSU"
    if not any(c < "\u0250" for c in word):
        return True  # another script (你好, مرحبا, Привет): a quotation or a name, not a Danish misspelling
    return not word[1:].islower() and not word[1:].replace("'", "").replace("’", "").islower()


# (known, unknown) words per language, compounds setting and word lists (the shipped ones, or an
# organisation's, which live as long as its ruleset)
_MEMOS: dict[tuple[str, str, int], tuple[set[str], set[str]]] = {}
_COMPOUNDS: dict[tuple[str, int], Compounds] = {}
_SUGGESTIONS: dict[tuple[str, str, str, int], list[str]] = {}


def _dictionary(lang: str) -> Dictionary:
    from sendemast.guidelines.dictionaries.dictionary import load_dictionary

    return load_dictionary(lang)


def _compounds(lang: str, data: WordData) -> Compounds:
    found = _COMPOUNDS.get((lang, id(data)))
    if found is None:
        english = _dictionary("en") if lang == "da" else None  # loanwords in Danish compounds
        found = _COMPOUNDS[(lang, id(data))] = Compounds(_dictionary(lang), data, english)
    return found


def _known_cased(word: str, lang: str, compounds: str, data: WordData) -> bool:
    word = word.replace("’", "'")
    low = word.lower()
    if low in data.joined:
        return False  # "igår", "tilsidst": wrongly joined, whatever the compound rules would say
    d = _dictionary(lang)
    capital = word[:1].isupper()
    if word in d or (capital and low in d):
        return True
    strict = compounds != "dictionary"
    compound = d.compound(word, strict) or (capital and d.compound(low, strict)) or (
        compounds == "productive" and _compounds(lang, data).known(low)
    )
    if compound:
        # a compound one letter from a plain word is that word misspelt ("opgaverene"), except in
        # Hunspell's own mode, which takes every compound its flags allow
        return compounds == "dictionary" or not near_plain_word(d, low)
    if not capital:
        return False
    # a name the other language's dictionary lists: "Vestby" in an English post, "Microsoft" in a Danish one
    return word in _dictionary("en" if lang == "da" else "da")
