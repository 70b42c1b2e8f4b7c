"""``checker``: the guideline checker's verdict and rule findings, and its six tip scores (``tip.<name>``).

Expectations: rules that must not fire (ids or globs such as ``privacy.*``), rules that must fire (for
``check`` cases that test a rule), a ceiling on the verdict, and floors under tip scores. A draft or
rewrite fails on a ``block`` verdict unless its case raises ``verdict_max`` to ``block``: nothing that may
never be published passes an evaluation by omission.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from sendemast.evaluation.registry import ScoreContext, scorer
from sendemast.evaluation.suite import TIPS, VERDICT_ORDER
from sendemast.evaluation.types import Score, checked


def tip_value(raw: Any) -> float | None:
    """A tip score as a number in 0-1, whatever shape the checker gives it (number or mapping)."""
    if isinstance(raw, dict):
        raw = next((raw[k] for k in ("score", "value") if k in raw), None)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    value = float(raw)
    return value / 100 if value > 1 else value  # tolerate a percentage


def _problems(fired: set[str], verdict: str, ctx: ScoreContext) -> tuple[list[str], bool]:
    expect = ctx.expect
    problems = []
    for pattern in expect.rules_not_fired:
        hits = sorted(r for r in fired if fnmatchcase(r, pattern))
        if hits:
            problems.append(f"{', '.join(hits)} fired (must not: {pattern})")
    for pattern in expect.rules_fired:
        if not any(fnmatchcase(r, pattern) for r in fired):
            problems.append(f"{pattern} did not fire")
    ceiling = expect.verdict_max
    if ceiling is None and ctx.task != "check":
        ceiling = "review"
    if ceiling and verdict in VERDICT_ORDER and VERDICT_ORDER.index(verdict) > VERDICT_ORDER.index(ceiling):
        problems.append(f"verdict {verdict} is worse than {ceiling}")
    judged = bool(expect.rules_not_fired or expect.rules_fired or ceiling)
    return problems, judged


@scorer("checker")
def checker_scorer(ctx: ScoreContext) -> dict[str, Score]:
    """The guideline checker: verdict, rule findings and the six tip scores."""
    out = ctx.output
    # The chain already checked a draft with the same profile, rules, channel and audience; a rewrite's
    # check carries the chain's own fact findings and verdict, so it is checked again here.
    reuse = ctx.task == "draft" and out.check and out.check.get("channel") == out.channel
    result = out.check if reuse and out.check else ctx.services.check(
        out.text, channel=out.channel, audience=out.audience,
        # a rewrite is checked against its original, as the chain did: how much of it is copied
        source=out.input if ctx.task != "check" else None,
        source_kind="original" if ctx.task == "rewrite" else "notes",
    )
    findings = list(result.get("findings") or [])
    fired = {str(f.get("rule", "")) for f in findings}
    verdict = str(result.get("verdict", "pass"))
    problems, judged = _problems(fired, verdict, ctx)
    explanation = "; ".join(problems) if problems else (
        f"verdict {verdict}" + (f"; rules fired: {', '.join(sorted(fired))}" if fired else "; no rule fired"))
    scores = {"checker": Score(
        value=verdict, explanation=explanation, status=checked(not problems) if judged else "info",
        metadata={"fired": sorted(fired), "lix": result.get("lix"), "length": result.get("length"),
                  "language": result.get("language")},
        findings=findings)}
    tips: dict[str, Any] = dict(result.get("tips") or {})
    floors = {str(name): floor for name, floor in ctx.expect.tips_min.items()}
    for tip in TIPS:
        raw = tips.get(tip)
        value = tip_value(raw)
        floor = floors.get(tip)
        note = str(raw.get("explanation") or raw.get("message") or "") if isinstance(raw, dict) else ""
        if value is None:
            scores[f"tip.{tip}"] = Score(None, "the checker gave no score for this tip",
                                         status="error" if floor is not None else "info")
            continue
        status = "info" if floor is None else checked(value >= floor)
        explanation = f"{value:.2f}" + (f" (floor {floor:.2f})" if floor is not None else "")
        scores[f"tip.{tip}"] = Score(value=round(value, 4), explanation=f"{explanation}. {note}".strip(". "),
                                     status=status, scale=(0.0, 1.0),
                                     metadata={"detail": raw} if isinstance(raw, dict) else {})
    return scores
