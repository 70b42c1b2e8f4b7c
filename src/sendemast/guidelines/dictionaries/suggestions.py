"""Suggestions for an unknown word: the dictionary's REP pairs ("ae" → "æ", "k" → "g"), then one edit — a
swapped, missing, extra or wrong letter (from the dictionary's TRY letters) — kept when the dictionary
knows the result; plain words before compounds, then the cheaper edit, then the longer shared beginning.

Fast enough for the checker (a few milliseconds a word, and only unknown words get here); spylls' own
suggest takes seconds per Danish word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendemast.guidelines.dictionaries.dictionary import Dictionary


def suggestions(d: Dictionary, word: str, limit: int = 3, *, strict: bool = True) -> list[str]:
    """Up to ``limit`` known words close to ``word``, best first."""
    capital = word[:1].isupper()
    lower = word.lower() if capital else word
    ranked: dict[str, tuple[int, int]] = {}

    def consider(candidate: str, cost: int) -> None:
        if candidate == lower or candidate in ranked or not candidate:
            return
        plain = candidate in d
        if plain or (" " not in candidate and d.compound(candidate, strict)):
            ranked[candidate] = (0 if plain else 1, cost)
        elif " " in candidate and all(part in d for part in candidate.split()):
            ranked[candidate] = (0, cost)

    for before, after in d.rep:
        for candidate in _rep_candidates(lower, before, after.replace("_", " ")):
            consider(candidate, 0)
    letters = sorted({c for c in d.try_chars if c.islower()} or set("abcdefghijklmnopqrstuvwxyzæøå"))
    n = len(lower)
    for i in range(n - 1):
        consider(lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :], 1)  # swapped letters
    for i in range(n):
        consider(lower[:i] + lower[i + 1 :], 1)  # a letter too many
    for i in range(n + 1):
        for c in letters:
            consider(lower[:i] + c + lower[i:], 2)  # a letter missing
    for i in range(n):
        for c in letters:
            if c != lower[i]:
                consider(lower[:i] + c + lower[i + 1 :], 2)  # a wrong letter
    best = sorted(ranked, key=lambda c: (*ranked[c], -_shared_prefix(c, lower), c))[:limit]
    return [c[:1].upper() + c[1:] if capital else c for c in best]


def near_plain_word(d: Dictionary, word: str) -> bool:
    """Whether a word of the dictionary itself (not a compound) is ``word`` (lower case) with one letter
    too many or two letters swapped, inside the word.

    A word the compound rules accept that is so close to a plain word is far more often that word
    misspelt than a new compound: "opgaverene" (opgaverne), "midlertidligt" (midlertidigt), "borgenre"
    (borgerne). Only those two edits, and only inside the word: a wrong or missing letter, the first
    letter and the last two (an inflection) are where real compounds differ from other words
    ("loftlifte"/"loftliste", "nedbringe"/"medbringe", "vandmålere"/"vandmåler"); measured on
    evals/spelling/dev.jsonl."""
    words = d.trie("word")
    n = len(word)
    for i in range(1, n - 2):
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if word[i] != word[i + 1] and i + 1 < n - 2 and swapped in words:
            return True
        # a linking -s- or -e- before four letters or more: "dags|institution" and "dag|institution"
        linking = word[i] in "se" and n - i - 1 >= 4
        if n >= NEAR_DELETION_MIN and not linking and word[:i] + word[i + 1 :] in words:
            return True
    return False


NEAR_DELETION_MIN = 10  # shorter compounds lose a letter into another word too often ("nedbringe")


def _rep_candidates(word: str, before: str, after: str) -> list[str]:
    start_anchor, end_anchor = before.startswith("^"), before.endswith("$")
    core = before.strip("^$")
    if not core:
        return []
    if start_anchor and end_anchor:
        return [after] if word == core else []
    if start_anchor:
        return [after + word[len(core) :]] if word.startswith(core) else []
    if end_anchor:
        return [word[: len(word) - len(core)] + after] if word.endswith(core) else []
    out, index = [], word.find(core)
    while index >= 0:
        out.append(word[:index] + after + word[index + len(core) :])
        index = word.find(core, index + 1)
    return out


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
