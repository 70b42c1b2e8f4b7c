"""How the spelling rule's lookup compares with Hunspell itself (spylls) on real text.

    python bench/spelling_compare.py [--limit N]     # prints JSON on the last line; about a minute

Takes the distinct Danish-looking words of the example workspace (Markdown) and the labelled posts, and
reports how many each of three checkers rejects: spylls (a faithful Hunspell port, on the same da_DK files),
our expansion with ``compounds: dictionary`` (should agree with spylls) and with ``compounds: strict`` (the
default), plus the words on which they differ.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[^\W\d_]+")


def corpus_words() -> list[str]:
    from sendemast.guidelines.rules.spelling import is_known

    files = sorted((ROOT / "corpus" / "example-workspace").rglob("*.md"))
    files += sorted((ROOT / "evals" / "labelled").glob("*.yaml"))
    words = {w for f in files for w in _WORD.findall(f.read_text(encoding="utf-8"))}
    # Danish words only: not English, not abbreviations, not CamelCase
    keep = [
        w
        for w in words
        if len(w) > 1 and (w.islower() or w[1:].islower()) and not is_known(w, "en", compounds="dictionary")
    ]
    return sorted(keep)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="only the first N words (a smoke run)")
    args = parser.parse_args()
    from spylls.hunspell import Dictionary as Spylls

    from sendemast.guidelines.dictionaries.dictionary import source_files
    from sendemast.guidelines.rules.spelling import is_known

    words = corpus_words()
    if args.limit:
        words = words[: args.limit]
    aff, _ = source_files("da")[0]
    started = time.perf_counter()
    hunspell = Spylls.from_files(str(aff.with_suffix("")))
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    spylls_bad = {w for w in words if not hunspell.lookup(w)}
    spylls_s = time.perf_counter() - started
    started = time.perf_counter()
    ours_dictionary = {w for w in words if not is_known(w, "da", compounds="dictionary")}
    ours_strict = {w for w in words if not is_known(w, "da", compounds="strict")}
    ours_s = time.perf_counter() - started
    result = {
        "words": len(words),
        "rejected_spylls": len(spylls_bad),
        "rejected_dictionary": len(ours_dictionary),
        "rejected_strict": len(ours_strict),
        "dictionary_vs_spylls_disagree": sorted(spylls_bad ^ ours_dictionary),
        "strict_only": sorted(ours_strict - spylls_bad),
        "spylls_load_s": round(load_s, 2),
        "spylls_ms_per_word": round(1000 * spylls_s / max(1, len(words)), 2),
        "ours_us_per_word_both_modes": round(1e6 * ours_s / max(1, 2 * len(words)), 1),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
