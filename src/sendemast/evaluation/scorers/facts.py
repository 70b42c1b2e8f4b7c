"""``facts``: a rewrite keeps the facts of the original — every number, date, name and link (``facts:
all``, the default for rewrites), or the ones a case lists. Matching is the drafting chain's own
(:mod:`sendemast.drafting.facts`): ``1.200`` is ``1200``, ``tre`` is ``3``."""

from __future__ import annotations

from sendemast.evaluation.registry import ScoreContext, scorer
from sendemast.evaluation.types import Score, checked


def _listed_missing(required: list[str], text: str) -> list[str]:
    from sendemast.drafting.facts import extract_facts, fact_survives

    missing = []
    for item in required:
        facts = extract_facts(item)
        kept = all(fact_survives(f, text) for f in facts) if facts else item.lower() in text.lower()
        if not kept:
            missing.append(item)
    return missing


@scorer("facts", tasks=("rewrite",))
def fact_preservation(ctx: ScoreContext) -> dict[str, Score]:
    """Fact preservation for rewrites: the share of the original's facts the post still carries."""
    from sendemast.drafting.facts import extract_facts, fact_findings

    original, text = ctx.output.input, ctx.output.text
    wanted = ctx.expect.facts if ctx.expect.facts is not None else "all"
    if wanted == "all":
        total = len({f"{f.kind}:{f.text.lower()}" for f in extract_facts(original)})
        findings = fact_findings(original, text, ctx.output.lang)
        missing = [str(f["fact"]["text"]) for f in findings]
    else:
        total = len(wanted)
        missing = _listed_missing(list(wanted), text)
        findings = [{"rule": "rewrite.fact_lost", "severity": "review", "start": None, "end": None,
                     "message": f"lost fact: {m}"} for m in missing]
    value = 1.0 if total == 0 else (total - len(missing)) / total
    explanation = (f"kept {total - len(missing)} of {total} facts" +
                   (f"; lost: {', '.join(missing)}" if missing else ""))
    return {"facts": Score(round(value, 4), explanation, status=checked(not missing), scale=(0.0, 1.0),
                           metadata={"total": total, "missing": missing}, findings=findings)}
