"""Finite verbs and the passive, by rule: enough to tell a sentence from a note, and a person from an office.

No tagger (spaCy's Danish models cannot be installed offline): the word lists of ``data/written.yaml`` plus
the Hunspell dictionary the spell checker already has. A Danish word ending in -er, -ede or -te is a verb
form when its infinitive is a verb the dictionary knows (it has a present in -r and a past or a present
participle): "besøger", "besøgte", "arbejdede" are, "opgaver", "forflytninger", "plejecenter" are not. An
s-form ("etableres", "forventes") is the passive when its infinitive is such a verb; "mens", "hos",
"kommunes" are not. Without the dictionary (not installed) the lists and a few safe endings decide.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendemast.guidelines.engine.ruleset import Ruleset

_DA_PRONOUNS = frozenset({"jeg", "vi", "du", "han", "hun", "man"})
_DA_PRONOUN_OR_ARTICLE = frozenset({"de", "den", "det"})
# words that stand before "jeg", "vi" … without being the verb of an inverted sentence ("og jeg", "da vi")
_DA_BEFORE_SUBJECT = frozenset(
    {"og", "men", "eller", "som", "at", "end", "hvis", "da", "når", "fordi", "mens", "så", "hvor", "hvad",
     "hvem", "hvordan", "hvorfor", "hvornår", "før", "efter", "til", "med", "for", "om", "uden", "selvom",
     "ligesom", "både", "også", "ikke", "gerne", "bare", "lige", "nu", "kun", "altid", "aldrig", "ofte",
     "hvilket", "idet", "siden", "indtil", "imens", "skønt", "omend", "enten", "hverken", "mig", "dig", "os"}
)
_EN_PRONOUNS = frozenset({"i", "we", "you", "they"})
_EN_ARTICLES = frozenset(
    {"the", "a", "an", "this", "that", "each", "every", "our", "my", "your", "their", "its"}
)
_EN_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_EN_NOT_AFTER_PRONOUN = frozenset(
    {"and", "or", "all", "both", "also", "too", "not", "just", "really", "never", "always", "only", "still",
     "now", "often", "the", "a", "an", "to", "in", "at", "of", "for", "with", "as", "so"}
)


@cache
def _dictionary(lang: str) -> Any:
    """The spell checker's dictionary, or None when it cannot be had (then the lists decide alone)."""
    from sendemast.errors import SendemastError
    from sendemast.guidelines.dictionaries.dictionary import load_dictionary

    try:
        return load_dictionary(lang)
    except (SendemastError, ImportError, OSError) as exc:
        logging.getLogger(__name__).warning("finite verbs by word lists only: %s", exc)
        return None


def is_danish_verb(infinitive: str) -> bool:
    """``infinitive`` is a Danish verb the dictionary knows (False without the dictionary)."""
    return _is_verb(infinitive)


def danish_passive_infinitive(word: str) -> str | None:
    """The infinitive of a Danish s-passive ("etableres" → "etablere", "nås" → "nå"), or None when ``word``
    is no s-form of a verb the dictionary knows ("mens", "Borgerservice")."""
    low = word.lower()
    if not low.endswith("s") or len(low) < 4:
        return None
    return low[:-1] if _is_verb(low[:-1]) else None


def is_danish_verb_form(word: str) -> bool:
    """``word`` is an infinitive, a present, a past or a participle in -et of a verb the dictionary knows
    ("undersøge", "cyklede", "testet"), not a noun or an adjective ("test", "glat")."""
    return (_is_verb(word) or _danish_tense(word) is not None
            or (word.endswith("et") and _is_verb(word[:-2] + "e")))


@lru_cache(maxsize=65536)
def _is_verb(infinitive: str) -> bool:
    """A Danish infinitive the dictionary knows with a present (-r) and a past or present participle."""
    d = _dictionary("da")
    if d is None or len(infinitive) < 2 or infinitive not in d or infinitive + "r" not in d:
        return False
    stem = infinitive[:-1] if infinitive.endswith("e") else infinitive
    return any(
        form in d for form in (infinitive + "de", stem + "te", infinitive + "ede", infinitive + "nde")
    )


class Verbs:
    """The word lists of one language, as sets, with the tests the measure of "written" needs."""

    def __init__(self, ruleset: Ruleset, lang: str) -> None:
        def words(name: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in ruleset.wordlist(lang, name) if isinstance(w, str))

        self.lang = lang
        self.finite = words("finite_verbs")
        self.not_finite = words("not_finite")
        self.determiners = words("determiners")
        self.subjects = words("subjects")
        self.passive_not = words("passive_not")
        self.passive_forms = words("passive_forms")
        institutions = words("institutions")
        self.institutions = frozenset(w for w in institutions if not w.startswith("*"))
        self.institution_ends = tuple(w[1:] for w in institutions if w.startswith("*") and len(w) > 2)
        self.whole: dict[str, list[tuple[str, ...]]] = {}  # first word -> the phrases it starts
        for phrase in words("whole_without_verb"):
            parts = tuple(phrase.split())
            if parts:
                self.whole.setdefault(parts[0], []).append(parts)
        self.not_labels = words("not_labels")

    def is_finite(
        self, word: str, prev: str | None, prev2: str | None = None, after: str | None = None
    ) -> bool:
        """``word`` (lowercase) is a finite verb, judged with the words before and after it (or None)."""
        if word in self.finite:
            return True
        if word in self.not_finite or not word.isalpha():
            return False
        if self.lang == "en":
            return self._finite_en(word, prev, prev2)
        if after in _DA_PRONOUNS and prev is not None and word not in _DA_BEFORE_SUBJECT:
            return True  # "I dag tog jeg …": the verb before its subject
        if self.is_passive(word, prev, prev2):
            return True
        tense = _danish_tense(word)
        if prev in self.determiners:
            # "de forventede resultater", "to timer": an adjective or a noun; but "det mærker", "de
            # kommer": "de", "den", "det" are pronouns too, and before a present form the subject
            return tense == "present" and prev in _DA_PRONOUN_OR_ARTICLE
        return tense is not None

    def _finite_en(self, word: str, prev: str | None, prev2: str | None) -> bool:
        if prev in _EN_PRONOUNS and word not in _EN_NOT_AFTER_PRONOUN and word not in self.determiners:
            return True
        if prev is None or prev in self.determiners:
            return False  # "Invited to give a talk": a note starts with its participle
        if word.endswith("ed") and len(word) > 3:
            return True
        # "it works", "each director spends"
        return (word.endswith("s") and not word.endswith(("ss", "ies")) and len(word) > 2
                and (prev in self.subjects or prev2 in _EN_ARTICLES))

    def is_passive(self, word: str, prev: str | None, prev2: str | None = None) -> bool:
        """Danish: an s-form in passive use ("etableres", "forventes"); English: be + participle."""
        if self.lang == "en":
            if word in self.passive_not or not (word.endswith("ed") or word in self.passive_forms):
                return False
            if prev in _EN_BE:
                return prev2 not in _EN_PRONOUNS  # "I was impressed" is a person, not an institution
            return prev2 in _EN_BE and prev is not None and prev.endswith("ly")  # "is currently offered"
        if word in self.passive_not or len(word) < 4 or not word.endswith("s"):
            return False
        if word in self.passive_forms:
            return True
        if prev in _DA_PRONOUNS:  # "vi ses", "vi samles": reciprocal, not the institution's passive
            return False
        if not word.endswith("es"):
            return False
        if _dictionary("da") is None:
            return word.endswith("eres") and len(word) > 6  # etableres, prioriteres: safe without one
        base = word[:-1]
        if base.endswith(("ede", "te")) and _danish_tense(base) == "past":  # etableredes, købtes
            return True
        return _is_verb(base)

    def is_institution(self, word: str) -> bool:
        return word in self.institutions or (len(word) > 6 and word.endswith(self.institution_ends))


@lru_cache(maxsize=65536)
def _danish_tense(word: str) -> str | None:
    """"present" or "past" for a present (-r) or past (-ede, -te) form of a verb the dictionary knows."""
    if len(word) < 3 or _dictionary("da") is None:
        return None
    if word.endswith("ede") and (_is_verb(word[:-2]) or _is_verb(word[:-3])):  # arbejdede, boede
        return "past"
    if word.endswith("te") and (_is_verb(word[:-2] + "e") or _is_verb(word[:-2] + word[-3] + "e")):
        return "past"  # lærte, besøgte, viste; ramte, glemte (ramme, glemme)
    if word.endswith("r") and _is_verb(word[:-1]):  # besøger, bor, tror
        return "present"
    return None
