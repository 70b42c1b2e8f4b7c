"""``faithful``: what issue-level goals are measured on — the notes' facts kept, facts invented, unknown
words, first person — and whether the draft's own scorecard was honest about it.

The value is the share of the notes' (or the original's) facts the post keeps, as the draft's own fact
accounting counted them (:mod:`sendemast.drafting.accounting`). The score fails only when the scorecard
lied: a draft that dropped most of its facts, or invented one, and still called itself ``pass``. The
rest is reported per case and summed up for the run (:func:`faithfulness_summary`).
"""

from __future__ import annotations

from typing import Any

from sendemast.evaluation.registry import ScoreContext, scorer
from sendemast.evaluation.types import Score


def _unknown_words(check: dict[str, Any]) -> tuple[int, int]:
    """(unknown words, words) from the spelling rule's block of the check, when it ran."""
    spelling = check.get("spelling") or {}
    return len(spelling.get("unknown") or []), int(spelling.get("words") or 0)


@scorer("faithful", tasks=("draft", "rewrite"))
def faithfulness(ctx: ScoreContext) -> dict[str, Score]:
    """Faithfulness: facts kept and invented, unknown words, first person; a dishonest ``pass`` fails."""
    from sendemast.drafting.sentences import has_first_person

    out = ctx.output
    facts = out.facts or {}
    check = out.check or {}
    coverage = float(facts.get("coverage", 1.0))
    invented = list(facts.get("invented") or [])
    verdict = str(check.get("verdict", "pass"))
    dishonest = verdict == "pass" and (coverage < 0.5 or bool(invented))
    unknown, words = _unknown_words(check)
    first_person = has_first_person(out.text, out.lang)
    explanation = (
        f"kept {len(facts.get('kept') or [])} of {facts.get('total', 0)} facts"
        + (f"; missing: {', '.join(facts.get('missing') or [])}" if facts.get("missing") else "")
        + (f"; invented: {', '.join(invented)}" if invented else "")
        + ("; the scorecard said pass anyway" if dishonest else "")
    )
    return {
        "faithful": Score(
            round(coverage, 4),
            explanation,
            status="failed" if dishonest else "info",
            scale=(0.0, 1.0),
            metadata={
                "kept": len(facts.get("kept") or []),
                "total": int(facts.get("total", 0)),
                "invented": len(invented),
                "unknown_words": unknown,
                "words": words,
                "first_person": first_person,
                "verdict": verdict,
                "dishonest_pass": dishonest,
                "composed": out.composition is not None,
                "model_sentences": sum(1 for s in out.composition or [] if s.get("origin") == "model"),
                "rule_sentences": sum(1 for s in out.composition or [] if s.get("origin") == "rules"),
                "sentences": len(out.composition or []),
            },
        )
    }


def faithfulness_summary(cases: list[Any]) -> dict[str, Any]:
    """The run's figures for the issue's goals, from each case's ``faithful`` score."""
    rows: dict[str, list[tuple[dict[str, Any], str]]] = {"draft": [], "rewrite": []}
    for case in cases:
        score = case.scores.get("faithful")
        if score is not None and case.task in rows:
            rows[case.task].append((score.metadata, case.lang))
    out: dict[str, Any] = {}
    for task, items in rows.items():
        if not items:
            continue
        kept = sum(m["kept"] for m, _ in items)
        total = sum(m["total"] for m, _ in items)
        danish = [m for m, lang in items if lang == "da"]
        out[task] = {
            "cases": len(items),
            "facts_kept": round(kept / total, 4) if total else 1.0,
            "invented": sum(m["invented"] for m, _ in items),
            "unknown_per_100_words": round(
                100 * sum(m["unknown_words"] for m, _ in items) / max(1, sum(m["words"] for m, _ in items)), 2
            ),
            "spelling_checked": any(m["words"] for m, _ in items),
            "first_person_da": round(sum(m["first_person"] for m in danish) / len(danish), 4)
            if danish
            else None,
            "dishonest_passes": sum(m["dishonest_pass"] for m, _ in items),
            "model_sentence_share": round(
                sum(m["model_sentences"] for m, _ in items) / max(1, sum(m["sentences"] for m, _ in items)), 4
            ),
            # a rewrite's sentences put in the leader's voice by rule (drafting/personal.py), not by the model
            "rule_sentence_share": round(
                sum(m.get("rule_sentences", 0) for m, _ in items)
                / max(1, sum(m["sentences"] for m, _ in items)), 4
            ),
        }
    return out
