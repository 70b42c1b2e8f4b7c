"""A blind reading: sentences (or drafts) from several systems, shuffled, rated by a reader who cannot
see which system wrote which, then counted per system.

    python -m sendemast.training.blind prepare RUN.jsonl [RUN.jsonl …] --sheet DIR [--kind sentences]
    python -m sendemast.training.blind count --sheet DIR

``prepare`` reads the rows that :mod:`sendemast.training.heldout` (sentences) or
``bench/blind_drafts.py`` (drafts) wrote — ``{"id", "model", "note", "sentence"}`` — and writes
``DIR/sheet.jsonl`` (``{"item", "note", "text"}``, in a seeded random order, nothing about the system)
and ``DIR/key.json`` (item → system and example), which the reader must not open. The reader writes
``DIR/ratings.jsonl``: ``{"item", "rating", "comment"}`` with rating ``publishable`` (as it stands),
``small_fix`` (one small fix: a word, an ending, a comma), or ``unusable``; for drafts ``sign`` (the
leader would sign after light edits) or ``no``. ``count`` joins the ratings with the key.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sendemast.errors import UsageError
from sendemast.jsonlines import read_jsonl

SENTENCE_RATINGS = ("publishable", "small_fix", "unusable")
DRAFT_RATINGS = ("sign", "no")


def _rows(paths: list[Path]) -> list[dict[str, Any]]:
    return [row for path in paths for _, row in read_jsonl(path)]


def prepare(runs: list[Path], sheet: Path, kind: str = "sentences", seed: int = 2026) -> int:
    rows = [r for r in _rows(runs) if str(r.get("sentence") or r.get("text") or "").strip()]
    rng = random.Random(seed)
    rng.shuffle(rows)
    sheet.mkdir(parents=True, exist_ok=True)
    key: dict[str, dict[str, Any]] = {}
    with (sheet / "sheet.jsonl").open("w", encoding="utf-8") as f:
        for number, row in enumerate(rows, start=1):
            item = f"{kind[0]}{number:03d}-" + hashlib.sha256(f"{seed}:{number}".encode()).hexdigest()[:6]
            key[item] = {"model": str(row["model"]), "id": str(row["id"])}
            if "ok" in row:  # the verifier's verdict, so the count can say how good the accepted ones are
                key[item]["ok"] = bool(row["ok"])
            text = row.get("sentence") or row.get("text")
            f.write(json.dumps({"item": item, "note": row["note"], "text": text}, ensure_ascii=False) + "\n")
    (sheet / "key.json").write_text(json.dumps({"kind": kind, "items": key}, indent=1, ensure_ascii=False),
                                    encoding="utf-8")
    return len(rows)


def count(sheet: Path) -> dict[str, Any]:
    key = json.loads((sheet / "key.json").read_text(encoding="utf-8"))
    kind, items = key["kind"], key["items"]
    allowed = DRAFT_RATINGS if kind == "drafts" else SENTENCE_RATINGS
    tallies: dict[str, Counter[str]] = {}
    accepted: dict[str, Counter[str]] = {}  # sentences the verifier accepted, where the key says
    for line in (sheet / "ratings.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rating = json.loads(line)
        if rating.get("item") not in items:
            raise UsageError(f"ratings.jsonl: unknown item {rating.get('item')!r}")
        if rating.get("rating") not in allowed:
            raise UsageError(
                f"ratings.jsonl: rating {rating.get('rating')!r} is not one of {', '.join(allowed)}"
            )
        entry = items[rating["item"]]
        tallies.setdefault(entry["model"], Counter())[rating["rating"]] += 1
        if entry.get("ok"):
            accepted.setdefault(entry["model"], Counter())[rating["rating"]] += 1
    out: dict[str, Any] = {}
    for model, tally in sorted(tallies.items()):
        total = sum(tally.values())
        good = tally["sign"] if kind == "drafts" else tally["publishable"] + tally["small_fix"]
        out[model] = {"rated": total, **{r: tally[r] for r in allowed}, "acceptable": round(good / total, 3)}
        if model in accepted:
            mine = accepted[model]
            kept = sum(mine.values())
            out[model]["verifier_accepted"] = {
                "rated": kept, **{r: mine[r] for r in allowed},
                "acceptable": round((mine["publishable"] + mine["small_fix"]) / kept, 3),
            }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sendemast.training.blind",
                                     description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("runs", nargs="+", type=Path)
    p.add_argument("--sheet", type=Path, required=True)
    p.add_argument("--kind", choices=("sentences", "drafts"), default="sentences")
    c = sub.add_parser("count")
    c.add_argument("--sheet", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "prepare":
            print(f"{prepare(args.runs, args.sheet, args.kind)} items in {args.sheet / 'sheet.jsonl'}")
        else:
            print(json.dumps(count(args.sheet), indent=2, ensure_ascii=False))
    except (UsageError, OSError, KeyError, json.JSONDecodeError) as exc:
        message = exc.one_line() if isinstance(exc, UsageError) else f"{type(exc).__name__}: {exc}"
        sys.stderr.write(f"error: {message}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
