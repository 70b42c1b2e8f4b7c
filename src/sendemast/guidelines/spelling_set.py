"""How well ``language.spelling`` tells misspellings from correct Danish: the labelled sentences of
``evals/spelling/`` (written for this: sentences dense with compounds, names and abbreviations, and
sentences with one misspelling each; ``heldout.jsonl`` was written before the compound, name and
abbreviation work and is not tuned on).

    python -m sendemast.guidelines.spelling_set [FILE.jsonl …] [--errors] [--json PATH]

- **precision**: of the words flagged as misspellings, the share that are the sentence's real misspelling;
- **recall**: of the misspellings, the share flagged;
- **suggested**: of the misspellings flagged, the share whose right spelling is among the suggestions.
Names ("ukendt navn", info) are not flags. Checked without a workspace: nothing learnt from a corpus helps.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendemast.errors import SendemastError, UsageError

REPO = Path(__file__).resolve().parents[3]
DEFAULT_FILES = [REPO / "evals" / "spelling" / "dev.jsonl", REPO / "evals" / "spelling" / "heldout.jsonl"]


@dataclass
class SpellingScore:
    name: str
    sentences: int = 0
    flags: int = 0
    true_flags: int = 0
    errors: int = 0
    found: int = 0
    suggested: int = 0
    false_flags: list[tuple[str, str]] = field(default_factory=list)  # (id, word)
    missed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_flags / self.flags if self.flags else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.errors if self.errors else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "set": self.name, "sentences": self.sentences, "errors": self.errors, "flags": self.flags,
            "precision": round(self.precision, 3), "recall": round(self.recall, 3),
            "suggested": round(self.suggested / self.found, 3) if self.found else None,
            "false_flags": [list(f) for f in self.false_flags], "missed": [list(m) for m in self.missed],
        }


def load(path: Path) -> list[dict[str, Any]]:
    from sendemast.jsonlines import read_jsonl

    rows = []
    for number, row in read_jsonl(path):
        if not isinstance(row.get("text"), str):
            raise UsageError(f"{path.name} line {number}: an object with a 'text' is expected")
        rows.append(row)
    return rows


def score(path: Path) -> SpellingScore:
    from sendemast.guidelines import check_post

    result = SpellingScore(path.stem)
    for row in load(path):
        result.sentences += 1
        check = check_post(row["text"]).to_dict()
        unknown = (check.get("spelling") or {}).get("unknown", [])
        wrong = row.get("wrong") if row.get("kind") == "error" else None
        if wrong:
            result.errors += 1
        for item in unknown:
            result.flags += 1
            if item["word"] == wrong:
                result.true_flags += 1
            else:
                result.false_flags.append((row.get("id", ""), item["word"]))
        hit = next((item for item in unknown if item["word"] == wrong), None) if wrong else None
        if hit is not None:
            result.found += 1
            right = str(row.get("right", ""))
            result.suggested += any(s.lower() == right.lower() for s in hit["suggestions"])
        elif wrong:
            result.missed.append((row.get("id", ""), wrong))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sendemast.guidelines.spelling_set",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="labelled JSON Lines (default: evals/spelling)")
    parser.add_argument("--errors", action="store_true", help="list every false flag and every miss")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    args = parser.parse_args(argv)
    try:
        scores = [score(path) for path in (args.files or DEFAULT_FILES)]
    except (SendemastError, OSError) as exc:
        message = exc.one_line() if isinstance(exc, SendemastError) else str(exc)
        sys.stderr.write(f"error: {message}\n")
        return 2
    print("spelling set        sentences  errors  precision  recall  suggested")
    for s in scores:
        suggested = f"{s.suggested / s.found:.2f}" if s.found else "-"
        print(f"{s.name:<18} {s.sentences:>10} {s.errors:>7} {s.precision:>10.3f} {s.recall:>7.3f}"
              f" {suggested:>10}")
        if args.errors:
            for sid, word in s.false_flags:
                print(f"  false flag  {sid}: {word}")
            for sid, word in s.missed:
                print(f"  missed      {sid}: {word}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([s.to_dict() for s in scores], indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
