"""Word lists compiled once into one index, matched in a single pass over a post's words.

A regular expression per list (an alternation of a hundred words) costs ~10x more than looking each word
of the post up in a dictionary, and the checker runs a dozen lists on every post; so entries are indexed
by their first word (or its first or last three letters, for ``sygemeld*`` and ``*reform``) and a
post's words are looked up once. Entry syntax is documented in ``data/words-da.yaml``.

Inflection happens here, once, when a list is added: each plain word of an entry in an inflected list
becomes the set of its forms (``forms.py``), so a post is still matched by set lookups alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

WORD = re.compile(r"[^\W_]+")
# what may stand between the words of a phrase: "ikke besluttet endnu", "Venstre-siden", "People's"
# — but never a blank line: a phrase does not run from one paragraph into the next (and so a paragraph's
# hits are the same checked alone or in its post: see paragraphs.py)
_GAP = re.compile(r"(?=[ \t\n\r\u00a0\-–'’]{1,4}\Z)[^\n]*\n?[^\n]*")
_LETTERS = "[^\\W_]*"
# a word of an entry: letters with the syntax characters * | = and suffix groups "(er|ede|et)", then "?"
_ENTRY_WORD = re.compile(r"(?:[^\W_*|?()=]|[*|=]|\([^()\s]*\))+\??")
_PLAIN_ENTRY_WORD = re.compile(r"[^\W_*|?]*(?:[*|][^\W_*|?]*)*\??")  # no groups, no '=': faster
_SLOT = re.compile(r"\{([^{}\s]*)\}")
_GROUP = re.compile(r"\(([^()]*)\)")
# expands a plain word to its inflected forms (the word included); None: the list is matched as written
Inflector = Callable[[str], Iterable[str]]


class Hit(NamedTuple):
    list: str
    entry: str
    start: int
    end: int
    payload: Any = None


class Tokens:
    """The words of a text (letters and digits), with their offsets; spans in ``skip`` are left out."""

    __slots__ = ("ends", "lowers", "origs", "starts")

    def __init__(self, text: str, skip: list[tuple[int, int]] | None = None) -> None:
        if skip:  # blank the skipped spans out: the offsets stay those of the original text
            pieces, last = [], 0
            for start, end in skip:
                if start >= last:
                    pieces += [text[last:start], " " * (end - start)]
                    last = end
            pieces.append(text[last:])
            text = "".join(pieces)
        matches = list(WORD.finditer(text))
        # map() over the unbound methods keeps the loops in C: this runs for every post
        self.origs: list[str] = list(map(re.Match.group, matches))
        self.lowers: list[str] = list(map(str.lower, self.origs))
        self.starts: list[int] = list(map(re.Match.start, matches))
        self.ends: list[int] = list(map(re.Match.end, matches))

    def __len__(self) -> int:
        return len(self.origs)


class _Word:
    """One word of an entry: alternatives (``a|b``), globs (``sygemeld*``) and an optional mark (``er?``)."""

    __slots__ = ("case_sensitive", "exact", "optional", "pattern", "prefixes", "suffixes")

    def __init__(self, spec: str, case_sensitive: bool, inflect: Inflector | None = None) -> None:
        self.optional = spec.endswith("?") and len(spec) > 1
        spec = spec[:-1] if self.optional else spec
        self.case_sensitive = case_sensitive
        alternatives = [a if case_sensitive else a.lower() for a in _alternatives(spec)]
        # "=løj" is matched as written even in an inflected list ("løjer" is another word)
        as_written = [a[1:] for a in alternatives if a.startswith("=")]
        alternatives = [a for a in alternatives if not a.startswith("=")]
        exact = {a for a in alternatives if "*" not in a}
        if inflect is not None:
            exact.update(form for a in list(exact) for form in inflect(a))
        self.exact = frozenset(exact | set(as_written))
        # "sygemeld*" and "*reform" are checked with startswith/endswith; other globs need a pattern
        self.prefixes = tuple(a[:-1] for a in alternatives if a.count("*") == 1 and a.endswith("*"))
        self.suffixes = tuple(a[1:] for a in alternatives if a.count("*") == 1 and a.startswith("*"))
        others = [
            a for a in alternatives if "*" in a and a[:-1] not in self.prefixes and a[1:] not in self.suffixes
        ]
        self.pattern = (
            re.compile("|".join(_LETTERS.join(map(re.escape, a.split("*"))) for a in others))
            if others
            else None
        )

    def matches(self, lower: str, orig: str) -> bool:
        word = orig if self.case_sensitive else lower
        return (
            word in self.exact
            or (bool(self.prefixes) and word.startswith(self.prefixes))
            or (bool(self.suffixes) and word.endswith(self.suffixes))
            or (self.pattern is not None and self.pattern.fullmatch(word) is not None)
        )

    def index_keys(self) -> tuple[list[str], list[str], list[str]] | None:
        """Keys to find this word by (exact words, 3-letter prefixes, 3-letter suffixes); None if none."""
        if (
            self.pattern is not None
            or any(len(p) < 3 for p in self.prefixes)
            or any(len(s) < 3 for s in self.suffixes)
        ):
            return None
        return (
            [w.lower() for w in self.exact],
            [p[:3].lower() for p in self.prefixes],
            [s[-3:].lower() for s in self.suffixes],
        )


class _Entry(NamedTuple):
    list: str
    entry: str
    words: tuple[_Word, ...]
    payload: Any


class Lexicon:
    """Many named word lists behind one index; :meth:`scan` returns the hits of every list at once.

    Index tables: ``_plain`` maps a word to the (list, entry, payload) of one-word, case-insensitive,
    exact entries, which match by the lookup alone; ``_pairs`` maps two words to phrases starting with
    them; ``_by_word``/``_by_prefix``/``_by_suffix`` hold the rest, checked word by word.
    """

    def __init__(self) -> None:
        self._plain: dict[str, list[tuple[str, str, Any]]] = {}
        self._pairs: dict[tuple[str, str], list[_Entry]] = {}
        self._by_word: dict[str, list[_Entry]] = {}
        self._by_prefix: dict[str, list[_Entry]] = {}
        self._by_suffix: dict[str, list[_Entry]] = {}
        self._regexes: list[tuple[str, str, re.Pattern[str], Any]] = []
        self._pair_firsts: set[str] = set()
        # word -> (plain hits, may start a pair, other candidates): posts repeat their words, so each
        # distinct word is looked up in the five tables once, not at every occurrence
        self._word_cache: dict[str, tuple[list[tuple[str, str, Any]], bool, list[_Entry]]] = {}
        self.names: set[str] = set()

    def add(
        self,
        name: str,
        entries: Iterable[str] | Mapping[str, Any],
        *,
        case_sensitive: bool = False,
        inflect: Inflector | None = None,
        slots: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Add a list; a mapping's values become the hits' payload (e.g. a plainer word).

        ``inflect`` widens each plain word to its forms; ``slots`` fill ``{name}`` in entries
        ("sæt {possessive}? kryds ved"); ``{a|b}`` inline is the same as ``a|b``."""
        self.names.add(name)
        self._word_cache.clear()
        items = entries.items() if isinstance(entries, Mapping) else ((e, None) for e in entries)
        for raw, payload in items:
            entry = str(raw).strip()
            if not entry:
                continue
            if entry.startswith("re:"):
                flags = 0 if case_sensitive else re.IGNORECASE
                self._regexes.append((name, entry, re.compile(entry[3:], flags), payload))
                continue
            if "{" in entry:
                entry = _fill_slots(entry, slots or {})
            words = tuple(_Word(part, case_sensitive, inflect) for part in _entry_words(entry))
            if words:
                self._index(_Entry(name, entry, words, payload))

    def _index(self, entry: _Entry) -> None:
        first = entry.words[0]
        keys = first.index_keys()
        if first.optional or keys is None:
            # rare ("er? besluttet", "*x*"): such an entry is scanned as a regular expression instead
            self._regexes.append((entry.list, entry.entry, _as_regex(entry), entry.payload))
            return
        exact_only = not first.prefixes and not first.suffixes and not first.case_sensitive
        if exact_only and len(entry.words) == 1:
            for key in keys[0]:
                self._plain.setdefault(key, []).append((entry.list, entry.entry, entry.payload))
            return
        second = entry.words[1] if len(entry.words) > 1 else None
        if exact_only and second is not None and _is_plain(second):
            for key in keys[0]:
                self._pair_firsts.add(key)
                for following in second.exact:
                    self._pairs.setdefault((key, following), []).append(entry)
            return
        for table, table_keys in zip((self._by_word, self._by_prefix, self._by_suffix), keys, strict=True):
            for key in table_keys:
                table.setdefault(key, []).append(entry)

    def scan(
        self, text: str, tokens: Tokens, skip: list[tuple[int, int]] | None = None
    ) -> dict[str, list[Hit]]:
        hits: dict[str, list[Hit]] = {}
        lowers, starts, ends = tokens.lowers, tokens.starts, tokens.ends
        plain, pairs = self._plain, self._pairs
        by_word, by_prefix, by_suffix = self._by_word, self._by_prefix, self._by_suffix
        count = len(lowers)
        cache = self._word_cache
        for i, lower in enumerate(lowers):
            info = cache.get(lower)
            if info is None:
                if len(cache) > 200_000:
                    cache.clear()
                others = by_word.get(lower, []) + by_prefix.get(lower[:3], []) + by_suffix.get(lower[-3:], [])
                info = cache[lower] = (plain.get(lower, []), lower in self._pair_firsts, others)
            found, pair_first, candidates = info
            if found:
                for name, entry_text, payload in found:
                    hits.setdefault(name, []).append(Hit(name, entry_text, starts[i], ends[i], payload))
            if pair_first and i + 1 < count:
                paired = pairs.get((lower, lowers[i + 1]))
                if paired:
                    candidates = paired + candidates
            for entry in candidates:
                last = _match_words(entry.words, 0, i, text, tokens)
                if last >= 0:
                    hits.setdefault(entry.list, []).append(
                        Hit(entry.list, entry.entry, starts[i], ends[last], entry.payload)
                    )
        for name, entry_text, pattern, payload in self._regexes:
            for match in pattern.finditer(text):
                if match.end() > match.start() and not _inside(match.start(), match.end(), skip or []):
                    hits.setdefault(name, []).append(
                        Hit(name, entry_text, match.start(), match.end(), payload)
                    )
        for found_hits in hits.values():
            if len(found_hits) > 1:
                found_hits.sort(key=lambda h: (h.start, -h.end))
        return hits


def _entry_words(entry: str) -> list[str]:
    """The words of an entry, cut as a post's text is cut into words: "People's" is "People" + "s" and
    "p-nummer" is "p" + "nummer" (the gap between them may hold the apostrophe or hyphen); the entry
    syntax characters * | ? stay with their word."""
    pattern = _ENTRY_WORD if ("(" in entry or "=" in entry) else _PLAIN_ENTRY_WORD
    return [word for word in pattern.findall(entry) if word.rstrip("?")]


def _alternatives(spec: str) -> list[str]:
    """ "stem(mer|te|t)|=løj" -> ["stemmer", "stemte", "stemt", "=løj"]: top-level "|" splits, a group
    in parentheses multiplies (an empty alternative, "(|e)", keeps the word as it is)."""
    if "(" not in spec:  # the common case, kept cheap: the lists are compiled at every cold start
        return [part for part in spec.split("|") if part and part != "="]
    parts, depth, current = [], 0, ""
    for char in spec:
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    out: list[str] = []
    for part in parts:
        expanded = [part]
        while any("(" in e for e in expanded):
            nxt = []
            for e in expanded:
                match = _GROUP.search(e)
                if match is None:
                    nxt.append(e.replace("(", "").replace(")", ""))
                    continue
                nxt += [
                    e[: match.start()] + option + e[match.end() :] for option in match.group(1).split("|")
                ]
            expanded = nxt
        out += [e for e in expanded if e and e != "="]
    return out


def _fill_slots(entry: str, slots: Mapping[str, Iterable[str]]) -> str:
    """ "{possessive}" -> "=min|=mit|…" (slot words are matched as written), "{dit|jeres}" -> "dit|jeres"."""

    def fill(match: re.Match[str]) -> str:
        inner = match.group(1)
        if inner in slots:
            return "|".join("=" + str(word) for word in slots[inner])
        return inner

    return _SLOT.sub(fill, entry)


def _is_plain(word: _Word) -> bool:
    return not (word.optional or word.prefixes or word.suffixes or word.pattern or word.case_sensitive)


def _match_words(words: tuple[_Word, ...], w: int, i: int, text: str, tokens: Tokens) -> int:
    """Index of the last token if ``words[w:]`` match from token ``i`` on, else -1.

    The gap before token ``i`` has been checked by the caller; optional words may be skipped.
    """
    word = words[w]
    if i < len(tokens) and word.matches(tokens.lowers[i], tokens.origs[i]):
        if w == len(words) - 1:
            return i
        found = _match_next(words, w + 1, i, text, tokens)
        if found >= 0:
            return found
    if word.optional and w + 1 < len(words):
        return _match_words(words, w + 1, i, text, tokens)
    return -1


def _match_next(words: tuple[_Word, ...], w: int, previous: int, text: str, tokens: Tokens) -> int:
    """Match ``words[w:]`` from the token after ``previous``, which must follow it across a small gap."""
    nxt = previous + 1
    if (
        nxt < len(tokens)
        and (words[w].optional or words[w].matches(tokens.lowers[nxt], tokens.origs[nxt]))
        and _GAP.fullmatch(text, tokens.ends[previous], tokens.starts[nxt])
    ):
        found = _match_words(words, w, nxt, text, tokens)
        if found >= 0:
            return found
    if all(word.optional for word in words[w:]):
        return previous
    return -1


def _as_regex(entry: _Entry) -> re.Pattern[str]:
    separator = "(?:[ \\t\\-]|\\n(?![ \\t]*\\n))+"  # spaces, hyphens, one line break: not a blank line
    parts = []
    for word in entry.words:
        alternatives = [re.escape(a) for a in word.exact]
        alternatives += [re.escape(p) + _LETTERS for p in word.prefixes]
        alternatives += [_LETTERS + re.escape(s) for s in word.suffixes]
        if word.pattern is not None:
            alternatives.append(word.pattern.pattern)
        body = "(?:" + "|".join(alternatives) + ")"
        parts.append(f"(?:{body}{separator})?" if word.optional else body + separator)
    pattern = "".join(parts)
    if pattern.endswith(separator):
        pattern = pattern[: -len(separator)]
    flags = 0 if entry.words[0].case_sensitive else re.IGNORECASE
    return re.compile(r"(?<![^\W_])" + pattern + r"(?![^\W_])", flags)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)
