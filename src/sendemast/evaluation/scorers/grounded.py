"""``grounded``: every name, number, place, date, link and e-mail address in a draft must come from
somewhere — the notes (or the original, for a rewrite), the retrieved sources, or the leader's profile.
Anything else is a hallucination and a finding ("Odense Kommune" out of nowhere).

Facts are found and matched with the drafting chain's own accounting (:mod:`sendemast.drafting.accounting`),
so the harness and the draft's scorecard agree: the *draft's* facts must be found in the notes, the values
passages or the profile (past posts shown as style examples are about other occasions). A Danish genitive
counts as the name ("Fjordmark Kommunes" is grounded by "Fjordmark Kommune").
"""

from __future__ import annotations

import json
from typing import Any

from sendemast.evaluation.registry import ScoreContext, scorer
from sendemast.evaluation.types import Score, checked


def _profile_text(ctx: ScoreContext) -> str:
    profile = ctx.services.profile
    return json.dumps(profile.model_dump(), ensure_ascii=False) if profile is not None else ""


@scorer("grounded", tasks=("draft", "rewrite"))
def groundedness(ctx: ScoreContext) -> dict[str, Score]:
    """Groundedness: the draft's facts appear in the notes, the retrieved sources or the profile."""
    from sendemast.drafting.accounting import blank_tags, unsupported_facts
    from sendemast.drafting.facts import extract_facts

    out = ctx.output
    # the draft's own accounting's material: past posts shown as style examples are about other occasions
    material = [out.input, _profile_text(ctx),
                *(str(s.get("text", "")) for s in out.sources if s.get("kind") != "posts")]
    total = len({f"{f.kind}:{f.text.lower()}" for f in extract_facts(blank_tags(out.text))})
    missing = unsupported_facts(out.text, material)
    lang = out.lang
    findings: list[dict[str, Any]] = [{
        "rule": "eval.ungrounded", "severity": "review", "start": f.start, "end": f.end,
        "message": (f"«{f.text}» står hverken i noterne, kilderne eller profilen" if lang == "da"
                    else f"\"{f.text}\" is in neither the notes, the sources nor the profile"),
        "fact": f.to_dict()} for f in missing]
    value = 1.0 if total == 0 else (total - len(missing)) / total
    wanted = ctx.expect.grounded is not False
    explanation = (f"{total - len(missing)} of {total} facts have a source" +
                   (f"; unsupported: {', '.join(f.text for f in missing)}" if missing else ""))
    return {"grounded": Score(round(value, 4), explanation, status=checked(not missing) if wanted else "info",
                              scale=(0.0, 1.0), findings=findings,
                              metadata={"total": total, "unsupported": [f.to_dict() for f in missing]})}
