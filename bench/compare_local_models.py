"""Which bundled model should be the offline default? Run the example suite's draft and rewrite cases with
each candidate, through the real pipeline (the composer for small models), and compare what the user gets.

    python bench/compare_local_models.py [--models local/gemma-3-270m local/smollm2-135m] [--out FILE]

Per model, from ``sendemast eval --json`` on a fresh copy of the example workspace (no cache):
- ``facts_kept_drafts`` / ``facts_kept_rewrites``: the share of the notes' / original's facts kept;
- ``invented``: facts in no source, over all drafts and rewrites;
- ``unknown_per_100``: words the Danish/English dictionary does not know, per 100 words (when the
  spelling rule is installed);
- ``first_person_da``: share of Danish drafts that speak as "jeg";
- ``model_sentences``: share of the composed sentences the model wrote that passed verification (the
  rest were made from the notes themselves);
- ``pass_rate``: the suite's draft and rewrite cases that pass;
- ``s_per_case``: wall seconds per case, model load included.
Prints a Markdown table and, on the last line, the JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODELS = ["local/gemma-3-270m", "local/smollm2-135m"]


def _suite_without_checks(source: Path, target: Path) -> None:
    """The example suite's draft and rewrite cases only: the check cases involve no model."""
    import yaml

    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["cases"] = [c for c in data["cases"] if c.get("task") in ("draft", "rewrite")]
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def measure(model: str, workspace: Path) -> dict[str, Any]:
    suite = workspace / "evals" / "compare.yaml"
    report = workspace / f"report-{model.replace('/', '_')}.json"
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sendemast",
            "-w",
            str(workspace),
            "eval",
            str(suite),
            "--model",
            model,
            "--no-cache",
            "--json",
            str(report),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    elapsed = time.perf_counter() - started
    if not report.is_file():
        return {"model": model, "error": (done.stderr.strip().splitlines() or ["no report"])[-1]}
    data = json.loads(report.read_text(encoding="utf-8"))
    summary = data["summary"]
    faithful = summary.get("faithfulness") or {}
    drafts, rewrites = faithful.get("draft") or {}, faithful.get("rewrite") or {}
    cases = data["cases"]
    total_sentences = sum(
        (c["scores"].get("faithful") or {}).get("metadata", {}).get("sentences", 0) for c in cases
    )
    model_sentences = sum(
        (c["scores"].get("faithful") or {}).get("metadata", {}).get("model_sentences", 0) for c in cases
    )
    words = sum((c["scores"].get("faithful") or {}).get("metadata", {}).get("words", 0) for c in cases)
    unknown = sum(
        (c["scores"].get("faithful") or {}).get("metadata", {}).get("unknown_words", 0) for c in cases
    )
    return {
        "model": model,
        "cases": len(cases),
        "facts_kept_drafts": drafts.get("facts_kept"),
        "facts_kept_rewrites": rewrites.get("facts_kept"),
        "invented": drafts.get("invented", 0) + rewrites.get("invented", 0),
        "unknown_per_100": round(100 * unknown / words, 2) if words else None,
        "first_person_da": drafts.get("first_person_da"),
        "model_sentences": round(model_sentences / total_sentences, 3) if total_sentences else None,
        "dishonest_passes": drafts.get("dishonest_passes", 0) + rewrites.get("dishonest_passes", 0),
        "pass_rate": summary.get("pass_rate"),
        "s_per_case": round(elapsed / max(1, len(cases)), 1),
    }


def _table(rows: list[dict[str, Any]]) -> str:
    keys = [
        "facts_kept_drafts",
        "facts_kept_rewrites",
        "invented",
        "unknown_per_100",
        "first_person_da",
        "model_sentences",
        "dishonest_passes",
        "pass_rate",
        "s_per_case",
    ]
    lines = ["| measure | " + " | ".join(r["model"] for r in rows) + " |", "|---|" + "---|" * len(rows)]
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(str(r.get(key, r.get("error", ""))) for r in rows) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=DEFAULT_MODELS)
    parser.add_argument("--out", type=Path, default=None, help="also write the JSON summary here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "ws"
        subprocess.run(
            [sys.executable, "-m", "sendemast", "init", str(workspace), "--example"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [sys.executable, "-m", "sendemast", "-w", str(workspace), "ingest"],
            check=True,
            capture_output=True,
        )
        _suite_without_checks(workspace / "evals" / "suite.yaml", workspace / "evals" / "compare.yaml")
        rows = [measure(model, workspace) for model in args.models]
    print(_table(rows))
    summary = {"models": rows}
    if args.out:
        args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
