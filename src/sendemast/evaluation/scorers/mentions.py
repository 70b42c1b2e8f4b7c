"""``mentions``: words a post must contain and words it must not (case-insensitive)."""

from __future__ import annotations

import re

from sendemast.evaluation.registry import ScoreContext, scorer
from sendemast.evaluation.types import Score, checked


@scorer("mentions")
def mentions(ctx: ScoreContext) -> dict[str, Score]:
    """Must-mention and must-not-mention."""
    must, must_not = ctx.expect.must_mention, ctx.expect.must_not_mention
    if not must and not must_not:
        return {}
    text = ctx.output.text
    low = text.lower()
    absent = [w for w in must if w.lower() not in low]
    findings = []
    for word in must_not:
        for match in re.finditer(re.escape(word.lower()), low):
            findings.append({"rule": "eval.must_not_mention", "severity": "review", "start": match.start(),
                             "end": match.end(), "message": f"mentions «{text[match.start():match.end()]}»"})
    forbidden = [w for w in must_not if w.lower() in low]
    problems = [f"missing: {', '.join(absent)}"] if absent else []
    problems += [f"must not mention: {', '.join(forbidden)}"] if forbidden else []
    total = len(must) + len(must_not)
    value = (total - len(absent) - len(forbidden)) / total
    return {"mentions": Score(round(value, 4), "; ".join(problems) or "all present, nothing forbidden",
                              status=checked(not problems), scale=(0.0, 1.0),
                              metadata={"missing": absent, "forbidden": forbidden}, findings=findings)}
