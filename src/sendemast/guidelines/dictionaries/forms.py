"""Inflected forms for the word lists: "lyver" also matches "lyve" and "lyvende", "fortrolig" "fortrolige".

The forms of the shipped entries come from simplemma's Danish and English lemma dictionaries (both
ship in its PyPI wheel): every form that shares an entry's lemma. Loading those dictionaries takes
seconds, over the checker's cold-start budget, so the forms the shipped lists need are computed once,
here, and shipped as ``data/forms-da.json`` / ``data/forms-en.json``:

    python -m sendemast.guidelines.dictionaries.forms   # rewrite the tables (needs simplemma: the dev extra)

A test rebuilds them and fails when they are stale. A word the table does not hold — an organisation's
own entry — gets the regular endings by rule (:func:`regular_forms`), which over-generates harmlessly:
a form that is no word never occurs in a post.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parents[1] / "data"
LANGUAGES = ("da", "en")
MIN_LENGTH = 3  # shorter words ("i", "på", "os") are function words: matched as written

_DA_ENDINGS = ("e", "t", "en", "et", "er", "ere", "erne", "ene", "s", "es", "ens", "ets", "ede", "ende", "te")
_DA_E_ENDINGS = ("r", "s", "n", "ns", "ne", "nde", "de", "t", "rne", "res")
_EN_ENDINGS = ("s", "es", "ed", "ing")


def table_path(lang: str) -> Path:
    return DATA_DIR / f"forms-{lang}.json"


@cache
def shipped_table(lang: str) -> Mapping[str, tuple[str, ...]]:
    """word -> its forms, for the words of the shipped lists (empty if the file is missing)."""
    try:
        data = json.loads(table_path(lang).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {word: tuple(forms) for word, forms in data.get("forms", {}).items()}


def regular_forms(word: str, lang: str) -> set[str]:
    """The regular endings of ``word``: Danish nouns (-en, -et, -er, -erne), verbs (-er, -ede, -et, -te,
    and the stem of an infinitive in -e: "stemme" -> "stem", "stemt"), adjectives (-e, -t); English -s,
    -ed, -ing."""
    forms = {word}
    if lang == "en":
        forms.update(word + ending for ending in _EN_ENDINGS)
        if word.endswith("e"):
            forms.update((word + "d", word[:-1] + "ing"))
        elif len(word) >= 3 and word[-1] in "bdgklmnprt" and word[-2] in "aeiou" and word[-3] not in "aeiou":
            forms.update((word + word[-1] + "ed", word + word[-1] + "ing"))  # spin -> spinning
        if word.endswith("y") and len(word) > 3:
            forms.update((word[:-1] + "ies", word[:-1] + "ied"))
        return forms
    if word.endswith("e"):
        stem = word[:-1]
        forms.update(word + ending for ending in _DA_E_ENDINGS)
        if len(stem) >= 3 and stem[-1] == stem[-2]:
            stem = stem[:-1]  # stemme -> stem
        forms.update((stem, stem + "t", stem + "te", stem + "ede", stem + "et"))
    else:
        forms.update(word + ending for ending in _DA_ENDINGS)
    return forms


def inflector(lang: str, uninflected: Iterable[str] = (), not_forms: Iterable[str] = ()) -> Any:
    """A function word -> forms for :class:`~sendemast.guidelines.text.lexicon.Lexicon` (``inflect=``)."""
    table = shipped_table(lang)
    keep_as_written = frozenset(str(w).lower() for w in uninflected)
    excluded = frozenset(str(w).lower() for w in not_forms)

    def inflect(word: str) -> Iterable[str]:
        if len(word) < MIN_LENGTH or word in keep_as_written or not word.isalpha():
            return (word,)
        forms = table.get(word)
        found = set(forms) if forms is not None else regular_forms(word, lang)
        return [f for f in found if f not in excluded] + [word]

    return inflect


# building the tables (development only) ------------------------------------------------------------
def words_to_inflect(words: Mapping[str, Any]) -> set[str]:
    """Every plain word of the entries in the lists ``words['inflected_lists']`` names."""
    from sendemast.guidelines.text.lexicon import _alternatives, _entry_words, _fill_slots

    out: set[str] = set()
    slots = words.get("slots") or {}
    for name in words.get("inflected_lists") or []:
        entries = words.get(name) or []
        for entry in entries.keys() if isinstance(entries, Mapping) else entries:
            entry = str(entry).strip()
            if entry.startswith("re:"):
                continue
            for word in _entry_words(_fill_slots(entry, slots)):
                for alternative in _alternatives(word.rstrip("?")):
                    alternative = alternative.lower()
                    if not alternative.startswith("=") and "*" not in alternative and alternative.isalpha():
                        out.add(alternative)
    return out


def build_table(lang: str, words: Iterable[str]) -> dict[str, list[str]]:
    """The forms of each word from simplemma's dictionary: the forms of its lemma, of the word taken as
    a lemma, and — for a bare verb stem ("stem", "sæt") — of the infinitive ("stemme", "sætte")."""
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

    dictionary = _load_dictionary_from_disk(lang)
    families: dict[bytes, set[bytes]] = {}
    for form, lemma in dictionary.items():
        families.setdefault(lemma, set()).add(form)
    prefix = 1 if lang == "da" else 2  # "sætte" -> "sat" is a form; English "lie" -> "lay" is another word
    out: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        key = word.encode()
        lemmas = {dictionary.get(key, key), key}
        if lang == "da":
            for candidate in (key + b"e", key + key[-1:] + b"e"):
                family = families.get(candidate, set())
                if {candidate[:-1] + b"t", candidate[:-1] + b"te", candidate[:-1] + b"ede"} & family:
                    lemmas.add(candidate)  # an infinitive with verb forms: "stem" is its imperative
        forms: set[str] = set()
        for lemma in lemmas:
            for form in families.get(lemma, set()) | {lemma}:
                text = form.decode()
                if text.isalpha() and text == text.lower() and text[:prefix] == word[:prefix]:
                    forms.add(text)
        forms.discard(word)
        if forms:
            out[word] = sorted(forms)
    return out


def write_tables() -> None:
    from sendemast.yamlfile import read_yaml

    for lang in LANGUAGES:
        words = read_yaml(DATA_DIR / f"words-{lang}.yaml")
        table = build_table(lang, words_to_inflect(words))
        payload = {
            "source": "simplemma (lemma dictionaries); python -m sendemast.guidelines.dictionaries.forms",
            "forms": table,
        }
        table_path(lang).write_text(
            json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"{table_path(lang).name}: {len(table)} words, {sum(map(len, table.values()))} forms")


if __name__ == "__main__":
    write_tables()
    sys.exit(0)
