"""``voice``: how much a draft sounds like the leader — the lift of its similarity to the leader's past
posts over its similarity to other public-sector authors (:mod:`sendemast.evaluation.voice`). The past
posts the chain showed the model as style examples are left out of the comparison: a draft that copies
an example would otherwise score as perfectly in voice."""

from __future__ import annotations

from sendemast.evaluation.registry import ScoreContext, scorer
from sendemast.evaluation.types import Score, checked


@scorer("voice", tasks=("draft", "rewrite"))
def voice_fidelity(ctx: ScoreContext) -> dict[str, Score]:
    """Voice fidelity: similarity to the leader's held-out posts minus similarity to generic posts."""
    floor = ctx.expect.voice_min
    model, reason = ctx.services.voice_model()
    if model is None:
        return {"voice": Score(None, f"not measured: {reason}", status="skipped")}
    examples = [str(s["id"]) for s in ctx.output.sources if s.get("kind") == "posts"]
    result = model.score(ctx.output.text, exclude_own=examples)
    status = "info" if floor is None else checked(result.lift >= floor)
    explanation = (f"lift {result.lift:+.3f} over generic (leader {result.own:.3f}, "
                   f"generic {result.generic:.3f})" + (f"; floor {floor:+.3f}" if floor is not None else ""))
    return {"voice": Score(round(result.lift, 4), explanation, status=status, scale=(-0.5, 0.5),
                           metadata={**result.to_dict(), "held_out": examples})}
