"""Expand a Hunspell dictionary (``.dic`` stems × ``.aff`` affix rules) into its word forms, once.

A Hunspell lookup strips affixes at run time (spylls, pure Python, takes 1–90 ms a word on da_DK and
3 s to load); the spelling rule instead looks words up in the expanded forms, cached as tries by
:mod:`sendemast.guidelines.dictionaries.dictionary`. Every form gets the roles it may play:

- ``word``: a word on its own;
- ``begin`` / ``middle`` / ``end``: a part of a compound (da_DK marks these with COMPOUNDBEGIN,
  COMPOUNDMIDDLE and COMPOUNDEND flags; its linking elements -s-, -e- and Ø are suffixes that give a noun
  its compound-initial form, "forflytning" → "forflytnings");
- ``prefix``: a first part from the dictionary's list of bound first parts (entries ending in "-", such as
  "hyper-", "engle-", "sundheds-"), kept apart so the checker can be stricter with them (see spelling.py).

Supported: FLAG (char, long, num, UTF-8), PFX/SFX with conditions, cross products, continuation classes
(twofold suffixes), NEEDAFFIX, ONLYINCOMPOUND, COMPOUNDPERMITFLAG, FORBIDDENWORD, REP and TRY. Not
needed by the shipped dictionaries and not supported: COMPOUNDRULE (English uses it only for ordinals such
as "21st", and the checker skips words with digits), circumfixes, ICONV beyond the apostrophe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("word", "begin", "middle", "end", "prefix")


@dataclass(frozen=True)
class Affix:
    prefix: bool
    flag: str
    cross: bool
    strip: str
    add: str
    cont: frozenset[str]
    condition: re.Pattern[str] | None

    def applies(self, word: str) -> bool:
        if self.strip and not (word.startswith(self.strip) if self.prefix else word.endswith(self.strip)):
            return False
        return self.condition is None or self.condition.search(word) is not None

    def apply(self, word: str) -> str:
        if self.prefix:
            return self.add + word[len(self.strip) :]
        return (word[: len(word) - len(self.strip)] if self.strip else word) + self.add


@dataclass
class AffixFile:
    flag_type: str = "char"
    affixes: dict[str, list[Affix]] = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)  # NEEDAFFIX, COMPOUNDBEGIN … -> flag
    rep: list[tuple[str, str]] = field(default_factory=list)
    try_chars: str = ""
    compound_min: int = 3

    def flag(self, name: str) -> str | None:
        return self.flags.get(name)

    def split_flags(self, text: str) -> frozenset[str]:
        if self.flag_type == "num":
            return frozenset(f for f in text.split(",") if f)
        if self.flag_type == "long":
            return frozenset(text[i : i + 2] for i in range(0, len(text), 2))
        return frozenset(text)


_NAMED_FLAGS = (
    "NEEDAFFIX",
    "ONLYINCOMPOUND",
    "COMPOUNDPERMITFLAG",
    "COMPOUNDBEGIN",
    "COMPOUNDMIDDLE",
    "COMPOUNDEND",
    "COMPOUNDFLAG",
    "FORBIDDENWORD",
)


def read_aff(path: Path) -> AffixFile:
    aff = AffixFile()
    lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    for line in lines:  # the flag type first: it decides how every flag after it is read
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "FLAG":
            aff.flag_type = {"num": "num", "long": "long"}.get(parts[1], "char")
    headers: dict[str, bool] = {}
    for line in lines:
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        key = parts[0]
        if key in _NAMED_FLAGS and len(parts) >= 2:
            aff.flags[key] = parts[1]
        elif key == "COMPOUNDMIN" and len(parts) >= 2 and parts[1].isdigit():
            aff.compound_min = max(1, int(parts[1]))
        elif key == "TRY" and len(parts) >= 2:
            aff.try_chars = parts[1]
        elif key == "REP" and len(parts) >= 3:
            aff.rep.append((parts[1], parts[2]))
        elif key in ("PFX", "SFX") and len(parts) >= 4:
            flag = parts[1]
            if flag not in headers:  # the header: PFX flag cross_product count
                headers[flag] = parts[2] == "Y"
                continue
            aff.affixes.setdefault(flag, []).append(_affix(aff, key == "PFX", flag, headers[flag], parts))
    return aff


def _affix(aff: AffixFile, prefix: bool, flag: str, cross: bool, parts: list[str]) -> Affix:
    strip = "" if parts[2] == "0" else parts[2]
    add, _, cont = parts[3].partition("/")
    add = "" if add == "0" else add
    condition_text = parts[4] if len(parts) > 4 else "."
    condition = None
    if condition_text != ".":
        try:
            condition = re.compile(f"^(?:{condition_text})" if prefix else f"(?:{condition_text})$")
        except re.error:
            condition = None
    return Affix(prefix, flag, cross, strip, add, aff.split_flags(cont), condition)


def read_dic(path: Path, aff: AffixFile) -> Iterator[tuple[str, frozenset[str]]]:
    with path.open(encoding="utf-8-sig", errors="replace") as lines:
        next(lines, None)  # the first line is the entry count
        for line in lines:
            entry = line.split("\t", 1)[0].split(" ", 1)[0].strip()
            if not entry or entry.startswith("#"):
                continue
            word, _, flags = entry.partition("/")
            if word:
                yield word, aff.split_flags(flags)


def expand(aff: AffixFile, dic: Path) -> dict[str, set[str]]:
    """Every form of every stem, by role (see the module docstring)."""
    out: dict[str, set[str]] = {role: set() for role in ROLES}
    need = aff.flag("NEEDAFFIX")
    only = aff.flag("ONLYINCOMPOUND")
    permit = aff.flag("COMPOUNDPERMITFLAG")
    forbidden = aff.flag("FORBIDDENWORD")
    any_part = aff.flag("COMPOUNDFLAG")
    begin, middle, end = (aff.flag(n) for n in ("COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND"))
    banned: set[str] = set()

    def emit(
        form: str,
        root: frozenset[str],
        cont: frozenset[str],
        affixed: bool,
        bound: bool,
        last: Set[str] | None = None,
    ) -> None:
        if forbidden and forbidden in root:
            banned.add(form)
            return
        flags = root | cont
        outer = cont if last is None else last  # of twofold suffixes, the outer one decides NEEDAFFIX
        if need and need in (outer if affixed else root):
            return  # this form needs one more affix
        suffix_ok = not affixed or (permit is not None and permit in cont)
        if not (only and only in flags):
            out["word"].add(form)
        is_any = any_part is not None and any_part in flags
        if (begin in flags or is_any) and suffix_ok:
            out["prefix" if bound else "begin"].add(form)
        if (middle in flags or is_any) and suffix_ok:
            out["middle"].add(form)
        if end in flags or is_any:
            out["end"].add(form)

    suffixes = {flag: entries for flag, entries in aff.affixes.items() if entries and not entries[0].prefix}
    prefixes = {flag: entries for flag, entries in aff.affixes.items() if entries and entries[0].prefix}
    for stem, root in read_dic(dic, aff):
        # "engle-/81,32": a bound first part; its suffix 81 strips the hyphen
        bound = stem.endswith("-") and len(stem) > 1
        emit(stem, root, frozenset(), False, bound)
        suffixed: list[tuple[str, Affix]] = []
        for flag in root & suffixes.keys():
            for sfx in suffixes[flag]:
                if not sfx.applies(stem):
                    continue
                form = sfx.apply(stem)
                emit(form, root, sfx.cont, True, bound)
                suffixed.append((form, sfx))
                for flag2 in sfx.cont & suffixes.keys():  # twofold suffixes: "afsnit" + "t" + "et"
                    for sfx2 in suffixes[flag2]:
                        if sfx2.applies(form):
                            emit(sfx2.apply(form), root, sfx.cont | sfx2.cont, True, bound, sfx2.cont)
        for flag in root & prefixes.keys():
            for pfx in prefixes[flag]:
                if not pfx.applies(stem):
                    continue
                emit(pfx.apply(stem), root, pfx.cont, True, False)
                if pfx.cross:
                    for form, sfx in suffixed:
                        if sfx.cross and pfx.applies(form):
                            emit(pfx.apply(form), root, pfx.cont | sfx.cont, True, False)
    for role in ROLES:
        out[role] -= banned
        out[role].discard("")
    return out
