"""``written``: is the draft written, or its notes pasted (a rewrite: its original)?

The value is the checker's ``copied_share`` (:mod:`sendemast.guidelines.rules.written`): the share of the
post's word 4-grams that stand verbatim in the notes or the original. A case's
``expect.written.copied_share_max`` makes it pass or fail; without one it is measured and reported
(:func:`written_summary`: the median per task, the figure the issue's goals are set on).
"""

from __future__ import annotations

from statistics import median
from typing import Any

from sendemast.evaluation.registry import ScoreContext, scorer
from sendemast.evaluation.types import Score, Status, checked


def _measure(ctx: ScoreContext) -> dict[str, Any] | None:
    out = ctx.output
    kind = "original" if ctx.task == "rewrite" else "notes"
    written = (out.check or {}).get("written")
    if isinstance(written, dict) and written.get("copied_share") is not None:
        return written  # the chain checked the post against its notes or original already
    check = ctx.services.check(out.text, channel=out.channel, audience=out.audience, source=out.input,
                               source_kind=kind)
    found = check.get("written")
    return found if isinstance(found, dict) else None


@scorer("written", tasks=("draft", "rewrite"))
def written(ctx: ScoreContext) -> dict[str, Score]:
    """Written, not pasted: the share of the post copied verbatim from its notes or original."""
    measured = _measure(ctx)
    expect = ctx.expect.written
    if measured is None or measured.get("copied_share") is None:
        return {"written": Score(None, "the checker gave no measure of written",
                                 status="error" if expect is not None else "info")}
    copied = float(measured["copied_share"])
    source = "the original" if ctx.task == "rewrite" else "the notes"
    fragments = measured.get("fragments", 0)
    # the limit stands beside the figure it limits: "62% of the post verbatim from the notes (at most 35%); …"
    limit = f" (at most {expect.copied_share_max:.0%})" if expect is not None else ""
    explanation = (f"{copied:.0%} of the post verbatim from {source}{limit}; {fragments} fragments; "
                   f"{float(measured.get('first_person_share') or 0):.0%} of sentences in first person")
    institutional = measured.get("institutional")
    if isinstance(institutional, dict):
        explanation += f"; {institutional.get('count', 0)} institutional phrases"
    status: Status = "info"
    if expect is not None:
        status = checked(copied <= expect.copied_share_max)
    return {"written": Score(round(copied, 4), explanation, status=status, scale=(0.0, 1.0),
                             metadata=dict(measured))}


def written_summary(cases: list[Any]) -> dict[str, Any]:
    """Per task: how many cases, the median copied share, and how many are mostly pasted (≥ 0.6)."""
    shares: dict[str, list[float]] = {"draft": [], "rewrite": []}
    for case in cases:
        score = case.scores.get("written")
        if score is not None and case.task in shares and isinstance(score.value, int | float):
            shares[case.task].append(float(score.value))
    return {
        task: {"cases": len(values), "median_copied_share": round(median(values), 4),
               "mostly_pasted": sum(1 for v in values if v >= 0.6)}
        for task, values in shares.items() if values
    }
