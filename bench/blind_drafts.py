"""Whole drafts on the held-out cases, for the blind reading: each model drafts (or rewrites) every case of
``evals/written/heldout-drafts.yaml`` through the real pipeline, offline, in a fresh copy of the example
workspace (its values and style; the case's notes), as the case's leader: her name, title and organisation
stand in the profile, without the example leader's preferred hashtags (a reader marked Fjordmark's
#GodArbejdsplads on another organisation's post as stray).

    python bench/blind_drafts.py [--models local/gemma-3-270m-tuned,local/gemma-3-270m] [--out out/drafts]

Writes ``OUT/drafts.jsonl`` (``{"id", "model", "note", "text", "verdict", "written", "origins", "facts"}``)
for ``python -m sendemast.training.blind prepare … --kind drafts`` and prints a summary per model: median
copied share, sentences the model wrote, facts kept, internal remarks leaked, verdicts.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CASES = HERE.parent / "evals" / "written" / "heldout-drafts.yaml"


def _as_leader(ws: Path, leader: dict[str, str]) -> Any:
    """The workspace with the case's leader in its profile (a temporary copy: edited in place)."""
    import yaml

    from sendemast.workspace import load_workspace

    path = ws / "profile.yaml"
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    profile.update({k: v for k, v in leader.items() if k in ("name", "title", "organisation")})
    profile["hashtags"] = []
    path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_workspace(ws)


def _kept(fact: str, text: str) -> bool:
    """A must-keep fact is in the post as written, or as the same fact written out ("12. sep." as "12.
    september", "20 min." as "20 minutter": the composer writes note shorthand out)."""
    from sendemast.drafting.facts import distinct_facts, fact_survives

    if fact in text:
        return True
    facts = distinct_facts(fact)
    return bool(facts) and all(fact_survives(f, text) for f in facts)


def main() -> int:
    import yaml

    from sendemast.assembly.drafting import draft_in_workspace
    from sendemast.drafting.types import DraftRequest
    from sendemast.jsonlines import write_jsonl, write_summary
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="local/gemma-3-270m-tuned,local/gemma-3-270m")
    parser.add_argument("--out", type=Path, default=Path("out/drafts"))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--cases", type=Path, default=CASES, help="held-out cases (YAML, as heldout-drafts)")
    args = parser.parse_args()
    cases = yaml.safe_load(args.cases.read_text(encoding="utf-8"))["cases"][: args.limit or None]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        for command in (["init", str(ws), "--example"], ["-w", str(ws), "ingest"]):
            subprocess.run([sys.executable, "-m", "sendemast", *command], check=True, capture_output=True)
        for model_id in args.models.split(","):
            for case in cases:
                workspace = _as_leader(ws, case.get("leader") or {})
                request = DraftRequest(text=case["input"], command=case.get("task", "draft"),
                                       channel=case.get("channel", "linkedin"), lang=case.get("lang"),
                                       variants=1, seed=7)
                result = draft_in_workspace(workspace, request, model_id)
                draft = result.drafts[0].to_dict()
                text = draft["text"]
                check = draft.get("check") or {}
                rows.append({
                    "id": case["id"], "model": model_id, "note": case["input"], "text": text,
                    "verdict": check.get("verdict"), "written": check.get("written"),
                    "origins": [s.get("origin") for s in draft.get("composition", [])],
                    "facts": draft.get("facts"),
                    "leaked": [w for w in case.get("must_not_say") or [] if w.lower() in text.lower()],
                    "kept": [w for w in case.get("must_keep") or [] if _kept(w, text)],
                    "must_keep": case.get("must_keep") or [],
                })
                print(f"{model_id} {case['id']}: {check.get('verdict')}", file=sys.stderr, flush=True)
    write_jsonl(args.out / "drafts.jsonl", rows)
    summary = {}
    for model_id in args.models.split(","):
        mine = [r for r in rows if r["model"] == model_id]
        origins = [o for r in mine for o in r["origins"]]
        copied = [float((r["written"] or {}).get("copied_share") or 0) for r in mine]
        summary[model_id] = {
            "drafts": len(mine),
            "copied_share_median": round(statistics.median(copied), 3) if copied else None,
            "model_sentences": round(origins.count("model") / len(origins), 3) if origins else None,
            "rule_sentences": round(origins.count("rules") / len(origins), 3) if origins else None,
            "must_keep_kept": round(
                sum(len(r["kept"]) for r in mine) / max(1, sum(len(r["must_keep"]) for r in mine)), 3
            ),
            "internal_leaked": sum(len(r["leaked"]) for r in mine),
            "verdicts": {v: sum(1 for r in mine if r["verdict"] == v) for v in ("pass", "review", "block")},
        }
    write_summary(args.out / "summary.json", summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
