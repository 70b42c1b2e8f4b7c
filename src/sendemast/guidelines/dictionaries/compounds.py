"""Productive compounds: the Danish words that da_DK's compound flags do not cover.

da_DK marks only some nouns as compound parts, so "ungeindsats", "infrastrukturaftalen" and "elcykler"
are unknown to Hunspell although every Dane writes them. A word is known here when it splits into a first
part (a word of the dictionary, as written or with the linking -s- or -e-: "ungdom|s", "børn|e"; a bound
first part from the dictionary's list or ``first_parts``: "sam-", "gen-"), optional middle parts of the
same kind, and a last part that the dictionary knows as a word or a compound ending, inflected or not.

What keeps typos out: at most three parts; a free part (not from a list of first parts) has four letters
or more and begins compounds in the dictionary itself (or ends in a noun ending with the linking -s-,
"inddragelses"), so a verb form ("bor|genre", "ser|ligt") is no first part; the last part is a compound
ending of four letters or more, so a typo at the end ("ældreomsorgn", "regns|kap") never splits; and no
part is a function word or an adverb ("til|sidst" is no compound: see ``joined``). What still gets
through is a well-formed compound of real words that nobody writes ("englepleje"): a real-word slip,
which this checker does not claim to find.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from sendemast.guidelines.engine.ruleset import DATA_DIR
from sendemast.yamlfile import read_yaml

if TYPE_CHECKING:
    from sendemast.guidelines.dictionaries.dictionary import Dictionary

MAX_PARTS = 3
MIN_PART = 3  # a part from the dictionary's or the organisation's list of first parts ("sam-", "hav-")
MIN_FREE_PART = 4  # any other part
PRODUCTIVE = 2  # dictionary compounds that a free first part must begin
LONG_FIRST_PART = 9  # a free first part this long needs no compounds of its own in the dictionary
LOAN_PART = 4  # an English word this long may begin a Danish compound ("onboarding|forløb")
_AGENT_ENDINGS = ("erne", "ernes", "ere", "eres", "eren", "erens")  # of a noun in -er
# Danish inflections on an English loanword: "hackathonet", "podcasten", "workshoppene"
_DANISH_ENDINGS = ("erne", "ene", "ens", "ets", "et", "en", "er", "e", "s")
_NOUN_ENDINGS_S = ("elses", "ings", "heds", "tions", "skabs", "doms", "ments", "itets", "ances", "ences",
                   "sions", "isms", "urs", "ørs", "ists")


@dataclass(frozen=True)
class WordData:
    """The spelling rule's word lists of one language (``guidelines/data/spelling.yaml``)."""

    abbreviations: frozenset[str]
    joined: dict[str, str]  # a wrongly joined word -> its right spelling
    first_parts: frozenset[str]
    short_first_parts: frozenset[str]
    function_words: frozenset[str]

    def extended(self, extra: dict[str, Any]) -> WordData:
        """These lists plus an organisation's own (``rules: language.spelling: {abbreviations: …}``)."""
        if not extra:
            return self
        return WordData(
            self.abbreviations | _lower_set(extra.get("abbreviations")),
            {**self.joined, **{str(k).lower(): str(v) for k, v in (extra.get("joined") or {}).items()}},
            self.first_parts | _lower_set(extra.get("first_parts")),
            self.short_first_parts | _lower_set(extra.get("short_first_parts")),
            self.function_words,
        )


def _lower_set(items: Any) -> frozenset[str]:
    return frozenset(str(item).lower() for item in items or [])


@cache
def word_data(lang: str) -> WordData:
    data = read_yaml(DATA_DIR / "spelling.yaml") or {}
    block = data.get(lang if lang in data else "da") or {}
    return WordData(
        _lower_set(block.get("abbreviations")),
        {str(k).lower(): str(v) for k, v in (block.get("joined") or {}).items()},
        _lower_set(block.get("first_parts")),
        _lower_set(block.get("short_first_parts")),
        _lower_set(block.get("function_words")),
    )


class Compounds:
    """``known(word)`` for lower-case words the dictionary's own compounding refused."""

    def __init__(self, dictionary: Dictionary, data: WordData, english: Dictionary | None = None) -> None:
        self._english = english.trie("word") if english is not None else None
        self._words = dictionary.trie("word")
        self._ends = dictionary.trie("end")
        self._begins = dictionary.trie("begin")
        self._bound = dictionary.trie("prefix")
        self._data = data
        self._firsts: dict[str, bool] = {}

    def known(self, word: str) -> bool:
        return len(word) >= 2 * MIN_PART and (self._split(word, 1) or self._loanword(word))

    def _loanword(self, word: str) -> bool:
        """An English word or a compound of two, with or without a Danish inflection: "hackathonet",
        "makerspace", "pumptracket"."""
        english = self._english
        if english is None:
            return False
        for ending in ("", *_DANISH_ENDINGS):
            stem = word[: len(word) - len(ending)] if ending else word
            if not ending or word.endswith(ending):
                if len(stem) >= LOAN_PART and ending and stem in english:
                    return True
                for cut in range(MIN_FREE_PART, len(stem) - MIN_FREE_PART + 1):
                    if stem[:cut] in english and stem[cut:] in english:
                        return True
        return False

    def first_part(self, part: str) -> bool:
        """Whether ``part`` may begin a compound: "børne" in "Børne- og Unge…", "sundheds"."""
        found = self._firsts.get(part)
        if found is None:
            if len(self._firsts) > 100_000:  # a long-running studio sees ever new words: keep it bounded
                self._firsts.clear()
            found = self._firsts[part] = self._first(part)
        return found

    def _first(self, part: str) -> bool:
        data = self._data
        if part in data.function_words:
            return False
        if len(part) == 2:
            return part in data.short_first_parts
        if len(part) < MIN_PART:
            return False
        if part in data.first_parts or part in self._begins or part in self._bound:
            return True
        if self._english is not None and len(part) >= LOAN_PART and part in self._english:
            return True  # an English loanword: "onboarding|forløb", "streaming|tjenesten"
        if len(part) < MIN_FREE_PART:
            return False
        # the linking -s- after a noun's own ending is the clearest sign of a compound's first part:
        # "inddragelses", "forsknings", "sundheds", "institutions", "fællesskabs"
        if part.endswith(_NOUN_ENDINGS_S) and part[:-1] in self._words:
            return True
        # any other word, or a word with its linking -s- or -e-, that begins compounds in the dictionary
        # itself: "unge" (ungeråd, ungekultur …), "infrastruktur", "pårørende"; not "bor", "deltage" or
        # "forælde", which end no compound of the dictionary's
        stem = part[:-1] if part[-1] in "se" else ""
        if part in self._words and len(part) >= LONG_FIRST_PART:
            return True  # a long word: a noun far more often than not ("hjertestarter|netværket")
        if part in self._words or (len(stem) >= MIN_FREE_PART and stem in self._words):
            return self._productive(part)
        return False

    def _productive(self, part: str) -> bool:
        """Whether at least ``PRODUCTIVE`` words of the dictionary are ``part`` + a compound ending."""
        found = 0
        for key in self._words.iterkeys(part):
            if key != part and key[len(part) :] in self._ends and len(key) - len(part) >= MIN_PART:
                found += 1
                if found >= PRODUCTIVE:
                    return True
        return False

    def _last(self, part: str) -> bool:
        # a compound ending of the dictionary (nouns, adjectives, participles, with their inflections) of
        # four letters or more; a plain word form is not enough: da_DK lists forms such as "opladte" that
        # end no compound, and short endings ("-vis", "-kap") turn typos into compounds
        if len(part) < MIN_FREE_PART or part in self._data.function_words:
            return False
        if part in self._ends:
            return True
        # da_DK lists some nouns in -er without their plural: "opstiller" but not "opstillerne"
        for ending in _AGENT_ENDINGS:
            if part.endswith(ending) and part[: len(part) - len(ending) + 2] in self._ends:
                return True
        return False

    def _split(self, word: str, parts: int) -> bool:
        # the longest first part first: "ældreudspil" tries "ældreud|spil" before "ældre|udspil", and
        # either answer is the same; a word rarely has more than a handful of candidate split points
        for cut in range(len(word) - MIN_FREE_PART, 1, -1):
            first, rest = word[:cut], word[cut:]
            if not self.first_part(first):
                continue
            if self._last(rest):
                return True
            if parts + 1 < MAX_PARTS and len(rest) >= 2 * MIN_FREE_PART and self._split(rest, parts + 1):
                return True
        return False
