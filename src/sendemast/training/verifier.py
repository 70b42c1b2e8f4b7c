"""How well the composer's verifier agrees with a blind reader.

    python -m sendemast.training.verifier [--sheet evals/written/blind-sentences]
                                          [--heldout evals/written/heldout-sentences.jsonl]

A blind reading (:mod:`sendemast.training.blind`) rated each sentence ``publishable``, ``small_fix`` or
``unusable``. This judges the same sentences with today's verifier (``--likelihood``: and the
bundled Gemma's likelihood test, as the composer applies it)
(:func:`sendemast.training.dataset.verdict`, as the composer judges a model's sentence) and counts, for the
models' sentences: how many the verifier accepts, and how many of those the reader found acceptable
(publishable or one small fix) — the precision that decides what reaches a draft; and for the
human-written references (every one publishable): how many the verifier accepts. Also how many of the
human-written training sentences it refuses (they must all pass: ``tests/training``).

The first reading (``evals/written/blind-sentences``) is development data: the reading tests of
:mod:`sendemast.drafting.readable` were written from its comments. A later reading of unseen notes is the
honest measure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sendemast.jsonlines import read_jsonl
from sendemast.training.dataset import Example, load_examples, verdict
from sendemast.training.heldout import HELDOUT, REPO, load_heldout

FIRST_READING = REPO / "evals" / "written" / "blind-sentences"


def agreement(sheet: Path, heldout: Path, model: Any = None) -> dict[str, Any]:
    """``model``: also refuse what its likelihood test refuses (drafting.sentences.judge_likelihood), as the
    composer does for the bundled Gemma."""
    from sendemast.drafting.sentences import judge_likelihood

    key = json.loads((sheet / "key.json").read_text(encoding="utf-8"))["items"]
    texts = {row["item"]: row for _, row in read_jsonl(sheet / "sheet.jsonl")}
    ratings = {row["item"]: row["rating"] for _, row in read_jsonl(sheet / "ratings.jsonl")}
    examples = {e.id: e for e in load_heldout(heldout)}
    tally: dict[str, Counter[str]] = {}
    reasons: Counter[str] = Counter()
    for item, rating in ratings.items():
        entry, example = key[item], examples[key[item]["id"]]
        reason = verdict(Example(example.id, example.lang, example.task, example.role, example.kind,
                                 example.note, texts[item]["text"]))
        if not reason and model is not None and entry["model"] != "reference":
            reason = judge_likelihood(model, example.note, texts[item]["text"])
        system = "reference" if entry["model"] == "reference" else "models"
        good = rating in ("publishable", "small_fix")
        tally.setdefault(system, Counter())[("accepted" if not reason else "refused") + ("_good" if good else
                                                                                           "_unusable")] += 1
        if reason and system == "models":
            reasons[reason.split(":")[0]] += 1
    models, references = tally.get("models", Counter()), tally.get("reference", Counter())
    accepted = models["accepted_good"] + models["accepted_unusable"]
    return {
        "model_sentences": sum(models.values()),
        "accepted": accepted,
        "accepted_acceptable": models["accepted_good"],
        "accepted_unusable": models["accepted_unusable"],
        "precision": round(models["accepted_good"] / accepted, 3) if accepted else None,
        "acceptable_refused": models["refused_good"],
        "references": sum(references.values()),
        "references_accepted": references["accepted_good"] + references["accepted_unusable"],
        "refused_by_reason": dict(reasons.most_common()),
    }


def training_refusals() -> dict[str, Any]:
    examples = load_examples()
    refused = Counter(r.split(":")[0] for r in (verdict(e) for e in examples) if r)
    return {"examples": len(examples), "refused": sum(refused.values()), "by_reason": dict(refused)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sendemast.training.verifier",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--sheet", type=Path, default=FIRST_READING)
    parser.add_argument("--heldout", type=Path, default=HELDOUT)
    parser.add_argument("--likelihood", action="store_true",
                        help="also apply the bundled Gemma's likelihood test, as the composer does")
    args = parser.parse_args(argv)
    model = None
    if args.likelihood:
        from sendemast.models.registry import get_model

        model = get_model("local/gemma-3-270m")
    report = {"reading": agreement(args.sheet, args.heldout, model), "training": training_refusals()}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
